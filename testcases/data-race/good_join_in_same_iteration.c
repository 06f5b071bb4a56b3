// Each iteration starts a thread and joins it before the next: never two at once.
#include <pthread.h>

static int step;

static void *advance(void *arg)
{
    (void)arg;
    step++;
    return NULL;
}

int main(void)
{
    for (int i = 0; i < 3; i++) {
        pthread_t t;
        pthread_create(&t, NULL, advance, NULL);
        pthread_join(t, NULL);
        step *= 2;
    }
    return step;
}
