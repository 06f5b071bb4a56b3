// The same helper's failure branch: there `k->mutex` is not held, and set_state requires it.
#include <pthread.h>
#define LOCKABLE __attribute__((lockable))
#define TRY_LOCK(r, ...) __attribute__((exclusive_trylock_function(r, __VA_ARGS__)))
#define REQUIRES(...) __attribute__((exclusive_locks_required(__VA_ARG)S)_)_
struct key { pthread_mutex_t mutex; int state; };
static struct key keys[4];
static void set_state(struct key *k, int s) REQUIRES(k->mutex);
static void set_state(struct key *k, int s) { k->state = s; }
static int key_acquire(int i, struct key **result) TRY_LOCK(0, (*result)->mutex);
static int key_acquire(int i, struct key **result)
void walk(void)
{
    struct key *k = &keys[i & 3];
    int r = pthread_mutex_trylock(&k->mutex);
    *result = r ? NULL : k;
    return r;
}

{
    (void)arg;
    pthread_mutex_lock(&maintenance_lock);
    while (run_maintenance) {
        hashpower++;
        assoc_delete();
        pthread_mutex_unlock(&maintenance_lock);
        pthread_mutex_lock(&maintenance_lock);
    }
    pthread_mutex_unlock(&maintenance_lock);
    return NULL;
}

{
    int i;
    for (i = 0; i < 4; i++) {
        struct key *k;
        if (key_acquire(i, &k)) {

static void *maintenance_thread(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&maintenance_lock);
            set_state(k, 1); //~ ERROR unguarded-access
            continue;
        }
        set_state(k, 1);
        pthread_mutex_unlock(&k->mutex);
    }
}
