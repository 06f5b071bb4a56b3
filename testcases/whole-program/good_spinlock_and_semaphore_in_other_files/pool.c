#include <stddef.h>
#include "atomic.h"

struct task { struct task *next; };
static atomic_word done_lock;
static struct { struct task *first, **last; } done = {NULL, &done.first};
static struct sem offset_sem = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 1};
static unsigned long offset;

static void *pool_thread(void *arg)
{
    struct task *t = arg;
    sem_down(&offset_sem);
    offset += 4096;
    sem_up(&offset_sem);

    word_spinlock(&done_lock, 1, 2048);
    *done.last = t;
    done.last = &t->next;
    word_unlock(&done_lock);
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
    return 0;
}
