// The thread is joined through a wrapper before main reads.
#include <pthread.h>
#include <stdlib.h>

static int answer;

static void wait_for(pthread_t t)
{
    if (pthread_join(t, NULL) != 0)
        abort();
}

static void *think(void *arg)
{
    (void)arg;
    answer = 42;
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, think, NULL);
    wait_for(t);
    return answer;
}
