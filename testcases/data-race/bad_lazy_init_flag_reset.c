// Lazy initialization under a mutex, but another thread clears `inited` again: the table may
// be made a second time while a worker reads the pointer outside the lock.
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int *table;
static int inited;

static int *get_table(void)
{
    pthread_mutex_lock(&m);
    if (!inited) {
        table = calloc(8, sizeof *table); //~ ERROR data-race
        inited = 1;
    }
    pthread_mutex_unlock(&m);
    return table;
}

static void *worker(void *arg)
{
    return get_table();
}

static void *reset(void *arg)
{
    pthread_mutex_lock(&m);
    inited = 0;
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t a, b, c;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_create(&c, NULL, reset, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(c, NULL);
    return 0;
}
