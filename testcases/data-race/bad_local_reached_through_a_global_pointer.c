// main keeps its server state on its stack and publishes it through a global pointer; the workers
// count under the server's lock, but main resets the count without it while they run.
#include <pthread.h>
#include <string.h>

struct server {
    pthread_mutex_t mu;
    long requests;
};

static struct server *srv;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&srv->mu);
    srv->requests++;
    pthread_mutex_unlock(&srv->mu);
    return NULL;
}

int main(void)
{
    struct server s;
    memset(&s, 0, sizeof s);
    pthread_mutex_init(&s.mu, NULL);
    srv = &s;
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    s.requests = 0; //~ ERROR data-race
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    srv = NULL;
    return (int)s.requests;
}
