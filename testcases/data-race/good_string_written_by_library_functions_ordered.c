// The buffer is filled before the worker starts and printed after it is joined; the worker only
// reads it, and prints its own copy.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static char status[64];

static void *worker(void *arg)
{
    (void)arg;
    char mine[64];
    strcpy(mine, status);
    printf("%s %zu\n", mine, strlen(status));
    return NULL;
}

int main(void)
{
    snprintf(status, sizeof status, "started %d", 1);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    printf("%s\n", status);
    pthread_join(t, NULL);
    strcpy(status, "done");
    fputs(status, stdout);
    return 0;
}
