// The spawn loop goes on writing element i after starting the thread given &jobs[i], which reads it.
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
        j->sum += (unsigned char)j->text[k];
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
        pthread_create(&th[i], NULL, worker, &jobs[i]);
        while (inputs[i][jobs[i].len])
            jobs[i].len++; //~ ERROR data-race
    }
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        printf("%s %u\n", jobs[i].text, jobs[i].sum);
    }
    return 0;
}
