// A function that never returns because it serves forever is not a way out of the program:
// what it does races like any other code. serve() and the watchdog thread both write `requests`.
#include <pthread.h>
#include <unistd.h>

static long requests;

static void *watchdog(void *arg)
{
    (void)arg;
    for (;;) {
        sleep(1);
        requests = 0; //~ ERROR data-race
    }
    return NULL;
}

__attribute__((noreturn)) static void serve(void)
{
    for (;;)
        requests++;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, watchdog, NULL);
    serve();
}
