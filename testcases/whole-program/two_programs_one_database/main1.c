#include <pthread.h>

int helper(pthread_t *t, void *(*fn)(void *), void *arg);

static void *bump(void *p)
{
    ++*(int *)p;
    return NULL;
}

int main(void)
{
    int n = 0;
    pthread_t t;
    helper(&t, bump, &n); //~ ERROR thread-borrow
    return 0;
}
