// Each thread locks the mutex in the object it is passed, and two spawns pass two objects: the
// global counter is under a different lock in each thread, which excludes nothing.
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
        hits++; //~ ERROR data-race
        pthread_mutex_unlock(&w->lock);
    }
    return NULL;
}

int main(void)
{
    struct worker a = {PTHREAD_MUTEX_INITIALIZER, 1};
    struct worker b = {PTHREAD_MUTEX_INITIALIZER, 2};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, run, &a);
    pthread_create(&t2, NULL, run, &b);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("%ld\n", hits);
    return 0;
}
