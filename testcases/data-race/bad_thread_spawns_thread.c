// A thread that starts a helper thread and keeps writing while the helper reads.
#include <pthread.h>

static int progress;

static void *reporter(void *arg)
{
    (void)arg;
    return (void *)(long)progress;
}

static void *supervisor(void *arg)
{
    pthread_t r;
    (void)arg;
    pthread_create(&r, NULL, reporter, NULL);
    progress = 50; //~ ERROR data-race
    pthread_join(r, NULL);
    return NULL;
}

int main(void)
{
    pthread_t s;
    pthread_create(&s, NULL, supervisor, NULL);
    pthread_join(s, NULL);
    return 0;
}
