// On the paths where pthread_create failed there is no thread to race with.
#include <pthread.h>
#include <stdio.h>

static int status;

static void *probe(void *arg)
{
    (void)arg;
    status = 1;
    return NULL;
}

int check_once(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, probe, NULL) != 0) {
        status = -1;
        return status;
    }
    pthread_join(t, NULL);
    return status;
}

int check_twice(void)
{
    pthread_t t;
    int rc = pthread_create(&t, NULL, probe, NULL);
    if (rc) {
        fprintf(stderr, "create: %d\n", rc);
        status = -1;
    } else
        pthread_join(t, NULL);
    return status;
}
