// A one-slot channel between C11 threads: send waits for the slot to be empty and stores the
// reading there; the logger thread receives it and frees it. Updating the reading after sending
// it writes memory the logger may have freed.
#include <stdlib.h>
#include <stdio.h>
#include <threads.h>

struct reading {
    int sensor;
    double celsius;
};

struct channel {
    mtx_t mu;
    cnd_t changed;
    struct reading *slot;
    int closed;
};

static void channel_send(struct channel *ch, struct reading *r)
{
    mtx_lock(&ch->mu);
    while (ch->slot)
        cnd_wait(&ch->changed, &ch->mu);
    ch->slot = r;
    cnd_broadcast(&ch->changed);
    mtx_unlock(&ch->mu);
}

static struct reading *channel_recv(struct channel *ch)
{
    mtx_lock(&ch->mu);
    while (!ch->slot && !ch->closed)
        cnd_wait(&ch->changed, &ch->mu);
    struct reading *r = ch->slot;
    ch->slot = NULL;
    cnd_broadcast(&ch->changed);
    mtx_unlock(&ch->mu);
    return r;
}

static int logger(void *arg)
{
    struct channel *ch = arg;
    for (;;) {
        struct reading *r = channel_recv(ch);
        if (!r)
            break;
        printf("sensor %d: %.1f\n", r->sensor, r->celsius);
        free(r);
    }
    return 0;
}

int main(void)
{
    struct channel ch = {.slot = NULL, .closed = 0};
    thrd_t t;
    mtx_init(&ch.mu, mtx_plain);
    cnd_init(&ch.changed);
    if (thrd_create(&t, logger, &ch) != thrd_success)
        return 1;
    for (int i = 0; i < 8; i++) {
        struct reading *r = malloc(sizeof *r);
        if (!r)
            break;
        r->sensor = i % 2;
        r->celsius = 20.0 + i;
        channel_send(&ch, r);
        r->celsius = 0; //~ ERROR use-after-move
    }
    mtx_lock(&ch.mu);
    ch.closed = 1;
    cnd_broadcast(&ch.changed);
    mtx_unlock(&ch.mu);
    thrd_join(t, NULL);
    return 0;
}
