// The lower index is always locked first: every thread takes any two accounts in one order.
#include <pthread.h>
#include <stdlib.h>

#define NACCOUNTS 16
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

static pthread_mutex_t account_mu[NACCOUNTS];
static long balance[NACCOUNTS];

static void *teller(void *arg)
{
    unsigned seed = (unsigned)(long)arg;
    for (int k = 0; k < 1000; k++) {
        int from = rand_r(&seed) % NACCOUNTS, to = rand_r(&seed) % NACCOUNTS;
        if (from == to)
            continue;
        int lo = MIN(from, to), hi = MAX(from, to);
        pthread_mutex_lock(&account_mu[lo]);
        pthread_mutex_lock(&account_mu[hi]);
        balance[from]--;
        balance[to]++;
        pthread_mutex_unlock(&account_mu[hi]);
        pthread_mutex_unlock(&account_mu[lo]);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < NACCOUNTS; i++)
        pthread_mutex_init(&account_mu[i], NULL);
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, teller, (void *)i);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
