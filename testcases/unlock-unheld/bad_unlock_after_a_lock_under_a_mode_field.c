// A ring buffer locks only when its `shared` field says other threads use it, but unlocks
// whether or not it did: the consumer's private buffer, made not shared, is unlocked unheld.
// The accesses in between are no data race: the shared buffer is always locked.
#include <pthread.h>
#include <stdio.h>

#define RB_SIZE 64

struct ringbuf {
    pthread_mutex_t lock;
    int shared;
    int data[RB_SIZE];
    unsigned head, tail;
};

static struct ringbuf shared_rb;

static void rb_init(struct ringbuf *rb, int shared)
{
    pthread_mutex_init(&rb->lock, NULL);
    rb->shared = shared;
    rb->head = rb->tail = 0;
}

static int rb_push(struct ringbuf *rb, int v)
{
    int rc = 0;
    if (rb->shared)
        pthread_mutex_lock(&rb->lock);
    if (rb->head - rb->tail == RB_SIZE)
        rc = -1;
    else
        rb->data[rb->head++ % RB_SIZE] = v;
    pthread_mutex_unlock(&rb->lock); //~ ERROR unlock-unheld
    return rc;
}

static int rb_pop(struct ringbuf *rb, int *v)
{
    int rc = 0;
    if (rb->shared)
        pthread_mutex_lock(&rb->lock);
    if (rb->head == rb->tail)
        rc = -1;
    else
        *v = rb->data[rb->tail++ % RB_SIZE];
    if (rb->shared)
        pthread_mutex_unlock(&rb->lock);
    return rc;
}

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++)
        while (rb_push(&shared_rb, i) != 0)
            ;
    return NULL;
}

static void *consumer(void *arg)
{
    struct ringbuf local;
    int v, n = 0;
    (void)arg;
    rb_init(&local, 0);
    while (n < 1000)
        if (rb_pop(&shared_rb, &v) == 0) {
            rb_push(&local, v);
            rb_pop(&local, &v);
            n++;
        }
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    rb_init(&shared_rb, 1);
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("%u\n", shared_rb.head);
    return 0;
}
