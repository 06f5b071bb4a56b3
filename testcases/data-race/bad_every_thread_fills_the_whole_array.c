// Each worker fills every slot of `table` in a loop from 0: the index takes the same values in
// every thread, so the two workers write the same elements.
#include <pthread.h>

#define N 64
static int table[N];

static void *fill(void *arg)
{
    (void)arg;
    for (int i = 0; i < N; i++)
        table[i] = i * i; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, fill, NULL);
    pthread_create(&b, NULL, fill, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return table[3];
}
