// `ok && pthread_create(...) == 0`: the thread exists only when both hold.
#include <pthread.h>
#include <stdbool.h>

static void *work(void *arg)
{
    return arg;
}

int start_if(bool ok)
{
    int data = 0;
    pthread_t t;
    if (ok && pthread_create(&t, NULL, work, &data) == 0) {
        pthread_join(t, NULL);
        return 1;
    }
    return 0;
}
