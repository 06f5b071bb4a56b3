// Tellers pick two accounts at random and lock them in the order picked.
#include <pthread.h>
#include <stdlib.h>

#define NACCOUNTS 16

static pthread_mutex_t account_mu[NACCOUNTS];
static long balance[NACCOUNTS];

static void *teller(void *arg)
{
    unsigned seed = (unsigned)(long)arg;
    for (int k = 0; k < 1000; k++) {
        int from = rand_r(&seed) % NACCOUNTS, to = rand_r(&seed) % NACCOUNTS;
        if (from == to)
            continue;
        pthread_mutex_lock(&account_mu[from]);
        pthread_mutex_lock(&account_mu[to]); //~ ERROR lock-order
        balance[from]--;
        balance[to]++;
        pthread_mutex_unlock(&account_mu[to]);
        pthread_mutex_unlock(&account_mu[from]);
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
