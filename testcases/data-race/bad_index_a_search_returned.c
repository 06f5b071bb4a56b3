// An index a search function returns (`i = tbl_find(t, key);`, the counter of its loop over the
// entries) picks an entry by its content: two threads looking up the same key get the same
// entry. Writing it after the read lock was released races with the readers, and with the
// other updater.
#include <pthread.h>
#include <stdio.h>

#define N 16

struct entry {
    int key;
    int value;
};

struct table {
    pthread_rwlock_t lock;
    struct entry e[N];
    int n;
};

static struct table tbl = {.lock = PTHREAD_RWLOCK_INITIALIZER};

static int tbl_find(const struct table *t, int key)
{
    for (int i = 0; i < t->n; i++)
        if (t->e[i].key == key)
            return i;
    return -1;
}

static int tbl_get(struct table *t, int key)
{
    int v = -1;
    pthread_rwlock_rdlock(&t->lock);
    int i = tbl_find(t, key);
    if (i >= 0)
        v = t->e[i].value;
    pthread_rwlock_unlock(&t->lock);
    return v;
}

static void tbl_set(struct table *t, int key, int value)
{
    int i;
    pthread_rwlock_rdlock(&t->lock);
    i = tbl_find(t, key);
    pthread_rwlock_unlock(&t->lock);
    if (i >= 0) {
        t->e[i].value = value; //~ ERROR data-race
        return;
    }
    pthread_rwlock_wrlock(&t->lock);
    if (t->n < N) {
        i = t->n++;
        t->e[i].key = key;
        t->e[i].value = value;
    }
    pthread_rwlock_unlock(&t->lock);
}

static void *updater(void *arg)
{
    int base = *(int *)arg;
    for (int k = 0; k < 100; k++)
        tbl_set(&tbl, k % 8, base + k);
    return NULL;
}

static void *reader(void *arg)
{
    long sum = 0;
    (void)arg;
    for (int k = 0; k < 100; k++)
        sum += tbl_get(&tbl, k % 8);
    printf("%ld\n", sum);
    return NULL;
}

int main(void)
{
    pthread_t a, b, r;
    int ba = 10, bb = 100;
    pthread_create(&a, NULL, updater, &ba);
    pthread_create(&b, NULL, updater, &bb);
    pthread_create(&r, NULL, reader, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(r, NULL);
    return 0;
}
