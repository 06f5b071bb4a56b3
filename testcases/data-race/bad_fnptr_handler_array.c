// The thread dispatches through an array of handlers; one of them writes a global that main
// writes without a lock.
#include <pthread.h>

static int state;

static void h_reset(int v)
{
    (void)v;
}

static void h_set(int v)
{
    state = v; //~ ERROR data-race
}

static void (*handlers[2])(int);

static void *dispatcher(void *arg)
{
    int op = *(int *)arg;
    handlers[op & 1](op);
    return NULL;
}

int main(void)
{
    int op = 1;
    handlers[0] = h_reset;
    handlers[1] = h_set;
    pthread_t t;
    pthread_create(&t, NULL, dispatcher, &op);
    state = 2;
    pthread_join(t, NULL);
    return state;
}
