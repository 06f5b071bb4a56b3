// `lock_two` takes both accounts' locks, the lower address first, through a local pointer that
// no summary can name; `unlock_two` gives them back. `audit_check` is no helper that releases
// its caller's locks: the auditor's calls unlock what `lock_two` took.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

struct account {
    pthread_mutex_t lock;
    long balance;
};

static struct account acct_a = { .lock = PTHREAD_MUTEX_INITIALIZER, .balance = 1000 };
static struct account acct_b = { .lock = PTHREAD_MUTEX_INITIALIZER, .balance = 1000 };
static pthread_mutex_t audit_lock = PTHREAD_MUTEX_INITIALIZER;
static long audit_count, audit_bad; /* protected by audit_lock */

static void lock_two(struct account *a, struct account *b) /* lower address first */
{
    struct account *lo = (uintptr_t)a < (uintptr_t)b ? a : b;
    pthread_mutex_lock(&lo->lock);
    pthread_mutex_lock(lo == a ? &b->lock : &a->lock);
}

static void unlock_two(struct account *a, struct account *b)
{
    pthread_mutex_unlock(&a->lock);
    pthread_mutex_unlock(&b->lock);
}

static void transfer(struct account *from, struct account *to, long amount)
{
    lock_two(from, to);
    if (from->balance >= amount) {
        from->balance -= amount;
        to->balance += amount;
        pthread_mutex_lock(&audit_lock);
        audit_count++;
        pthread_mutex_unlock(&audit_lock);
    }
    unlock_two(from, to);
}

static void audit_check(struct account *a, struct account *b)
{
    lock_two(a, b);
    pthread_mutex_lock(&audit_lock);
    if (a->balance + b->balance != 2000)
        audit_bad++;
    pthread_mutex_unlock(&audit_lock);
    unlock_two(a, b);
}

static void *mover(void *arg)
{
    int dir = *(int *)arg;
    struct account *from = dir ? &acct_a : &acct_b, *to = dir ? &acct_b : &acct_a;
    for (int i = 0; i < 5000; i++)
        transfer(from, to, i % 40);
    return NULL;
}

static void *auditor(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++)
        audit_check(&acct_a, &acct_b);
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    int dirs[2] = { 1, 0 };
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, mover, &dirs[i]);
    pthread_create(&t[2], NULL, auditor, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("count=%ld bad=%ld\n", audit_count, audit_bad);
    return 0;
}
