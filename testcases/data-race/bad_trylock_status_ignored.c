// The worker calls trylock as if it were lock: when main holds the mutex the try fails, and the
// worker updates the counter anyway, then unlocks main's mutex.
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_trylock(&mu);
    counter++; //~ ERROR data-race
    pthread_mutex_unlock(&mu); //~ ERROR unlock-unheld
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return (int)counter;
}
