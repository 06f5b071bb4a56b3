// The register write waits a while for the device lock, logs a timeout, and writes anyway: the
// test of the status only decides whether to log, so the unlock after it runs when the lock was
// never taken, and releases the lock of the thread that holds it. The writers call it holding no
// lock, so the try is not failing on a lock of their own.
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

struct device {
    pthread_mutex_t mu;
    unsigned regs[16];
};

int dev_write(struct device *d, int reg, unsigned val)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 1;
    int rc = pthread_mutex_timedlock(&d->mu, &deadline);
    if (rc == ETIMEDOUT)
        fprintf(stderr, "dev: lock timeout on reg %d, writing anyway\n", reg);
    d->regs[reg] = val;
    pthread_mutex_unlock(&d->mu); //~ ERROR unlock-unheld
    return rc;
}

static struct device dev = {.mu = PTHREAD_MUTEX_INITIALIZER};

static void *writer(void *arg)
{
    for (unsigned i = 0; i < 1000; i++)
        dev_write(&dev, (int)(i % 16), (unsigned)(long)arg);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, writer, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
