#include <pthread.h>

int start_thread(pthread_t *t, void *(*fn)(void *), void *arg);

static void *count(void *p)
{
    int *n = p;
    ++*n;
    return NULL;
}

int run(void)
{
    int counter = 0;
    pthread_t t;
    if (start_thread(&t, count, &counter) != 0)
        return -1;
    pthread_join(t, NULL); /* joined before `counter` dies */
    return counter;
}

int main(void) { return run(); }
