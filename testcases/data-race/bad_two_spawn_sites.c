// The same thread function started at two places: both threads append to `total`.
#include <pthread.h>

static long total;

static void *adder(void *arg)
{
    total += (long)arg; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, adder, (void *)1);
    pthread_create(&b, NULL, adder, (void *)2);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)total;
}
