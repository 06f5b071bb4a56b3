// `id` is a new object in every iteration and dies at the end of each one.
#include <pthread.h>

static void *serve_client(void *arg)
{
    return arg;
}

void accept_loop(int clients)
{
    pthread_t last;
    for (int i = 0; i < clients; i++) {
        int id = i;
        pthread_create(&last, NULL, serve_client, &id); //~ ERROR thread-borrow
    }
    pthread_join(last, NULL);
}
