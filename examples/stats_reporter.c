/* stats_reporter.c - a reporter thread reading process-wide counters.
 *
 * Correct: the thread borrows only static data, which lives as long as the program, so it
 * may be detached and outlive the function that started it.
 *
 * fearless: clean
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

struct counters {
    atomic_long requests;
    atomic_long errors;
};

static struct counters process_counters;

static void *report_main(void *arg)
{
    struct counters *c = arg;
    struct timespec second = {1, 0};
    for (;;) {
        nanosleep(&second, NULL);
        printf("requests=%ld errors=%ld\n", atomic_load(&c->requests), atomic_load(&c->errors));
    }
    return NULL;
}

int start_reporter(void)
{
    pthread_t reporter;
    if (pthread_create(&reporter, NULL, report_main, &process_counters) != 0)
        return -1;
    return pthread_detach(reporter);
}

void count_request(int failed)
{
    atomic_fetch_add(&process_counters.requests, 1);
    if (failed)
        atomic_fetch_add(&process_counters.errors, 1);
}
