// Lazy initialization through a once construct (OVS's ovsthread_once): the first caller runs
// the block and every later one waits until it is done, so the write in the block is ordered
// before every read that follows the construct. Two threads call it: no race.
// fearless-flags: --verbose
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "once.h"

static int *table;

static int *get_table(void)
{
    static struct once once = ONCE_INITIALIZER;

    if (once_start(&once)) {
        table = calloc(64, sizeof *table); //~ NOTE data-race
        once_done(&once);
    }
    return table;
}

static void *worker(void *arg)
{
    (void)arg;
    return get_table();
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    int *mine = get_table();
    pthread_join(t, NULL);
    return mine != NULL;
}
