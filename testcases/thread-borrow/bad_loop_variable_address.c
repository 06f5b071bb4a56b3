// Every thread gets `&i`, and `i` dies when the loop ends, before the joins.
#include <pthread.h>

static void *greet(void *arg)
{
    return arg;
}

void greet_all(void)
{
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&threads[i], NULL, greet, &i); //~ ERROR thread-borrow
    for (int j = 0; j < 4; j++)
        pthread_join(threads[j], NULL);
}
