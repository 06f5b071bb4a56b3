// The worker leaves its loop with `q_mu` held when the queue is full: reported once, at the
// `break` (the test that decides it is the same one).
#include <pthread.h>

static pthread_mutex_t q_mu = PTHREAD_MUTEX_INITIALIZER;
static int q[10], n;

static void *filler(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&q_mu);
        if (n >= 10)
            break; //~ ERROR lock-leak
        q[n++] = i;
        pthread_mutex_unlock(&q_mu);
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, filler, NULL);
    pthread_join(t, NULL);
    return 0;
}
