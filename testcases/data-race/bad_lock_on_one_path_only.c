// The lock is taken only when `shared` is set; the write may happen without it.
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long served;

static void *serve(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    served++;
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t t;
    (void)argv;
    pthread_create(&t, NULL, serve, NULL);
    if (argc > 1)
        pthread_mutex_lock(&mu);
    served = 0; //~ ERROR data-race
    if (argc > 1)
        pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return 0;
}
