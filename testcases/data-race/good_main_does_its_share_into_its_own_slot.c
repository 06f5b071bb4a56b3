// main starts a worker and then does the first share itself, by calling the same
// function: each share sums into its own slot, and main adds the slots after the join.
#include <pthread.h>
#include <stdio.h>

struct share {
    const int *data;
    int n;
    long sum;
};

static void *sum_share(void *arg)
{
    struct share *s = arg;
    s->sum = 0;
    for (int i = 0; i < s->n; i++)
        s->sum += s->data[i];
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
        shares[i] = (struct share){data + 100 * i, 100, 0};
    pthread_create(&t[1], NULL, sum_share, &shares[1]);
    sum_share(&shares[0]);
    long total = shares[0].sum;
    pthread_join(t[1], NULL);
    total += shares[1].sum;
    printf("%ld\n", total);
    return 0;
}
