// What a failed assertion does on its way out (a noreturn function that counts its re-entries,
// logs and aborts) is not worth a report: two threads may reach it, but the program is dying.
// --verbose still says so.
// fearless-flags: --verbose
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int reentry;

__attribute__((noreturn)) static void assert_failure(const char *where)
{
    switch (reentry++) { //~ NOTE data-race
    case 0:
        fprintf(stderr, "assertion failed at %s\n", where);
        abort();
    default:
        abort();
    }
}

#define check(c) ((c) ? (void)0 : assert_failure(__func__))

static void *worker(void *arg)
{
    check(arg != NULL);
    return arg;
}

int main(void)
{
    pthread_t t[2];
    int x = 0;
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, &x);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
