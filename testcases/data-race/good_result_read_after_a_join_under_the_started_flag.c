// The summing thread is started only when there is work, and a flag set right after its start
// says so; `main` joins it under that flag before reading the sum. Where the flag is zero, no
// thread was started.
#include <pthread.h>
#include <stdio.h>

static int data[64];
static long sum;

static void *summer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 64; i++)
        sum += data[i];
    return NULL;
}

int main(int argc, char **argv)
{
    (void)argv;
    pthread_t t;
    int started = 0;
    for (int i = 0; i < 64; i++)
        data[i] = i * argc;
    if (argc > 1) {
        pthread_create(&t, NULL, summer, NULL);
        started = 1;
    }
    if (started)
        pthread_join(t, NULL);
    printf("sum=%ld\n", sum);
    return 0;
}
