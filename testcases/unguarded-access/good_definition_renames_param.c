// The prototype names the parameter `netdev`, the definition `dev`; each carries its own
// OVS_REQUIRES spelled with its own name. Callers holding the lock are fine either way.
#include <pthread.h>
#include "include/thread_annotations.h"

struct netdev_linux { pthread_mutex_t mutex; unsigned flags OVS_GUARDED_BY(mutex); };

static void netdev_linux_changed(struct netdev_linux *netdev, unsigned flags)
    OVS_REQUIRES(netdev->mutex);

void netdev_linux_update(struct netdev_linux *d, unsigned flags)
{
    pthread_mutex_lock(&d->mutex);
    netdev_linux_changed(d, flags);
    pthread_mutex_unlock(&d->mutex);
}

static void netdev_linux_changed(struct netdev_linux *dev, unsigned flags)
    OVS_REQUIRES(dev->mutex)
{
    dev->flags = flags;
}

void netdev_linux_update_again(struct netdev_linux *d)
{
    pthread_mutex_lock(&d->mutex);
    netdev_linux_changed(d, 0);
    pthread_mutex_unlock(&d->mutex);
}
