// The empty case gives the lock back and jumps to the error label, which gives it back again.
#include <pthread.h>
#include <stdlib.h>

struct stats {
    pthread_mutex_t lock;
    unsigned n;
    unsigned samples[64];
};

static struct stats g_stats = {PTHREAD_MUTEX_INITIALIZER, 0, {0}};

int stats_copy(struct stats *s, unsigned **out)
{
    unsigned *copy;
    pthread_mutex_lock(&s->lock);
    if (s->n == 0) {
        pthread_mutex_unlock(&s->lock);
        goto err;
    }
    copy = malloc(s->n * sizeof *copy);
    if (!copy)
        goto err;
    for (unsigned i = 0; i < s->n; i++)
        copy[i] = s->samples[i];
    pthread_mutex_unlock(&s->lock);
    *out = copy;
    return 0;
err:
    pthread_mutex_unlock(&s->lock); //~ ERROR unlock-unheld
    return -1;
}

int main(void)
{
    unsigned *c;
    return stats_copy(&g_stats, &c);
}
