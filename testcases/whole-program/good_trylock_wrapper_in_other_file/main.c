#include <pthread.h>
#include <stdlib.h>

int my_mutex_trylock(pthread_mutex_t *m);
void my_mutex_unlock(pthread_mutex_t *m);

#define ASSERT(e) do { if (!(e)) abort(); } while (0)

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int poll_once(void)
{
    if (my_mutex_trylock(&m) != 0)
        return 0; /* busy: try later */
    my_mutex_unlock(&m);
    return 1;
}

int main(void)
{
    ASSERT(0 == my_mutex_trylock(&m));
    my_mutex_unlock(&m);
    return poll_once();
}
