// Main resets the total between starting the workers and joining them.
#include <pthread.h>

#define N 8
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *work(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    total++;
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, work, NULL);
    total = 0; //~ ERROR data-race
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return (int)total;
}
