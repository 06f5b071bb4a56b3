// The worker leaves with pthread_exit(); the store after it never runs.
#include <pthread.h>

static int result;

static void *worker(void *arg)
{
    (void)arg;
    pthread_exit(NULL);
    result = 1;
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    result = 2;
    pthread_join(t, NULL);
    return result;
}
