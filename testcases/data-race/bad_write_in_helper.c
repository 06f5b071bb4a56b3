// The thread's write is in a helper it calls; main reads before joining.
#include <pthread.h>
#include <stdio.h>

static int last_error;

static void record_error(int code)
{
    last_error = code; //~ ERROR data-race
}

static void *job(void *arg)
{
    (void)arg;
    record_error(5);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, job, NULL);
    printf("%d\n", last_error);
    pthread_join(t, NULL);
    return 0;
}
