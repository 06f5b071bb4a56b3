// The flusher tries the lock and goes on whatever the answer: when another thread holds
// `log_mu`, the flusher writes the buffer unprotected and then releases the other thread's lock.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static char log_buf[256];

static void *flusher(void *arg)
{
    (void)arg;
    pthread_mutex_trylock(&log_mu);
    fputs(log_buf, stderr);
    log_buf[0] = '\0';
    pthread_mutex_unlock(&log_mu); //~ ERROR unlock-unheld
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, flusher, NULL);
    pthread_join(t, NULL);
    return 0;
}
