// Every error path goes through a cleanup label that joins first.
#include <pthread.h>
#include <stdio.h>

static void *load(void *arg)
{
    return arg;
}

int load_file(const char *path)
{
    int rc = -1;
    char buffer[512];
    pthread_t loader;
    if (pthread_create(&loader, NULL, load, buffer) != 0)
        return -1;
    FILE *f = fopen(path, "r");
    if (!f)
        goto join;
    fclose(f);
    rc = 0;
join:
    pthread_join(loader, NULL);
    return rc;
}
