// A binary semaphore built from a mutex and a condition variable, as fio's fio_sem is: down
// waits while the count is 0 and takes one, up gives one back and wakes a waiter. The offset
// is only touched between a down and an up.
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

struct sem {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int value;
    int waiters;
};

void sem_down(struct sem *s)
{
    pthread_mutex_lock(&s->lock);
    while (!s->value) {
        s->waiters++;
        pthread_cond_wait(&s->cond, &s->lock);
        s->waiters--;
    }
    s->value--;
    pthread_mutex_unlock(&s->lock);
}

void sem_up(struct sem *s)
{
    int wake = 0;
    pthread_mutex_lock(&s->lock);
    if (!s->value && s->waiters)
        wake = 1;
    s->value++;
    if (wake)
        pthread_cond_signal(&s->cond);
    pthread_mutex_unlock(&s->lock);
}

static struct sem *size_lock;
static uint64_t cur_offset, total_size = 1 << 20;

static int get_work(uint64_t *offset)
{
    int ret = 1;
    sem_down(size_lock);
    if (cur_offset < total_size) {
        *offset = cur_offset;
        cur_offset += 4096;
        ret = 0;
    }
    sem_up(size_lock);
    return ret;
}

static void *worker(void *arg)
{
    uint64_t off;
    (void)arg;
    while (!get_work(&off))
        ;
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    size_lock = calloc(1, sizeof *size_lock);
    pthread_mutex_init(&size_lock->lock, NULL);
    pthread_cond_init(&size_lock->cond, NULL);
    size_lock->value = 1;
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
