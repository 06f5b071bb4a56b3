// The reporter sums the workers' counters through a helper taking a pointer to const, but it
// is started only after every worker is joined.
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#define NUM_WORKERS 4
#define JOBS_PER_WORKER 200000
#define REPORT_ROUNDS 5

struct slot {
    long processed;
    long errors;
};

static struct slot slots[NUM_WORKERS];

static void *worker(void *arg)
{
    struct slot *mine = arg;
    for (int i = 0; i < JOBS_PER_WORKER; i++) {
        if (i % 97 == 0)
            mine->errors++;
        else
            mine->processed++;
    }
    return NULL;
}

static long total_processed(const struct slot *s, int n)
{
    long sum = 0;
    for (int i = 0; i < n; i++)
        sum += s[i].processed;
    return sum;
}

static void *reporter(void *arg)
{
    (void)arg;
    for (int round = 0; round < REPORT_ROUNDS; round++) {
        printf("progress: %ld jobs done\n", total_processed(slots, NUM_WORKERS));
        sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t workers[NUM_WORKERS], rep;

    for (int i = 0; i < NUM_WORKERS; i++)
        pthread_create(&workers[i], NULL, worker, &slots[i]);
    for (int i = 0; i < NUM_WORKERS; i++)
        pthread_join(workers[i], NULL);
    pthread_create(&rep, NULL, reporter, NULL);
    pthread_join(rep, NULL);

    long errors = 0;
    for (int i = 0; i < NUM_WORKERS; i++)
        errors += slots[i].errors;
    printf("final: %ld processed, %ld errors\n", total_processed(slots, NUM_WORKERS), errors);
    return 0;
}
