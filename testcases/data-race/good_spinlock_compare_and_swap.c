// Spinlocks made by hand from compare-and-swap, as nginx writes them: a word swapped from 0 to
// the caller's value in a loop that backs off, and given back by a plain store of 0 behind a
// macro; and C11's atomic_compare_exchange_weak from 0 to 1.
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

typedef volatile unsigned long atomic_word;
#define word_unlock(lock) (*(lock) = 0)

struct task { struct task *next; };
static atomic_word done_lock;
static struct { struct task *first, **last; } done = {0, &done.first};
static atomic_int c11_lock;
static long finished;

static void word_spinlock(atomic_word *lock, unsigned long value, unsigned spin)
{
    for (;;) {
        if (*lock == 0 && __sync_bool_compare_and_swap(lock, 0, value))
            return;
        for (unsigned n = 1; n < spin; n <<= 1)
            if (*lock == 0 && __sync_bool_compare_and_swap(lock, 0, value))
                return;
        sched_yield();
    }
}

static void c11_spinlock(atomic_int *lock)
{
    int expected = 0;
    while (!atomic_compare_exchange_weak(lock, &expected, 1))
        expected = 0;
}

static void *pool_thread(void *arg)
{
    struct task *t = arg;
    word_spinlock(&done_lock, 1, 2048);
    *done.last = t;
    done.last = &t->next;
    __sync_synchronize();
    word_unlock(&done_lock);

    c11_spinlock(&c11_lock);
    finished++;
    atomic_store_explicit(&c11_lock, 0, memory_order_release);
    return NULL;
}

int main(void)
{
    static struct task tasks[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, pool_thread, &tasks[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    return (int)finished;
}
