// The clean-up thread takes `ipf->lock` in its loop; destroy holds that lock while it waits for
// the thread to end. If the thread is waiting for the lock when the join begins, neither goes on.
// (Open vSwitch's ipf_destroy did this.)
#include <pthread.h>
#include <stdlib.h>

struct ipf {
    pthread_mutex_t lock;
    pthread_t clean_thread;
    int exiting;
    int nfrags;
};

static void *clean_main(void *arg)
{
    struct ipf *ipf = arg;
    while (!__atomic_load_n(&ipf->exiting, __ATOMIC_ACQUIRE)) {
        pthread_mutex_lock(&ipf->lock);
        ipf->nfrags = 0;
        pthread_mutex_unlock(&ipf->lock);
    }
    return NULL;
}

struct ipf *ipf_init(void)
{
    struct ipf *ipf = calloc(1, sizeof *ipf);
    pthread_mutex_init(&ipf->lock, NULL);
    pthread_create(&ipf->clean_thread, NULL, clean_main, ipf);
    return ipf;
}

void ipf_destroy(struct ipf *ipf)
{
    pthread_mutex_lock(&ipf->lock);
    __atomic_store_n(&ipf->exiting, 1, __ATOMIC_RELEASE);
    pthread_join(ipf->clean_thread, NULL); //~ ERROR lock-order
    ipf->nfrags = 0;
    pthread_mutex_unlock(&ipf->lock);
    free(ipf);
}
