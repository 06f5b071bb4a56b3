// Each detached worker fills its own slot of `results`, then counts itself done with an atomic
// add; `main` spins on an atomic load until the count reaches the number of workers, and only
// then adds up the slots.
#include <pthread.h>
#include <stdatomic.h>

#define NWORKERS 4
static atomic_int done;
static long results[NWORKERS];

static void *worker(void *arg)
{
    long id = (long)arg;
    results[id] = id * id;
    atomic_fetch_add(&done, 1);
    return NULL;
}

int main(void)
{
    for (long i = 0; i < NWORKERS; i++) {
        pthread_t t;
        pthread_create(&t, NULL, worker, (void *)i);
        pthread_detach(t);
    }
    while (atomic_load(&done) < NWORKERS)
        ;
    long sum = 0;
    for (int i = 0; i < NWORKERS; i++)
        sum += results[i];
    return sum > 0;
}
