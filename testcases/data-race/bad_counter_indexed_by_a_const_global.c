// Both workers bump the element a const global names.
#include <pthread.h>

static long slots[8];
static const int HOME_SLOT = 3;

static void *worker(void *arg)
{
    (void)arg;
    slots[HOME_SLOT]++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)slots[HOME_SLOT];
}
