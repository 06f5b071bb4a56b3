// The thread calls its work through a global function pointer set by the global's initializer
// (`hook = bump`): bump runs in both workers and races on `hits`.
#include <pthread.h>

static int hits;

static void bump(void)
{
    hits++; //~ ERROR data-race
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
