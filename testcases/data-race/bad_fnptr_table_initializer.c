// The thread calls through a table the global's initializer fills with nine handlers: the call
// may enter any of them (no guess by type: they are the functions stored there), and h0
// writes a global main writes.
#include <pthread.h>

static int state;

static void h0(int v)
{
    state = v; //~ ERROR data-race
}

static void h1(int v)
{
    (void)v;
}

static void h2(int v)
{
    (void)v;
}

static void h3(int v)
{
    (void)v;
}

static void h4(int v)
{
    (void)v;
}

static void h5(int v)
{
    (void)v;
}

static void h6(int v)
{
    (void)v;
}

static void h7(int v)
{
    (void)v;
}

static void h8(int v)
{
    (void)v;
}

static void (*table[9])(int) = {h0, h1, h2, h3, h4, h5, h6, h7, h8};

static void *dispatcher(void *arg)
{
    int op = *(int *)arg;
    table[op % 9](op);
    return NULL;
}

int main(void)
{
    int op = 4;
    pthread_t t;
    pthread_create(&t, NULL, dispatcher, &op);
    state = 1;
    pthread_join(t, NULL);
    return state;
}
