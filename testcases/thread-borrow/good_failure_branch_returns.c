// On the branch where pthread_create failed, no thread exists: returning there is fine.
#include <pthread.h>

static void *read_input(void *arg)
{
    return arg;
}

int read_all(void)
{
    char buffer[256];
    pthread_t reader;
    if (pthread_create(&reader, NULL, read_input, buffer) != 0)
        return -1;
    pthread_join(reader, NULL);
    return buffer[0];
}
