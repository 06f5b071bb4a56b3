// The workers enter h() only while `mode` is set, but h() clears it (through set_idle()) before
// g() tests it again: what the caller's test said does not last past a call that writes the
// flag, and both workers reach the unlocked count.
#include <pthread.h>

static int mode;
static long shared;

static void set_idle(void)
{
    mode = 0; //~ ERROR data-race
}

static void g(void)
{
    if (!mode)
        shared++; //~ ERROR data-race
}

static void h(void)
{
    set_idle();
    g();
}

static void *worker(void *arg)
{
    if (mode)
        h();
    return arg;
}

int main(void)
{
    pthread_t x, y;
    mode = 1;
    pthread_create(&x, NULL, worker, NULL);
    pthread_create(&y, NULL, worker, NULL);
    pthread_join(x, NULL);
    pthread_join(y, NULL);
    return (int)shared;
}
