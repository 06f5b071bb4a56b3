// The helper writes the table in the worker and again in main, but main's call comes after the
// join, and the worker's slice of another table is its own.
#include <pthread.h>

static int table[64];
static int other[64];

static void fill(int *d, int n, int v)
{
    for (int i = 0; i < n; i++)
        d[i] = v;
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
    fill(other, 64, 3);
    pthread_join(t, NULL);
    fill(table, 64, 2);
    return table[0] + other[0];
}
