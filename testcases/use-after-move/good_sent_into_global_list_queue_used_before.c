// The queue is two file-scope pointers, `head` and `tail`; the consumer thread pops each message
// and frees it. The producer uses what it needs of `m` before pushing it.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct msg {
    struct msg *next;
    int seq;
    int payload;
};

static struct msg *head, *tail;
static int closed;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER;

static void queue_push(struct msg *m)
{
    m->next = NULL;
    pthread_mutex_lock(&lock);
    if (tail)
        tail->next = m;
    else
        head = m;
    tail = m;
    pthread_cond_signal(&nonempty);
    pthread_mutex_unlock(&lock);
}

static struct msg *queue_pop(void)
{
    struct msg *m;
    pthread_mutex_lock(&lock);
    while (!head && !closed)
        pthread_cond_wait(&nonempty, &lock);
    m = head;
    if (m) {
        head = m->next;
        if (!head)
            tail = NULL;
    }
    pthread_mutex_unlock(&lock);
    return m;
}

static void *consumer(void *arg)
{
    struct msg *m;
    long total = 0;
    (void)arg;
    while ((m = queue_pop()) != NULL) {
        total += m->payload;
        free(m);
    }
    return (void *)total;
}

int main(void)
{
    pthread_t c;
    if (pthread_create(&c, NULL, consumer, NULL) != 0)
        return 1;
    for (int i = 0; i < 50; i++) {
        struct msg *m = malloc(sizeof *m);
        if (!m)
            break;
        m->seq = i;
        m->payload = i * 3;
        if (m->seq % 10 == 0)
            printf("queued %d\n", i);
        queue_push(m);
    }
    pthread_mutex_lock(&lock);
    closed = 1;
    pthread_cond_broadcast(&nonempty);
    pthread_mutex_unlock(&lock);
    pthread_join(c, NULL);
    return 0;
}
