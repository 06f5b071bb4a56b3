// fearless-flags: --suggest --checks=-*,suggest-excludes
/* A function that takes a lock its caller can name (a parameter's, a global) while it is as the
   caller left it: a caller holding it would wait for itself, so the callers must not hold it.
   Silent: a lock the function creates or finds itself (its caller cannot name it), a function that
   takes the lock only after giving it back (the caller holds it: REQUIRES), a lock function (its
   ACQUIRE says it), and a thread's start function (nothing calls it; its lock is reached through
   the `void *` it casts, which no annotation could name). */
#include <pthread.h>
#include <stdlib.h>

struct account {
    pthread_mutex_t mu;
    long balance;
};

static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static long registered;

void account_deposit(struct account *a, long n) //~ NOTE suggest-excludes
{
    pthread_mutex_lock(&a->mu);
    a->balance += n;
    pthread_mutex_unlock(&a->mu);
}

void account_register(struct account *a) //~ NOTE suggest-excludes
{
    pthread_mutex_lock(&registry_mu);
    registered++;
    pthread_mutex_lock(&a->mu);
    a->balance = 0;
    pthread_mutex_unlock(&a->mu);
    pthread_mutex_unlock(&registry_mu);
}

long account_new_balance(void)
{
    struct account *a = calloc(1, sizeof *a);
    pthread_mutex_init(&a->mu, NULL);
    pthread_mutex_lock(&a->mu);
    long b = a->balance;
    pthread_mutex_unlock(&a->mu);
    free(a);
    return b;
}

void account_wait_quiet(struct account *a)
{
    pthread_mutex_unlock(&a->mu);
    pthread_mutex_lock(&a->mu);
}

void account_lock(struct account *a)
{
    pthread_mutex_lock(&a->mu);
}

static void *cleaner(void *arg)
{
    struct account *a = arg;
    pthread_mutex_lock(&a->mu);
    a->balance = 0;
    pthread_mutex_unlock(&a->mu);
    return NULL;
}

void account_start_cleaner(struct account *a, pthread_t *t) //~ NOTE suggest-excludes
{
    pthread_mutex_lock(&a->mu);
    a->balance++;
    pthread_mutex_unlock(&a->mu);
    pthread_create(t, NULL, cleaner, a);
}
