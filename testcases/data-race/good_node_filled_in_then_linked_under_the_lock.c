// Each producer allocates its own node, fills it in, and only then links it into the shared
// queue under the queue's lock. The writes before the link are to memory no other thread can
// see yet: a new node on every call, in whichever thread makes it.
#include <pthread.h>
#include <stdlib.h>

struct node {
    struct node *next;
    int value;
};

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static struct node *q_head, *q_tail;

static void post(int value)
{
    struct node *n = malloc(sizeof *n);
    if (!n)
        return;
    n->next = NULL;
    n->value = value;
    pthread_mutex_lock(&q_lock);
    if (q_tail)
        q_tail->next = n;
    else
        q_head = n;
    q_tail = n;
    pthread_mutex_unlock(&q_lock);
}

static void *producer(void *arg)
{
    for (int i = 0; i < 100; i++)
        post((int)(long)arg * 1000 + i);
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    for (long i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, producer, (void *)i);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    int sum = 0;
    while (q_head) {
        struct node *n = q_head;
        q_head = n->next;
        sum += n->value;
        free(n);
    }
    return sum == 0;
}
