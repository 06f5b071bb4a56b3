// A worker increments a global counter while main adds to it before joining.
#include <pthread.h>
#include <stdio.h>

static long counter;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++)
        counter++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t;
    counter = 0;
    pthread_create(&t, NULL, worker, NULL);
    counter += 5;
    pthread_join(t, NULL);
    printf("%ld\n", counter);
    return 0;
}
