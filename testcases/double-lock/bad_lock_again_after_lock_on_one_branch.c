// The flusher takes `out_mu` early when the buffer is full, then takes it again unconditionally:
// when the buffer was full, it waits for itself.
#include <pthread.h>
#include <string.h>

static pthread_mutex_t out_mu = PTHREAD_MUTEX_INITIALIZER;
static char buf[256];
static size_t used;

static void *flusher(void *arg)
{
    (void)arg;
    if (strlen(buf) >= sizeof buf - 1)
        pthread_mutex_lock(&out_mu);
    pthread_mutex_lock(&out_mu); //~ ERROR double-lock
    used = 0;
    pthread_mutex_unlock(&out_mu);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, flusher, NULL);
    pthread_join(t, NULL);
    return 0;
}
