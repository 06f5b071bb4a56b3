// main sets a file-static flag, then spawns and joins under it: after the join the worker is
// over on every path, whatever the flag says.
#include <pthread.h>
#include <stddef.h>

static long processed;
static int background;

static void *worker(void *arg)
{
    (void)arg;
    processed++;
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t t;
    (void)argv;
    background = argc > 2;
    if (background)
        pthread_create(&t, NULL, worker, NULL);
    if (background)
        pthread_join(t, NULL);
    return (int)processed;
}
