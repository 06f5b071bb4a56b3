// Thread-local storage is private to each thread.
#include <pthread.h>

static _Thread_local int depth;
static __thread char scratch[32];

static void *walk(void *arg)
{
    (void)arg;
    depth++;
    scratch[0] = 'x';
    depth--;
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, walk, NULL);
    depth = 5;
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return depth;
}
