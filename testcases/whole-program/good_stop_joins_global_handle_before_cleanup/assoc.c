/* The maintenance thread's handle lives in a global; stopping it joins that global. */
#include <pthread.h>

static pthread_t maintenance_tid;
static pthread_mutex_t maintenance_lock = PTHREAD_MUTEX_INITIALIZER;
static int run_maintenance = 1;
unsigned hashpower = 16;

void assoc_delete(void);

static void *maintenance_thread(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&maintenance_lock);
    while (run_maintenance) {
        hashpower++;
        assoc_delete();
        pthread_mutex_unlock(&maintenance_lock);
        pthread_mutex_lock(&maintenance_lock);
    }
    pthread_mutex_unlock(&maintenance_lock);
    return NULL;
}

void start_maintenance(void)
{
    pthread_create(&maintenance_tid, NULL, maintenance_thread, NULL);
}

void stop_maintenance(void)
{
    pthread_mutex_lock(&maintenance_lock);
    run_maintenance = 0;
    pthread_mutex_unlock(&maintenance_lock);
    pthread_join(maintenance_tid, NULL);
}
