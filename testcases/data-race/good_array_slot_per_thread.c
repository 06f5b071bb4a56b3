// Each thread writes its own slot of a global array (an index fearless does not compare).
#include <pthread.h>

#define N 4
static long results[N];

static void *fill(void *arg)
{
    long id = (long)arg;
    results[id] = id * id;
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, fill, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return (int)results[1];
}
