// The snapshot is copied out after the worker that fills it is joined: ordered, no race.
#include <pthread.h>
#include <string.h>

struct stats {
    long sent;
    long received;
};

static struct stats live;

static void *worker(void *arg)
{
    (void)arg;
    live.sent = 10;
    live.received = 20;
    return NULL;
}

int main(void)
{
    struct stats copy;
    pthread_t t;
    memset(&live, 0, sizeof live);
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    memcpy(&copy, &live, sizeof copy);
    return (int)copy.sent;
}
