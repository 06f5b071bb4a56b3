// Each worker declares its own mutex and locks it around the shared counter: every thread holds
// a different lock, so the increments still race.
#include <pthread.h>
#include <stdio.h>

static int counter;

static void *worker(void *arg)
{
    pthread_mutex_t m;
    (void)arg;
    pthread_mutex_init(&m, NULL);
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&m);
        counter++; //~ ERROR data-race
        pthread_mutex_unlock(&m);
    }
    pthread_mutex_destroy(&m);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("%d\n", counter);
    return 0;
}
