// `lock_pair` takes its first lock and only tries the second, backing off when the try fails:
// the threads call it in opposite orders, but neither ever waits for its second lock while
// holding the first.
#include <pthread.h>
#include <sched.h>

static pthread_mutex_t primary_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t replica_lock = PTHREAD_MUTEX_INITIALIZER;
static long primary_version, replica_version;

static void lock_pair(pthread_mutex_t *first, pthread_mutex_t *second)
{
    for (;;) {
        pthread_mutex_lock(first);
        if (pthread_mutex_trylock(second) == 0)
            break;
        pthread_mutex_unlock(first);
        sched_yield();
    }
}

static void *writer(void *arg)
{
    lock_pair(&primary_lock, &replica_lock);
    replica_version = ++primary_version;
    pthread_mutex_unlock(&replica_lock);
    pthread_mutex_unlock(&primary_lock);
    return arg;
}

static void *repairer(void *arg)
{
    lock_pair(&replica_lock, &primary_lock);
    replica_version = primary_version;
    pthread_mutex_unlock(&primary_lock);
    pthread_mutex_unlock(&replica_lock);
    return arg;
}

int main(void)
{
    pthread_t w, r;
    pthread_create(&w, NULL, writer, NULL);
    pthread_create(&r, NULL, repairer, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    return 0;
}
