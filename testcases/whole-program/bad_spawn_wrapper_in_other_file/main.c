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
    if (start_thread(&t, count, &counter) != 0) //~ ERROR thread-borrow
        return -1;
    return 0; /* never joined: `counter` dies while `count` may still use it */
}

int main(void) { return run(); }
