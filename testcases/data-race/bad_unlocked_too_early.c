// The lock is released one line too early.
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long balance;

static void *deposit(void *arg)
{
    long amount = (long)arg;
    pthread_mutex_lock(&mu);
    long b = balance;
    pthread_mutex_unlock(&mu);
    balance = b + amount; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, deposit, (void *)10L);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
