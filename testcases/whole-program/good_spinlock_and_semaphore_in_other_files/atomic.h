/* A spinlock on an atomic word, as nginx's ngx_spinlock and ngx_unlock are, and a semaphore
   from a mutex and a condition variable, as fio's fio_sem is; both defined in other files. */
#include <pthread.h>

typedef volatile unsigned long atomic_word;
void word_spinlock(atomic_word *lock, unsigned long value, unsigned spin);
#define word_unlock(lock) (*(lock) = 0)

struct sem {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int value;
};
void sem_down(struct sem *s);
void sem_up(struct sem *s);
