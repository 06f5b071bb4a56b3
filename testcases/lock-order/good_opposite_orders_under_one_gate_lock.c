// Both threads take `accounts` and `audit` in opposite orders, but only while holding `big`:
// the two orders never run at once, so they cannot deadlock.
#include <pthread.h>

static pthread_mutex_t big = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t audit = PTHREAD_MUTEX_INITIALIZER;
static long balance, entries;

static void *deposit(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&big);
    pthread_mutex_lock(&accounts);
    pthread_mutex_lock(&audit);
    balance += 10;
    entries++;
    pthread_mutex_unlock(&audit);
    pthread_mutex_unlock(&accounts);
    pthread_mutex_unlock(&big);
    return NULL;
}

static void *report(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&big);
    pthread_mutex_lock(&audit);
    pthread_mutex_lock(&accounts);
    entries = balance;
    pthread_mutex_unlock(&accounts);
    pthread_mutex_unlock(&audit);
    pthread_mutex_unlock(&big);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, deposit, NULL);
    pthread_create(&b, NULL, report, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
