// The workers pass their own `async` value, which may be zero: they may all reach free_now()
// and its unlocked count.
#include <pthread.h>

struct client { int fd; int async; };

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct client *to_close[16];
static int nclose;
static int nfreed;

static void free_now(struct client *c)
{
    c->fd = -1;
    nfreed++; //~ ERROR data-race
}

static void close_client(struct client *c, int async)
{
    if (async) {
        pthread_mutex_lock(&mu);
        if (nclose < 16)
            to_close[nclose++] = c;
        pthread_mutex_unlock(&mu);
    } else {
        free_now(c);
    }
}

static void *worker(void *arg)
{
    struct client *c = arg;
    close_client(c, c->async);
    return NULL;
}

int main(void)
{
    static struct client c[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, &c[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return nfreed;
}
