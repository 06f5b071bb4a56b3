// The start function is passed through a local function pointer that only ever holds `worker`:
// both threads run `worker`, and its update of `hits` is not locked.
#include <pthread.h>

static long hits;

static void *worker(void *arg)
{
    (void)arg;
    hits++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    void *(*start)(void *) = worker;
    pthread_t a, b;
    pthread_create(&a, NULL, start, NULL);
    pthread_create(&b, NULL, start, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)hits;
}
