// Each worker gets its own slot, but every slot points to one mutex: the total is protected.
#include <pthread.h>

#define NWORKERS 4

struct slot {
    pthread_mutex_t *mu;
    long done;
};

static long total;

static void *worker(void *arg)
{
    struct slot *s = arg;
    pthread_mutex_lock(s->mu);
    s->done++;
    total++;
    pthread_mutex_unlock(s->mu);
    return NULL;
}

int main(void)
{
    static pthread_mutex_t total_mu = PTHREAD_MUTEX_INITIALIZER;
    struct slot slots[NWORKERS];
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) {
        slots[i].mu = &total_mu;
        slots[i].done = 0;
        pthread_create(&t[i], NULL, worker, &slots[i]);
    }
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(t[i], NULL);
    return (int)total;
}
