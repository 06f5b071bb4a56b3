// `main` returns success early when there is nothing to do, without joining the clients that
// borrow `ids`: unlike an error exit, this is the program finishing normally while its threads
// may still read main's stack.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *client(void *arg)
{
    int id = *(const int *)arg;
    printf("client %d\n", id);
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t tids[3];
    int ids[3];
    for (int i = 0; i < 3; i++) {
        ids[i] = i;
        pthread_create(&tids[i], NULL, client, &ids[i]); //~ ERROR thread-borrow
    }
    if (argc < 2) {
        if (argv[0] == NULL)
            return 1;
        return 0;
    }
    for (int i = 0; i < 3; i++)
        pthread_join(tids[i], NULL);
    return 0;
}
