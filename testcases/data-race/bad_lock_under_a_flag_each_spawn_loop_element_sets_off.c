// The workers lock only when their argument says so; the spawn loop fills each element of the
// argument array with locking off, so every worker adds to the total without the lock.
#include <pthread.h>
#include <stdio.h>

struct ctx {
    int need_lock;
    int id;
};

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *worker(void *arg)
{
    struct ctx *c = arg;
    int locked = c->need_lock;
    for (int i = 0; i < 1000; i++) {
        if (locked)
            pthread_mutex_lock(&m);
        total += c->id; //~ ERROR data-race
        if (locked)
            pthread_mutex_unlock(&m);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    struct ctx ctx[3];
    for (int i = 0; i < 3; i++) {
        ctx[i].need_lock = 0;
        ctx[i].id = i + 1;
        pthread_create(&t[i], NULL, worker, &ctx[i]);
    }
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("total=%ld\n", total);
    return 0;
}
