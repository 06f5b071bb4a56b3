// Both threads are passed the same object and lock its mutex around the global counter: one lock.
#include <pthread.h>
#include <stdio.h>

static long hits;

struct worker {
    pthread_mutex_t lock;
    int id;
};

static void *run(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&w->lock);
        hits++;
        pthread_mutex_unlock(&w->lock);
    }
    return NULL;
}

int main(void)
{
    struct worker a = {PTHREAD_MUTEX_INITIALIZER, 1};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, run, &a);
    pthread_create(&t2, NULL, run, &a);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("%ld\n", hits);
    return 0;
}
