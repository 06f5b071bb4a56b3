// main sets the global up before it spawns, and the worker reads it: the rule counts both
// accesses (Rust rejects a non-Sync static outright). Make it Sync, or pass it to the thread.
#include <pthread.h>

#include "../../annotations/fearless.h"

typedef struct config {
    int verbose;
    const char *root;
} config_t NOT_SYNC;

static config_t cfg;

static void *walk(void *arg)
{
    (void)arg;
    return (void *)cfg.root; //~ ERROR not-sync
}

int main(int argc, char **argv)
{
    pthread_t t;
    cfg.root = argc > 1 ? argv[1] : ".";
    pthread_create(&t, NULL, walk, NULL);
    pthread_join(t, NULL);
    return 0;
}
