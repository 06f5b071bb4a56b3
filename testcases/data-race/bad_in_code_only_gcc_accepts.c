// compile-flags: -std=gnu11 -Werror
// Code that GCC up to 13 builds with warnings and clang 16 and later reject by default (an
// undeclared function, an integer stored in a pointer, an old-style return): fearless analyzes
// it as the project's compiler sees it, even under -Werror, and finds the race.
#include <pthread.h>

static long counter;

static int flush(void)
{
    return;
}

static void *worker(void *arg)
{
    int *slot = 4096;
    (void)arg;
    (void)slot;
    counter++; //~ ERROR data-race
    log_event(1);
    flush();
    return 0;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], 0, worker, 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], 0);
    return 0;
}
