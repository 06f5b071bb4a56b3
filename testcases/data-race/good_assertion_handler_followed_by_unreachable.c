// The assertion macro calls report_failure() and then __builtin_unreachable(): the handler is
// the way out of the program, even though it is not declared noreturn. What it writes while
// the program dies is not worth a report.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int crash_count;
static const char *crash_what;

static void report_failure(const char *what)
{
    crash_count++;
    crash_what = what;
    fprintf(stderr, "assertion failed: %s\n", what);
    abort();
}

#define check(e) ((e) ? (void)0 : (report_failure(#e), __builtin_unreachable()))

static void *worker(void *arg)
{
    check(arg != NULL);
    return arg;
}

int main(void)
{
    static int x;
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, &x);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return crash_count;
}
