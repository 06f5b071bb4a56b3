// A second loop writes every element while the threads given them may run: the element each
// thread sums into is written by main at once.
#include <pthread.h>
#include <stdio.h>

#define N 4

struct job {
    const char *text;
    size_t len;
    unsigned sum;
};

static void *worker(void *arg)
{
    struct job *j = arg;
    for (size_t k = 0; k < j->len; k++)
        j->sum += (unsigned char)j->text[k]; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    static const char *inputs[N] = {"alpha", "beta", "gamma", "delta"};
    struct job jobs[N];
    pthread_t th[N];

    for (int i = 0; i < N; i++) {
        jobs[i].text = inputs[i];
        jobs[i].sum = 0;
        jobs[i].len = 0;
        while (inputs[i][jobs[i].len])
            jobs[i].len++;
        pthread_create(&th[i], NULL, worker, &jobs[i]);
    }
    for (int i = 0; i < N; i++)
        jobs[i].sum = 0;
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        printf("%s %u\n", jobs[i].text, jobs[i].sum);
    }
    return 0;
}
