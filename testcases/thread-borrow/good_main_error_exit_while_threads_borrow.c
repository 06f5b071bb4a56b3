// `main` hands each client its id on its stack, then gives up with an error status when the
// configuration cannot be allocated. Returning an error from main ends the program and its
// threads with it, like exit(1): no thread outlives `ids`. On the way that goes on, every
// client is joined before main returns.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct config {
    int port;
};

static struct config *volatile published;

static void *client(void *arg)
{
    int id = *(const int *)arg;
    printf("client %d\n", id);
    return NULL;
}

int main(void)
{
    pthread_t tids[3];
    int ids[3];
    for (int i = 0; i < 3; i++) {
        ids[i] = i;
        pthread_create(&tids[i], NULL, client, &ids[i]);
    }
    struct config *cfg = malloc(sizeof *cfg);
    if (!cfg)
        return EXIT_FAILURE;
    cfg->port = 5432;
    published = cfg;
    for (int i = 0; i < 3; i++)
        pthread_join(tids[i], NULL);
    free(cfg);
    return 0;
}
