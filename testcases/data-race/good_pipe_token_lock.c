// A lock made of a pipe holding one byte (libuv's signal lock): reading the byte takes the lock,
// writing it back gives it back. Every access to the handler table is made between the two.
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static int lock_pipe[2] = {-1, -1};
static int handlers[64];
static long changes;

static int table_lock(void)
{
    char data;
    ssize_t r;
    do
        r = read(lock_pipe[0], &data, sizeof data);
    while (r < 0 && errno == EINTR);
    return r < 0 ? -1 : 0;
}

static int table_unlock(void)
{
    char data = 42;
    ssize_t r;
    do
        r = write(lock_pipe[1], &data, sizeof data);
    while (r < 0 && errno == EINTR);
    return r < 0 ? -1 : 0;
}

static void *registrar(void *arg)
{
    int signum = (int)(long)arg;
    if (table_lock())
        abort();
    handlers[signum]++;
    changes++;
    if (table_unlock())
        abort();
    return NULL;
}

int main(void)
{
    if (pipe(lock_pipe) || table_unlock())
        return 1;
    pthread_t t;
    pthread_create(&t, NULL, registrar, (void *)2L);
    if (table_lock())
        abort();
    handlers[2] = 0;
    changes++;
    if (table_unlock())
        abort();
    pthread_join(t, NULL);
    return 0;
}
