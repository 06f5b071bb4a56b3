// A project macro around pthread_create is checked like the call itself.
#include <pthread.h>
#include <stdlib.h>

#define SPAWN_OR_DIE(t, fn, arg)                    \
    do {                                            \
        if (pthread_create(&(t), NULL, fn, arg))    \
            abort();                                \
    } while (0)

static void *tick(void *arg)
{
    return arg;
}

void start_clock(void)
{
    long ticks = 0;
    pthread_t clock_thread;
    SPAWN_OR_DIE(clock_thread, tick, &ticks); //~ ERROR thread-borrow
}
