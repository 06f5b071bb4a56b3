// Only the thread that drops the last reference goes past `if (!last) return;`: every other
// thread has given its reference back after its last use, so reading the final sum there races
// with nothing.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NT 3

struct obj {
    pthread_mutex_t lock;
    int refcnt;
    long sum;
};

static struct obj *obj_new(void)
{
    struct obj *o = malloc(sizeof(*o));
    if (!o)
        return NULL;
    pthread_mutex_init(&o->lock, NULL);
    o->refcnt = 1;
    o->sum = 0;
    return o;
}

static void obj_get(struct obj *o)
{
    pthread_mutex_lock(&o->lock);
    o->refcnt++;
    pthread_mutex_unlock(&o->lock);
}

static void obj_put(struct obj *o)
{
    int last;

    pthread_mutex_lock(&o->lock);
    last = (--o->refcnt == 0);
    pthread_mutex_unlock(&o->lock);
    if (!last)
        return;
    printf("final sum=%ld\n", o->sum);
    pthread_mutex_destroy(&o->lock);
    free(o);
}

static void *worker(void *arg)
{
    struct obj *o = arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&o->lock);
        o->sum += i;
        pthread_mutex_unlock(&o->lock);
    }
    obj_put(o);
    return NULL;
}

int main(void)
{
    pthread_t t[NT];
    struct obj *o = obj_new();

    if (!o)
        return 1;
    for (int i = 0; i < NT; i++) {
        obj_get(o);
        pthread_create(&t[i], NULL, worker, o);
    }
    obj_put(o);
    for (int i = 0; i < NT; i++)
        pthread_join(t[i], NULL);
    return 0;
}
