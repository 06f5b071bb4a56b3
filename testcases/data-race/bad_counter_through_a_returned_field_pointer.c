// A helper returns a pointer to a field of the server it is given; every worker bumps the
// request count through it without a lock.
#include <pthread.h>
struct stats { long requests; long errors; };
struct server { pthread_mutex_t lock; struct stats stats; int port; };
static struct stats *server_stats(struct server *s)
{
    return &s->stats;
}
static void *worker(void *arg)
{
    struct server *srv = arg;
    for (int i = 0; i < 100; i++) {
        struct stats *st = server_stats(srv);
        st->requests++; //~ ERROR data-race
    }
    return NULL;
}
static struct server srv = {.lock = PTHREAD_MUTEX_INITIALIZER};
int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, &srv);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
