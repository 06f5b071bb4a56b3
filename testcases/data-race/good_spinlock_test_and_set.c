// Spinlocks made by hand from atomic test-and-set: GCC's __sync builtins in lock helpers, a C11
// atomic_flag taken and cleared inline, and atomic_exchange of 1. Each counter is only touched
// while its spinlock is held, so no two threads touch it at once.
#include <pthread.h>
#include <stdatomic.h>

static int word_lock;
static atomic_flag flag_lock = ATOMIC_FLAG_INIT;
static atomic_int xchg_lock;
static long by_word, by_flag, by_xchg;

static void spin_lock(int *l)
{
    while (__sync_lock_test_and_set(l, 1))
        ;
}

static void spin_unlock(int *l) { __sync_lock_release(l); }

static void *worker(void *arg)
{
    (void)arg;
    spin_lock(&word_lock);
    by_word++;
    spin_unlock(&word_lock);

    while (atomic_flag_test_and_set_explicit(&flag_lock, memory_order_acquire))
        ;
    by_flag++;
    atomic_flag_clear_explicit(&flag_lock, memory_order_release);

    while (atomic_exchange(&xchg_lock, 1) != 0)
        ;
    by_xchg++;
    atomic_store(&xchg_lock, 0);
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return (int)(by_word + by_flag + by_xchg);
}
