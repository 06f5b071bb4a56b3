// The device lives on the heap behind a global pointer, and `dev_init` hands the pointer's value
// to the interrupt thread. The handler and the ioctl path set `state` of that one object under
// its lock.
#include <pthread.h>
#include <stdlib.h>

struct device {
    pthread_mutex_t lock;
    int irqs;
    int state;
};

static struct device *dev;
static pthread_t irq_thread;

static void irq_handler(struct device *d)
{
    pthread_mutex_lock(&d->lock);
    d->irqs++;
    d->state = 2;
    pthread_mutex_unlock(&d->lock);
}

static void *irq_loop(void *arg)
{
    for (int i = 0; i < 1000; i++)
        irq_handler(arg);
    return NULL;
}

static long dev_ioctl(struct device *d, int cmd)
{
    pthread_mutex_lock(&d->lock);
    d->state = cmd;
    long r = d->state + d->irqs;
    pthread_mutex_unlock(&d->lock);
    return r;
}

static int dev_init(void)
{
    dev = calloc(1, sizeof *dev);
    if (!dev)
        return -1;
    pthread_mutex_init(&dev->lock, NULL);
    return pthread_create(&irq_thread, NULL, irq_loop, dev);
}

int main(void)
{
    long acc = 0;
    if (dev_init() != 0)
        return 1;
    for (int i = 0; i < 1000; i++)
        acc += dev_ioctl(dev, i % 3);
    pthread_join(irq_thread, NULL);
    free(dev);
    return (int)acc;
}
