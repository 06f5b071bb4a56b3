// The spawner ends with a call that never returns: its locals never die.
#include <pthread.h>
#include <stdlib.h>

static void *background(void *arg)
{
    return arg;
}

int main(void)
{
    int config = 1;
    pthread_t t;
    pthread_create(&t, NULL, background, &config);
    pthread_exit(NULL);
}
