// FL_ALLOW on a global variable silences the listed checks' findings that quote it (or a place
// in it); the same race on another variable is still reported.
// fearless-flags: --report-unused-suppressions
#include <pthread.h>
#include "../../annotations/fearless.h"

static long hits FL_ALLOW(data-race); /* a statistic: an approximate count is fine */
static struct { long n; } batch FL_ALLOW(data-race);
static long misses;
static long unused_allow FL_ALLOW(lock-leak); //~ WARNING input

static void *worker(void *arg)
{
    (void)arg;
    hits++;
    batch.n++;
    misses++; //~ ERROR data-race
    unused_allow++;
    return NULL;
}

int main(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0)
        return 1;
    hits += 5;
    batch.n += 5;
    misses += 1;
    pthread_join(t, NULL);
    return 0;
}
