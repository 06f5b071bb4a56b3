// Each round locks `queue_lock`, and skips an empty slot with `continue` before the unlock at the
// end of the round: the next round locks `queue_lock` again while this thread still holds it.
#include <pthread.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int slots[16];

void *drain(void *arg)
{
    (void)arg;
    for (int i = 0; i < 16; i++) {
        pthread_mutex_lock(&queue_lock); //~ ERROR double-lock
        if (slots[i] == 0)
            continue;
        slots[i]--;
        pthread_mutex_unlock(&queue_lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, drain, NULL);
    pthread_create(&b, NULL, drain, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
