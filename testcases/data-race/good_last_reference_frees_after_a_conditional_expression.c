// The last reference frees the object and what it owns: the test of the count's drop is the
// branch the frees are on, even with a `?:` between them (its join is on no arm of its own).
/* A shared, read-only object with an atomic reference count. main
 * takes one reference per thread before creating it; each thread drops
 * its reference when done and main drops its own. Whoever performs the
 * final decrement (acq_rel) frees the object; nobody touches it after
 * their own release. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NTHREADS 4
#define NDATA 64

struct object {
    atomic_int refs;
    char *name;
    int data[NDATA];
};

static struct object *obj_new(const char *name)
{
    struct object *o = malloc(sizeof *o);
    if (!o)
        return NULL;
    atomic_init(&o->refs, 1);
    o->name = strdup(name);
    for (int i = 0; i < NDATA; i++)
        o->data[i] = i * 3;
    return o;
}

static struct object *obj_get(struct object *o)
{
    atomic_fetch_add_explicit(&o->refs, 1, memory_order_relaxed);
    return o;
}

static void obj_put(struct object *o)
{
    if (atomic_fetch_sub_explicit(&o->refs, 1, memory_order_acq_rel) == 1) {
        printf("freeing %s\n", o->name ? o->name : "?");
        free(o->name);
        free(o);
    }
}

static void *user(void *arg)
{
    struct object *o = arg;       /* we own one reference */
    long sum = 0;

    for (int i = 0; i < NDATA; i++)
        sum += o->data[i];
    printf("user saw %s sum %ld\n", o->name ? o->name : "?", sum);
    obj_put(o);                   /* o must not be used after this */
    return NULL;
}

int main(void)
{
    pthread_t th[NTHREADS];
    struct object *o = obj_new("shared-config");
    int started = 0;

    if (!o)
        return 1;
    for (int i = 0; i < NTHREADS; i++) {
        obj_get(o);
        if (pthread_create(&th[started], NULL, user, o) != 0) {
            obj_put(o);           /* undo the reference meant for the thread */
            continue;
        }
        started++;
    }
    obj_put(o);                   /* drop main's reference; may not be last */
    o = NULL;

    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    return 0;
}
