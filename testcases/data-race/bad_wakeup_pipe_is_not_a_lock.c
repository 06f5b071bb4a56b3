// A wake-up pipe: the worker writes a byte to wake the loop, which drains the pipe into a buffer.
// Neither end excludes the other, so the counter both touch is not protected.
#include <pthread.h>
#include <unistd.h>

static int wake_pipe[2];
static long pending;

static void *worker(void *arg)
{
    (void)arg;
    char c = 1;
    pending++; //~ ERROR data-race
    write(wake_pipe[1], &c, 1);
    return NULL;
}

int main(void)
{
    char buf[64];
    if (pipe(wake_pipe))
        return 1;
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    read(wake_pipe[0], buf, sizeof buf);
    long n = pending;
    pthread_join(t, NULL);
    return (int)n;
}
