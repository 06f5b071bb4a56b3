// The thread calls a function pointer it gets through its `void *` argument: nothing says which
// function that is, only its type. Two address-taken functions fit and one writes a global main
// writes, but a guess by type alone is not a report (--verbose says so).
// fearless-flags: --verbose
#include <pthread.h>

static int state;

static void set_state(int v)
{
    state = v; //~ NOTE data-race
}

static void log_value(int v)
{
    (void)v;
}

static void (*on_change)(int) = set_state;

static void *dispatcher(void *arg)
{
    void (*fn)(int) = (void (*)(int))arg;
    fn(1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, dispatcher, (void *)log_value);
    state = 1;
    pthread_join(t, NULL);
    on_change(2);
    return state;
}
