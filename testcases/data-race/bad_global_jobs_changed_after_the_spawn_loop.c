// The same jobs, but a second loop shortens every job while the threads run: it writes each
// element's `n` after that element's thread has started, and before any join.
#include <pthread.h>
#include <stddef.h>

struct job {
    int id;
    size_t n;
    double result;
};

static struct job jobs[4];

static void *run_job(void *arg)
{
    struct job *j = arg;
    double acc = 0;
    for (size_t i = 0; i < j->n; i++)
        acc += (double)i * j->id;
    j->result = acc;
    return NULL;
}

int main(void)
{
    pthread_t th[4];
    double total = 0;
    for (int k = 0; k < 4; k++) {
        jobs[k].id = k;
        jobs[k].n = 1000;
        pthread_create(&th[k], NULL, run_job, &jobs[k]);
    }
    for (int k = 0; k < 4; k++)
        jobs[k].n = 10; //~ ERROR data-race
    for (int k = 0; k < 4; k++) {
        pthread_join(th[k], NULL);
        total += jobs[k].result;
    }
    return total > 0 ? 0 : 1;
}
