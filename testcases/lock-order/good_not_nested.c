// The locks are taken one after the other, never one inside the other.
#include <pthread.h>

static pthread_mutex_t a_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b_mu = PTHREAD_MUTEX_INITIALIZER;
static int a, b;

void bump_ab(void)
{
    pthread_mutex_lock(&a_mu);
    a++;
    pthread_mutex_unlock(&a_mu);
    pthread_mutex_lock(&b_mu);
    b++;
    pthread_mutex_unlock(&b_mu);
}

void bump_ba(void)
{
    pthread_mutex_lock(&b_mu);
    b++;
    pthread_mutex_unlock(&b_mu);
    pthread_mutex_lock(&a_mu);
    a++;
    pthread_mutex_unlock(&a_mu);
}
