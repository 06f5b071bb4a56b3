#include "mythread.h"

static int counter;

static void *worker(void *arg)
{
    counter++; //~ ERROR data-race
    return arg;
}

int main(void)
{
    pthread_t t[2];
    mythread_create(&t[0], worker, NULL);
    mythread_create(&t[1], worker, NULL);
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    return 0;
}

void never_called(pthread_mutex_t *m)
{
    mythread_lock_twice(m);
}
