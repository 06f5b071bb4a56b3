// The thread runs a callback it was handed as a parameter; the callback writes a counter that
// main writes too.
#include <pthread.h>

static long total;

static void add_total(long n)
{
    total += n; //~ ERROR data-race
}

static void for_each(const long *v, int n, void (*cb)(long))
{
    for (int i = 0; i < n; i++)
        cb(v[i]);
}

static void *summer(void *arg)
{
    static const long values[3] = {1, 2, 3};
    (void)arg;
    for_each(values, 3, add_total);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, summer, NULL);
    total = 100;
    pthread_join(t, NULL);
    return (int)total;
}
