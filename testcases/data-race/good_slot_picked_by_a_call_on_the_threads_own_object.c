// Each worker counts into its own slot, which a call picks from the worker's own object (not
// from the data): the slots are the workers' own.
#include <pthread.h>
#include <stdio.h>

#define NB 10
#define NT 4
#define N 4000

static unsigned long done[NT];
static double samples[N];

struct slice {
    const double *data;
    int n;
    int id;
};

static int slot_of(const struct slice *s)
{
    return s->id % NT;
}

static int bucket_of(double v)
{
    int b = (int)(v * NB);
    return b < 0 ? 0 : b >= NB ? NB - 1 : b;
}

static void *count(void *arg)
{
    struct slice *s = arg;
    for (int i = 0; i < s->n; i++)
        if (bucket_of(s->data[i]) > NB / 2)
            done[slot_of(s)]++;
    return NULL;
}

int main(void)
{
    pthread_t t[NT];
    struct slice sl[NT];
    for (int i = 0; i < N; i++)
        samples[i] = (i % 97) / 97.0;
    for (int k = 0; k < NT; k++) {
        sl[k].data = samples + k * (N / NT);
        sl[k].n = N / NT;
        sl[k].id = k;
        pthread_create(&t[k], NULL, count, &sl[k]);
    }
    for (int k = 0; k < NT; k++)
        pthread_join(t[k], NULL);
    for (int k = 0; k < NT; k++)
        printf("%d: %lu\n", k, done[k]);
    return 0;
}
