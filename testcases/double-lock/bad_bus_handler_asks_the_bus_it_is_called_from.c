// The bus calls its handlers with its lock held, through the bus pointer it is given; the stats
// handler asks the same bus how many events it delivered, which takes that lock again.
#include <pthread.h>
#include <stdio.h>

typedef void (*handler_fn)(int event);

struct bus {
    pthread_mutex_t lock;
    handler_fn handlers[4];
    int nhandlers;
    long delivered;
};

static struct bus g_bus = {.lock = PTHREAD_MUTEX_INITIALIZER};

static long bus_delivered(struct bus *b)
{
    pthread_mutex_lock(&b->lock);
    long n = b->delivered;
    pthread_mutex_unlock(&b->lock);
    return n;
}

static void bus_subscribe(struct bus *b, handler_fn fn)
{
    pthread_mutex_lock(&b->lock);
    if (b->nhandlers < 4)
        b->handlers[b->nhandlers++] = fn;
    pthread_mutex_unlock(&b->lock);
}

static void bus_emit(struct bus *b, int event)
{
    pthread_mutex_lock(&b->lock);
    for (int i = 0; i < b->nhandlers; i++) {
        b->handlers[i](event); //~ ERROR double-lock
        b->delivered++;
    }
    pthread_mutex_unlock(&b->lock);
}

static void stats_handler(int event)
{
    printf("event %d, %ld delivered so far\n", event, bus_delivered(&g_bus));
}

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3; i++)
        bus_emit(&g_bus, i);
    return NULL;
}

int main(void)
{
    pthread_t t;
    bus_subscribe(&g_bus, stats_handler);
    pthread_create(&t, NULL, producer, NULL);
    pthread_join(t, NULL);
    return 0;
}
