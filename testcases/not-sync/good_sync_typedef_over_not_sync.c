// A typedef annotated SYNC over a NOT_SYNC struct: its author guarantees the locking (here an
// internal lock the library takes in every call). The outermost annotation decides.
#include <pthread.h>

#include "../../annotations/fearless.h"

struct NOT_SYNC kv_store {
    int n;
};
typedef struct kv_store kv_store_ts SYNC; /* the thread-safe build of the library */

int kv_put(kv_store_ts *kv, int k, int v);

static kv_store_ts *g_kv;

static void *writer(void *arg)
{
    kv_put(g_kv, (int)(long)arg, 1);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, writer, (void *)i);
    kv_put(g_kv, 0, 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
