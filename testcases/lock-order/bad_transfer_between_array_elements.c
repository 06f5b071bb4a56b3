// Each transfer locks the account it takes from, then the one it pays into. Two transfers the
// other way round at once each hold one account and wait for the other's.
#include <pthread.h>

#define NACCOUNTS 2

static pthread_mutex_t account_mu[NACCOUNTS] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
static long balance[NACCOUNTS] = {100, 100};

struct transfer {
    int from, to;
    long amount;
};

static void *run_transfer(void *arg)
{
    struct transfer *t = arg;
    pthread_mutex_lock(&account_mu[t->from]);
    pthread_mutex_lock(&account_mu[t->to]); //~ ERROR lock-order
    if (balance[t->from] >= t->amount) {
        balance[t->from] -= t->amount;
        balance[t->to] += t->amount;
    }
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
