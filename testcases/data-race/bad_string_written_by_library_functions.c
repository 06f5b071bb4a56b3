// The worker formats the status line into a global buffer while main prints it and copies a new
// one in: the C library's string and stdio functions read and write the arrays they are given.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static char status[64];

static void *worker(void *arg)
{
    (void)arg;
    snprintf(status, sizeof status, "busy %d", 3); //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    printf("%s\n", status);
    strcpy(status, "idle");
    pthread_join(t, NULL);
    return 0;
}
