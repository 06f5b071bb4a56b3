// The trace mutex is recursive; the table mutex is a plain one, and the error path jumps to
// the unlock before the table mutex was ever locked.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t trace_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static int table[64];

static void trace(const char *what)
{
    pthread_mutex_lock(&trace_lock);
    fprintf(stderr, "%s\n", what);
    pthread_mutex_unlock(&trace_lock);
}

int table_set(int slot, int value)
{
    int rc = 0;
    if (slot < 0 || slot >= 64) {
        rc = -1;
        goto out;
    }
    pthread_mutex_lock(&table_lock);
    table[slot] = value;
out:
    pthread_mutex_unlock(&table_lock); //~ ERROR unlock-unheld
    trace("set");
    return rc;
}
