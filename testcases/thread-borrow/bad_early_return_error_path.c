// The error path returns between spawn and join.
#include <pthread.h>
#include <stdio.h>

static void *load(void *arg)
{
    return arg;
}

int load_config(const char *path)
{
    char buffer[512];
    pthread_t loader;
    if (pthread_create(&loader, NULL, load, buffer) != 0) //~ ERROR thread-borrow
        return -1;
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    fclose(f);
    pthread_join(loader, NULL);
    return 0;
}
