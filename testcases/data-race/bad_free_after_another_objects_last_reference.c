// The count that reached its last reference is the pool's, not the message's: the message is
// freed while the reader may still read it.
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct pool {
    atomic_int refs;
};

struct msg {
    int len;
};

static struct pool pool = {2};

static void *reader(void *arg)
{
    struct msg *m = arg;
    return (void *)(long)m->len;
}

int main(void)
{
    struct msg *m = calloc(1, sizeof *m);
    pthread_t a;
    pthread_create(&a, NULL, reader, m);
    if (atomic_fetch_sub(&pool.refs, 1) == 1)
        free(m); //~ ERROR data-race
    pthread_join(a, NULL);
    return 0;
}
