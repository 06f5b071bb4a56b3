// Each thread gets its own element of an array of stack objects.
#include <pthread.h>

struct part {
    long from, to, sum;
};

static void *add_range(void *arg)
{
    struct part *p = arg;
    for (long i = p->from; i < p->to; i++)
        p->sum += i;
    return NULL;
}

long total(void)
{
    struct part parts[4];
    pthread_t th[4];
    long s = 0;
    for (int i = 0; i < 4; i++) {
        parts[i].from = i * 100;
        parts[i].to = (i + 1) * 100;
        parts[i].sum = 0;
        pthread_create(&th[i], NULL, add_range, &parts[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < 4; i++)
        s += parts[i].sum;
    return s;
}
