// Each worker gets its own slot with its own mutex, and locks it around the shared total: every
// thread holds a different lock, so none keeps another out of `total`.
#include <pthread.h>

#define NWORKERS 4

struct slot {
    pthread_mutex_t mu;
    long done;
};

static long total;

static void *worker(void *arg)
{
    struct slot *s = arg;
    pthread_mutex_lock(&s->mu);
    s->done++;
    total++; //~ ERROR data-race
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

int main(void)
{
    struct slot slots[NWORKERS];
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) {
        pthread_mutex_init(&slots[i].mu, NULL);
        slots[i].done = 0;
        pthread_create(&t[i], NULL, worker, &slots[i]);
    }
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(t[i], NULL);
    return (int)total;
}
