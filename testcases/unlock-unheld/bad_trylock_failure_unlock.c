// When trylock fails the lock belongs to another thread; this code unlocks it anyway.
#include <pthread.h>

struct stats {
    pthread_mutex_t mu;
    unsigned long hits, skipped;
};

void stats_try_hit(struct stats *s)
{
    if (pthread_mutex_trylock(&s->mu) != 0) {
        s->skipped++;
        pthread_mutex_unlock(&s->mu); //~ ERROR unlock-unheld
        return;
    }
    s->hits++;
    pthread_mutex_unlock(&s->mu);
}
