// Each worker counts into its own row, picked by its id; the rows are summed after the joins.
#include <pthread.h>
#include <stdio.h>

#define NB 10
#define NT 4
#define N 4000

static unsigned long rows[NT][NB];
static double samples[N];

struct slice {
    const double *data;
    int n;
    int id;
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
        rows[s->id][bucket_of(s->data[i])]++;
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
    for (int b = 0; b < NB; b++) {
        unsigned long sum = 0;
        for (int k = 0; k < NT; k++)
            sum += rows[k][b];
        printf("%d: %lu\n", b, sum);
    }
    return 0;
}
