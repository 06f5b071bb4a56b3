// The lock functions take the wrapper `q_lock` as a whole (Clang's capability), and the wait
// names the pthread mutex inside it: the consumer holds it there.
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#define CAPABILITY(x) __attribute__((capability(x)))
#define GUARDED_BY(x) __attribute__((guarded_by(x)))
#define PT_GUARDED_BY(x) __attribute__((pt_guarded_by(x)))
#define REQUIRES(...) __attribute__((requires_capability(__VA_ARGS__)))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define TRY_ACQUIRE(...) __attribute__((try_acquire_capability(__VA_ARGS__)))
#define EXCLUDES(...) __attribute__((locks_excluded(__VA_ARGS__)))
#define NO_THREAD_SAFETY_ANALYSIS __attribute__((no_thread_safety_analysis))

struct CAPABILITY("mutex") ovs_mutex {
    pthread_mutex_t m;
};

void mutex_lock(struct ovs_mutex *m) ACQUIRE(m);
void mutex_unlock(struct ovs_mutex *m) RELEASE(m);

NO_THREAD_SAFETY_ANALYSIS void mutex_lock(struct ovs_mutex *m)
{
    pthread_mutex_lock(&m->m);
}

NO_THREAD_SAFETY_ANALYSIS void mutex_unlock(struct ovs_mutex *m)
{
    pthread_mutex_unlock(&m->m);
}

static struct ovs_mutex q_lock = { PTHREAD_MUTEX_INITIALIZER };
static pthread_cond_t q_cond = PTHREAD_COND_INITIALIZER;
static int items GUARDED_BY(q_lock);
static bool done GUARDED_BY(q_lock);

static void *consumer(void *arg)
{
    long *consumed = arg;
    mutex_lock(&q_lock);
    for (;;) {
        while (items == 0 && !done) {
            pthread_cond_wait(&q_cond, &q_lock.m);
        }
        if (items == 0 && done) {
            break;
        }
        items--;
        (*consumed)++;
    }
    mutex_unlock(&q_lock);
    return NULL;
}

static void produce(int n) EXCLUDES(q_lock)
{
    for (int i = 0; i < n; i++) {
        mutex_lock(&q_lock);
        items++;
        pthread_cond_signal(&q_cond);
        mutex_unlock(&q_lock);
    }
    mutex_lock(&q_lock);
    done = true;
    pthread_cond_broadcast(&q_cond);
    mutex_unlock(&q_lock);
}

int main(void)
{
    pthread_t t[2];
    long consumed[2] = { 0, 0 };
    for (int i = 0; i < 2; i++) {
        pthread_create(&t[i], NULL, consumer, &consumed[i]);
    }
    produce(10000);
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
    }
    printf("consumed = %ld\n", consumed[0] + consumed[1]);
    return 0;
}
