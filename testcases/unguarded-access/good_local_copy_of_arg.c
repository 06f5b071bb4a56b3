// A thread function copies its void* argument into a typed local: the lock taken through the
// copy is the lock the REQUIRES callee and the guarded fields need. An array guarded by the
// mutex decays to its address in a size check: no access.
#include <pthread.h>
#include "include/thread_annotations.h"

struct frag { pthread_mutex_t frag_lock; int pending OVS_GUARDED_BY(frag_lock); };
void frag_purge(struct frag *f, int slot) OVS_REQUIRES(f->frag_lock);

static pthread_mutex_t pool_mutex = PTHREAD_MUTEX_INITIALIZER;
static int pools[8] OVS_GUARDED_BY(pool_mutex);

void *frag_clean_main(void *arg)
{
    struct frag *f = arg;
    pthread_mutex_lock(&f->frag_lock);
    for (int i = 0; i < f->pending; i++)
        frag_purge(f, i);
    pthread_mutex_unlock(&f->frag_lock);
    return NULL;
}

int pool_take(unsigned i)
{
    if (i >= sizeof pools / sizeof pools[0] || !__builtin_types_compatible_p(__typeof__(pools), int[8]))
        return -1;
    pthread_mutex_lock(&pool_mutex);
    int v = pools[i]--;
    pthread_mutex_unlock(&pool_mutex);
    return v;
}
