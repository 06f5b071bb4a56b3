// limiter_take() returns 0 (rejected) with the limiter's lock still held, and -1 and 1 with it
// released. That could be a conditional lock helper's protocol, but the only caller unlocks
// nothing after it: every later limiter_take() waits forever.
#include <pthread.h>
#include <stdio.h>

struct limiter {
    pthread_mutex_t lock;
    pthread_cond_t refilled;
    double tokens, capacity;
    unsigned long rejected;
};

int limiter_take(struct limiter *l, double n, int blocking)
{
    pthread_mutex_lock(&l->lock);
    if (n > l->capacity) {
        pthread_mutex_unlock(&l->lock);
        return -1;
    }
    while (l->tokens < n) {
        if (!blocking) {
            l->rejected++;
            return 0; //~ ERROR lock-leak
        }
        pthread_cond_wait(&l->refilled, &l->lock);
    }
    l->tokens -= n;
    pthread_mutex_unlock(&l->lock);
    return 1;
}

static struct limiter g_limiter = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 5, 10, 0};

int main(void)
{
    int sent = 0;
    for (int i = 0; i < 20; i++)
        if (limiter_take(&g_limiter, 1.0, 0) == 1)
            sent++;
    printf("%d sent\n", sent);
    return 0;
}
