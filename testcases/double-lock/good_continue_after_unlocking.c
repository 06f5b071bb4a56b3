// Each round locks `queue_lock`; the `continue` that skips an empty slot unlocks first, as the
// end of the round does.
#include <pthread.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int slots[16];

void *drain(void *arg)
{
    (void)arg;
    for (int i = 0; i < 16; i++) {
        pthread_mutex_lock(&queue_lock);
        if (slots[i] == 0) {
            pthread_mutex_unlock(&queue_lock);
            continue;
        }
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
