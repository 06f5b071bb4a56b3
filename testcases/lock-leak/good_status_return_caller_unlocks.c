// `claim_if_pending` returns 1 with `queue_lock` held when there is work, 0 (unlocked) when there
// is none; its callers unlock on the branch where it says 1, directly or through the function
// that passes its value on.
#include <pthread.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int queued;

int claim_if_pending(void)
{
    pthread_mutex_lock(&queue_lock);
    if (queued > 0)
        return 1;
    pthread_mutex_unlock(&queue_lock);
    return 0;
}

static int claim(void)
{
    return claim_if_pending();
}

void drain_one(void)
{
    if (claim()) {
        queued--;
        pthread_mutex_unlock(&queue_lock);
    }
}

int main(void)
{
    if (claim_if_pending()) {
        queued = 0;
        pthread_mutex_unlock(&queue_lock);
    }
    drain_one();
    return 0;
}
