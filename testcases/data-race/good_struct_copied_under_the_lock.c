// The reporter copies the whole `current` settings struct under `settings_lock`, and `main`
// changes its fields under the same lock.
#include <pthread.h>

struct settings {
    int interval;
    int verbose;
    long limit;
};
static pthread_mutex_t settings_lock = PTHREAD_MUTEX_INITIALIZER;
static struct settings current, seen;

static void *reporter(void *arg)
{
    pthread_mutex_lock(&settings_lock);
    seen = current;
    pthread_mutex_unlock(&settings_lock);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, reporter, NULL);
    pthread_mutex_lock(&settings_lock);
    current.interval = 5;
    pthread_mutex_unlock(&settings_lock);
    pthread_join(t, NULL);
    return seen.interval;
}
