// The helper does not lock: every caller holds the lock when calling it.
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int items;

static void push_one(void)
{
    items++;
}

static void *filler(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    push_one();
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, filler, NULL);
    pthread_mutex_lock(&mu);
    push_one();
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return items;
}
