// `transfer` locks `from->mu` then `to->mu`; one thread passes (&A, &B), the other (&B, &A):
// the classic transfer deadlock, found at the calls.
#include <pthread.h>

struct acct {
    pthread_mutex_t mu;
    long bal;
};

void transfer(struct acct *from, struct acct *to, long n)
{
    pthread_mutex_lock(&from->mu);
    pthread_mutex_lock(&to->mu);
    from->bal -= n;
    to->bal += n;
    pthread_mutex_unlock(&to->mu);
    pthread_mutex_unlock(&from->mu);
}

static struct acct A = {PTHREAD_MUTEX_INITIALIZER, 100}, B = {PTHREAD_MUTEX_INITIALIZER, 100};

static void *pay(void *arg)
{
    (void)arg;
    transfer(&A, &B, 1);
    return NULL;
}

static void *refund(void *arg)
{
    (void)arg;
    transfer(&B, &A, 1); //~ ERROR lock-order
    return NULL;
}

int main(void)
{
    pthread_t p, q;
    pthread_create(&p, NULL, pay, NULL);
    pthread_create(&q, NULL, refund, NULL);
    pthread_join(p, NULL);
    pthread_join(q, NULL);
    return 0;
}
