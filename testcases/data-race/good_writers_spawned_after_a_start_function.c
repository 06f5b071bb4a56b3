// A start function hides its thread's function (`logger_start(&lg)` creates `rotator` on `lg`);
// the writers main spawns afterwards read the generation under the lock the rotator bumps it
// under.
#include <pthread.h>
struct logger { pthread_mutex_t lock; unsigned gen; long bytes; };
struct warg { struct logger *lg; int tid; };
static void log_write(struct logger *lg)
{
    pthread_mutex_lock(&lg->lock);
    lg->bytes += lg->gen;
    pthread_mutex_unlock(&lg->lock);
}
static void *writer(void *arg)
{
    struct warg *wa = arg;
    for (int i = 0; i < 10; i++)
        log_write(wa->lg);
    return NULL;
}
static void *rotator(void *arg)
{
    struct logger *lg = arg;
    pthread_mutex_lock(&lg->lock);
    lg->gen++;
    pthread_mutex_unlock(&lg->lock);
    return NULL;
}
static pthread_t rot;
static int logger_start(struct logger *lg)
{
    return pthread_create(&rot, NULL, rotator, lg);
}
int main(void)
{
    static struct logger lg = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
    struct warg a[2];
    pthread_t t[3];
    logger_start(&lg);
    for (int i = 0; i < 2; i++) {
        a[i].lg = &lg;
        a[i].tid = i;
        pthread_create(&t[i], NULL, writer, &a[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    pthread_join(rot, NULL);
    return 0;
}
