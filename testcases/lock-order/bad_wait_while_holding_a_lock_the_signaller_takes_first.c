// The consumer waits for a job holding `stats_lock`. The producer gives `stats_lock` back before
// it signals, but it must take it first on its way there: while the consumer waits, the
// producer blocks on `stats_lock` and never signals.
#include <pthread.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_nonempty = PTHREAD_COND_INITIALIZER;
static int queue_len;
static long jobs_submitted, consumer_waits;

static void *consumer(void *arg)
{
    for (int i = 0; i < 10; i++) {
        pthread_mutex_lock(&stats_lock);
        pthread_mutex_lock(&queue_lock);
        while (queue_len == 0) {
            consumer_waits++;
            pthread_cond_wait(&queue_nonempty, &queue_lock); //~ ERROR lock-order
        }
        queue_len--;
        pthread_mutex_unlock(&queue_lock);
        pthread_mutex_unlock(&stats_lock);
    }
    return arg;
}

static void *producer(void *arg)
{
    for (int i = 0; i < 10; i++) {
        pthread_mutex_lock(&stats_lock);
        jobs_submitted++;
        pthread_mutex_unlock(&stats_lock);
        pthread_mutex_lock(&queue_lock);
        queue_len++;
        pthread_cond_signal(&queue_nonempty);
        pthread_mutex_unlock(&queue_lock);
    }
    return arg;
}

int main(void)
{
    pthread_t cons, prod;
    pthread_create(&cons, NULL, consumer, NULL);
    pthread_create(&prod, NULL, producer, NULL);
    pthread_join(prod, NULL);
    pthread_join(cons, NULL);
    return 0;
}
