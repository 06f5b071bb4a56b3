// goto-based error handling with two labels: the checks made after the lock jump to
// `out_unlock`, but one of them jumps to `out`, past the unlock, and returns its error with
// `r->mu` still held. The paths all meet at one `return rc;`, so no return is locked on every
// path: the jump is what leaks.
#include <errno.h>
#include <pthread.h>

struct registry {
    pthread_mutex_t mu;
    int irqs[16];
    int count;
};

int dev_register(struct registry *r, const char *name, int irq)
{
    int rc = 0;

    if (!name || !*name) {
        rc = -EINVAL;
        goto out; /* not locked yet: fine */
    }
    pthread_mutex_lock(&r->mu);
    if (r->count >= 16) {
        rc = -ENOSPC;
        goto out_unlock;
    }
    if (irq < 0 || irq > 255) {
        rc = -EINVAL;
        goto out; //~ ERROR lock-leak
    }
    r->irqs[r->count++] = irq;
out_unlock:
    pthread_mutex_unlock(&r->mu);
out:
    return rc;
}

void unregister_all(struct registry *r)
{
    pthread_mutex_lock(&r->mu);
    r->count = 0;
    pthread_mutex_unlock(&r->mu);
}
