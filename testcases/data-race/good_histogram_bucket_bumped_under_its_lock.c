// Each worker counts its own slice of the samples into one shared histogram, under the
// histogram's lock.
#include <pthread.h>
#include <stdio.h>

#define NB 10
#define NT 4
#define N 4000

static unsigned long hist[NB];
static pthread_mutex_t hist_lock = PTHREAD_MUTEX_INITIALIZER;
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
    for (int i = 0; i < s->n; i++) {
        int b = bucket_of(s->data[i]);
        pthread_mutex_lock(&hist_lock);
        hist[b]++;
        pthread_mutex_unlock(&hist_lock);
    }
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
