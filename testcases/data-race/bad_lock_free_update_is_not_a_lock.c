// A compare-and-swap loop that bumps a counter is an atomic update, not a lock: it does not
// start from 0 and swaps in a computed value, so the plain write after it is unprotected. An
// exchange that swaps in a computed value is no test-and-set either.
#include <pthread.h>

static unsigned long next_id;
static void *last_owner;
static long last_id;
static long last_seen;

static void *worker(void *arg)
{
    unsigned long old;
    do {
        old = next_id;
    } while (!__sync_bool_compare_and_swap(&next_id, old, old + 1));
    last_id = (long)old; //~ ERROR data-race
    void *prev = __atomic_exchange_n(&last_owner, arg, __ATOMIC_ACQ_REL);
    if (prev)
        last_seen++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return (int)(last_id + last_seen);
}
