// Every way out of the switch joins first.
#include <pthread.h>

enum mode { MODE_SYNC, MODE_ASYNC };

static void *flush(void *arg)
{
    return arg;
}

void flush_log(enum mode mode)
{
    char pending[1024];
    pthread_t t;
    pthread_create(&t, NULL, flush, pending);
    switch (mode) {
    case MODE_SYNC:
        pthread_join(t, NULL);
        break;
    default:
        pthread_join(t, NULL);
        break;
    }
}
