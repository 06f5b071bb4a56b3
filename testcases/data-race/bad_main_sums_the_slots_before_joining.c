// Each worker counts in its own slot of `counts`, but `main` adds up every slot before it joins
// them: the loop over the whole array reads each worker's slot while that worker writes it.
#include <pthread.h>

#define NWORKERS 4
static long counts[NWORKERS];

static void *count_lines(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 1000; i++)
        counts[id]++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t[NWORKERS];
    for (long i = 0; i < NWORKERS; i++)
        pthread_create(&t[i], NULL, count_lines, (void *)i);
    long total = 0;
    for (int i = 0; i < NWORKERS; i++)
        total += counts[i];
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(t[i], NULL);
    return total > 0;
}
