/* fio's idle profiler: detached threads, stopped by a handshake on a condition variable. */
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int stop_requested, running;
int verbose;

static void *prof_thread(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    while (!stop_requested)
        pthread_cond_wait(&cond, &lock);
    running--;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    return verbose ? arg : NULL;
}

void prof_start(void)
{
    pthread_t t;
    pthread_mutex_lock(&lock);
    running++;
    pthread_mutex_unlock(&lock);
    if (pthread_create(&t, NULL, prof_thread, NULL) == 0)
        pthread_detach(t);
}

void prof_stop(void)
{
    pthread_mutex_lock(&lock);
    stop_requested = 1;
    pthread_cond_broadcast(&cond);
    while (running)
        pthread_cond_wait(&cond, &lock); /* until the thread says it is done */
    pthread_mutex_unlock(&lock);
}
