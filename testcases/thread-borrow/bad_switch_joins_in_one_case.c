// Only the `MODE_SYNC` case joins; the others fall out of the switch.
#include <pthread.h>

enum mode { MODE_SYNC, MODE_ASYNC, MODE_FIRE_AND_FORGET };

static void *flush(void *arg)
{
    return arg;
}

void flush_log(enum mode mode)
{
    char pending[1024];
    pthread_t t;
    pthread_create(&t, NULL, flush, pending); //~ ERROR thread-borrow
    switch (mode) {
    case MODE_SYNC:
        pthread_join(t, NULL);
        break;
    case MODE_ASYNC:
    case MODE_FIRE_AND_FORGET:
        break;
    }
}
