// After the matching unlock, a failed trylock leaves the lock unheld: unlocking it again is a bug.
#include <pthread.h>

static pthread_mutex_t q_mu = PTHREAD_MUTEX_INITIALIZER;
static int q_len;

void q_drain(void)
{
    pthread_mutex_lock(&q_mu);
    q_len = 0;
    pthread_mutex_unlock(&q_mu);
    if (pthread_mutex_trylock(&q_mu) != 0) {
        pthread_mutex_unlock(&q_mu); //~ ERROR unlock-unheld
        return;
    }
    q_len = 0;
    pthread_mutex_unlock(&q_mu);
}
