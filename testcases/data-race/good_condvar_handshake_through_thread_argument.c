// The startup handshake of a struct passed to the thread: main reads `s.id` after waiting for
// `s.ready`, which the worker sets after writing `s->id`.
#include <pthread.h>
struct start {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int ready;
    long id;
};
static void *worker(void *arg)
{
    struct start *s = arg;
    s->id = 99;
    pthread_mutex_lock(&s->mu);
    s->ready = 1;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    return NULL;
}
int main(void)
{
    static struct start s = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
    pthread_t t;
    pthread_create(&t, NULL, worker, &s);
    pthread_mutex_lock(&s.mu);
    while (!s.ready)
        pthread_cond_wait(&s.cv, &s.mu);
    pthread_mutex_unlock(&s.mu);
    long id = s.id;
    pthread_join(t, NULL);
    return (int)id;
}
