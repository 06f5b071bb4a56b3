#include <pthread.h>

int my_mutex_trylock(pthread_mutex_t *m);
void my_mutex_unlock(pthread_mutex_t *m);

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int poll_once(void)
{
    if (my_mutex_trylock(&m) != 0) {
        my_mutex_unlock(&m); //~ ERROR unlock-unheld
        return 0;
    }
    my_mutex_unlock(&m);
    return 1;
}

int main(void) { return poll_once(); }
