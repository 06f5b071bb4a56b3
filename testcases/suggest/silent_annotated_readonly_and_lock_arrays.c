// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* Nothing to propose: a field already annotated (unguarded-access checks it), a table only read
   once it is shared, and data guarded by an element of an array of locks (no one name). */
#include <pthread.h>
#include "../../annotations/fearless.h"

struct acct {
    pthread_mutex_t lock;
    long balance GUARDED_BY(lock);
};

void deposit(struct acct *a, long v)
{
    pthread_mutex_lock(&a->lock);
    a->balance += v;
    pthread_mutex_unlock(&a->lock);
}

long peek(struct acct *a)
{
    pthread_mutex_lock(&a->lock);
    long b = a->balance;
    pthread_mutex_unlock(&a->lock);
    return b;
}

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static int table[4] = {1, 2, 3, 4};

int lookup(int i)
{
    pthread_mutex_lock(&table_lock);
    int v = table[i & 3];
    pthread_mutex_unlock(&table_lock);
    return v;
}

int lookup2(int i)
{
    pthread_mutex_lock(&table_lock);
    int v = table[(i + 1) & 3];
    pthread_mutex_unlock(&table_lock);
    return v;
}

static pthread_mutex_t bucket_locks[16];
static int buckets[16];

void bump(unsigned h)
{
    pthread_mutex_lock(&bucket_locks[h % 16]);
    buckets[h % 16]++;
    pthread_mutex_unlock(&bucket_locks[h % 16]);
}

void drop(unsigned h)
{
    pthread_mutex_lock(&bucket_locks[h % 16]);
    buckets[h % 16]--;
    pthread_mutex_unlock(&bucket_locks[h % 16]);
}
