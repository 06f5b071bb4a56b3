// The thread writes under the lock, but main reads without it.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int state;

static void *machine(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    state = 1; //~ ERROR data-race
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, machine, NULL);
    printf("state %d\n", state);
    pthread_join(t, NULL);
    return 0;
}
