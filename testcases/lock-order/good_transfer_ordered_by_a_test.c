// The transfer compares the two indexes and locks the lower one first on either branch.
#include <pthread.h>

static pthread_mutex_t account_mu[2] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
static long balance[2] = {100, 100};

struct transfer {
    int from, to;
    long amount;
};

static void *run_transfer(void *arg)
{
    struct transfer *t = arg;
    if (t->from < t->to) {
        pthread_mutex_lock(&account_mu[t->from]);
        pthread_mutex_lock(&account_mu[t->to]);
    } else {
        pthread_mutex_lock(&account_mu[t->to]);
        pthread_mutex_lock(&account_mu[t->from]);
    }
    balance[t->from] -= t->amount;
    balance[t->to] += t->amount;
    pthread_mutex_unlock(&account_mu[t->to]);
    pthread_mutex_unlock(&account_mu[t->from]);
    return NULL;
}

int main(void)
{
    struct transfer a = {0, 1, 10}, b = {1, 0, 20};
    pthread_t x, y;
    pthread_create(&x, NULL, run_transfer, &a);
    pthread_create(&y, NULL, run_transfer, &b);
    pthread_join(x, NULL);
    pthread_join(y, NULL);
    return 0;
}
