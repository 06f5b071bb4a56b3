// main starts a worker and then does the first share of the work itself, by calling the
// same function: two threads add to `total` at once, with no lock.
#include <pthread.h>
#include <stdio.h>

struct share {
    const int *data;
    int n;
};

static long total;

static void *sum_share(void *arg)
{
    const struct share *s = arg;
    for (int i = 0; i < s->n; i++)
        total += s->data[i]; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    static int data[200];
    struct share shares[2];
    pthread_t t[2];
    for (int i = 0; i < 200; i++)
        data[i] = i;
    for (int i = 0; i < 2; i++)
        shares[i] = (struct share){data + 100 * i, 100};
    pthread_create(&t[1], NULL, sum_share, &shares[1]);
    sum_share(&shares[0]);
    pthread_join(t[1], NULL);
    printf("%ld\n", total);
    return 0;
}
