// Each worker counts in its own slot of `counts`; `main` adds up the slots once every worker is
// joined. Two workers never share a slot, and the sum comes after their last write.
#include <pthread.h>

#define NWORKERS 4
static long counts[NWORKERS];

static void *count_lines(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 1000; i++)
        counts[id]++;
    return NULL;
}

int main(void)
{
    pthread_t t[NWORKERS];
    for (long i = 0; i < NWORKERS; i++)
        pthread_create(&t[i], NULL, count_lines, (void *)i);
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(t[i], NULL);
    long total = 0;
    for (int i = 0; i < NWORKERS; i++)
        total += counts[i];
    return total > 0;
}
