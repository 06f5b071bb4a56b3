// Both threads fill the same global table through a helper that takes the array as a pointer:
// `d[i]` in the helper is `table` at each call.
#include <pthread.h>

static int table[64];

static void fill(int *d, int n, int v)
{
    for (int i = 0; i < n; i++)
        d[i] = v; //~ ERROR data-race
}

static void *worker(void *arg)
{
    (void)arg;
    fill(table, 64, 1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    fill(table, 64, 2);
    pthread_join(t, NULL);
    return table[0];
}
