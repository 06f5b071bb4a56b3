// The worker unlocks `stats_lock` after its update, but nothing in the program ever locks it:
// the lock call was forgotten, and the unlock is of a mutex nobody holds.
#include <pthread.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long served;

static void *worker(void *arg)
{
    served++;
    pthread_mutex_unlock(&stats_lock); //~ ERROR unlock-unheld
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    return (int)served;
}
