// Joining every thread of an array in a loop, each join wrapped in a test macro whose body is a
// `do { ... } while (0)` (libuv's ASSERT): the loop that joins them all is the `for`, not the
// macro's do-while, and leaving it joins all of `threads`.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define ASSERT(expr)                                  \
    do {                                              \
        if (!(expr)) {                                \
            fprintf(stderr, "failed: %s\n", #expr);   \
            abort();                                  \
        }                                             \
    } while (0)

static void *worker(void *p)
{
    return p;
}

int run(void)
{
    pthread_t threads[4];
    int shared = 0;
    for (unsigned i = 0; i < 4; ++i)
        ASSERT(0 == pthread_create(&threads[i], NULL, worker, &shared));
    for (unsigned i = 0; i < 4; ++i)
        ASSERT(0 == pthread_join(threads[i], NULL));
    return shared;
}
