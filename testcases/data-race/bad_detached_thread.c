// A detached thread can never be waited for: everything after the spawn runs beside it.
#include <pthread.h>
#include <unistd.h>

static int heartbeat;

static void *beat(void *arg)
{
    (void)arg;
    for (;;) {
        heartbeat++; //~ ERROR data-race
        sleep(1);
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, beat, NULL);
    pthread_detach(t);
    sleep(5);
    return heartbeat > 3;
}
