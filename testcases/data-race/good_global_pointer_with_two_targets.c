// cur points to a or to b, decided at run time: `*cur` names no one variable, and main writes a
// only after the join anyway.
#include <pthread.h>

static int a, b;
static int *cur;

static void *worker(void *arg)
{
    (void)arg;
    *cur = 1;
    return NULL;
}

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        cur = &a;
    else
        cur = &b;
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    b = 2;
    pthread_join(t, NULL);
    a = 2;
    return a + b;
}
