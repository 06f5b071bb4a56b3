// `add` updates the object its parameter points to; both workers pass `&shared`: the helper's
// `a->n` is `shared.n` at those calls.
#include <pthread.h>

struct acc {
    long n;
};

static struct acc shared;

static void add(struct acc *a, long k)
{
    a->n += k; //~ ERROR data-race
}

static void *worker(void *arg)
{
    (void)arg;
    add(&shared, 1);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)shared.n;
}
