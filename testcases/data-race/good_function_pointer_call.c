// The thread calls its work through a function pointer: not followed, no report.
#include <pthread.h>

static int hits;

static void bump(void)
{
    hits++;
}

static void (*hook)(void) = bump;

static void *worker(void *arg)
{
    (void)arg;
    hook();
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
