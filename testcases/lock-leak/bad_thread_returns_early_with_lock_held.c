// The worker returns early from its critical section with the lock still held. A thread's start
// function returns to pthread_join, which releases nothing: its status tells no caller anything.
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int items;

static void *worker(void *arg)
{
    pthread_mutex_lock(&mu);
    if (items == 0)
        return NULL; //~ ERROR lock-leak
    items--;
    pthread_mutex_unlock(&mu);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, &items);
    pthread_join(t, NULL);
    return items;
}
