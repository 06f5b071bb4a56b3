// The same clean-up thread, joined before the lock is taken (the fix), and a second thread that
// never takes the lock, joined with it held: neither can deadlock.
#include <pthread.h>
#include <stdlib.h>

struct ipf {
    pthread_mutex_t lock;
    pthread_t clean_thread;
    pthread_t stats_thread;
    int exiting;
    int nfrags;
    long polls;
};

static void clean_expired(struct ipf *ipf)
{
    pthread_mutex_lock(&ipf->lock);
    ipf->nfrags = 0;
    pthread_mutex_unlock(&ipf->lock);
}

static void *clean_main(void *arg)
{
    struct ipf *ipf = arg;
    while (!__atomic_load_n(&ipf->exiting, __ATOMIC_ACQUIRE))
        clean_expired(ipf);
    return NULL;
}

static void *stats_main(void *arg)
{
    struct ipf *ipf = arg;
    while (!__atomic_load_n(&ipf->exiting, __ATOMIC_ACQUIRE))
        __atomic_add_fetch(&ipf->polls, 1, __ATOMIC_RELAXED);
    return NULL;
}

struct ipf *ipf_init(void)
{
    struct ipf *ipf = calloc(1, sizeof *ipf);
    pthread_mutex_init(&ipf->lock, NULL);
    pthread_create(&ipf->clean_thread, NULL, clean_main, ipf);
    pthread_create(&ipf->stats_thread, NULL, stats_main, ipf);
    return ipf;
}

void ipf_destroy(struct ipf *ipf)
{
    __atomic_store_n(&ipf->exiting, 1, __ATOMIC_RELEASE);
    pthread_join(ipf->clean_thread, NULL);
    pthread_mutex_lock(&ipf->lock);
    pthread_join(ipf->stats_thread, NULL);
    ipf->nfrags = 0;
    pthread_mutex_unlock(&ipf->lock);
    free(ipf);
}
