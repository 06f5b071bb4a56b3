// Each worker counts its own slice of the samples into one shared histogram: the bucket is
// picked by the sample's value, so two workers may bump the same bucket at once.
#include <pthread.h>
#include <stdio.h>

#define NB 10
#define NT 4
#define N 4000

static unsigned long hist[NB];
static double samples[N];

struct slice {
    const double *data;
    int n;
};

static int bucket_of(double v)
{
    int b = (int)(v * NB);
    return b < 0 ? 0 : b >= NB ? NB - 1 : b;
}

static void *count(void *arg)
{
    struct slice *s = arg;
    for (int i = 0; i < s->n; i++)
        hist[bucket_of(s->data[i])]++; //~ ERROR data-race
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
        pthread_create(&t[k], NULL, count, &sl[k]);
    }
    for (int k = 0; k < NT; k++)
        pthread_join(t[k], NULL);
    for (int b = 0; b < NB; b++)
        printf("%d: %lu\n", b, hist[b]);
    return 0;
}
