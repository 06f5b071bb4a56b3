/* main.c - fearless: parse the command line, hand it to the driver, make sure the output
 * got out. */
#include <errno.h>
#include <stdbool.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "launcher.h"
#include "options.h"
#include "usage.h"

/* The stack the analysis runs on. libclang's parser recurses once per operand of a long
   `a && b && ...` and of deep nesting; clang's own compiler survives such code on its 8 MiB
   stack, but libclang parses on a thread of its own where it does not. fearless runs its work
   on a thread with a larger stack and has libclang parse there (LIBCLANG_NOTHREADS), so that
   what clang compiles, fearless parses. The memory is reserved, and used only as deep as the
   input goes. */
#define ANALYSIS_STACK ((size_t)512 << 20)

typedef struct run_args {
    fl_options *o;
    int argc;         /* fearless-cc: its command line (o is NULL) */
    char **argv;
    int rc;
    int write_errno;  /* errno of a failed write of the output (errno is per thread) */
} run_args;

static void *run_driver(void *p)
{
    run_args *a = p;
    a->rc = a->o ? driver_run(a->o) : launcher_main(a->argc, a->argv);
    /* errno still says why the report's write failed, when it did */
    if (fflush(stdout) != 0 || ferror(stdout))
        a->write_errno = errno ? errno : EIO;
    return NULL;
}

/* Runs the driver (or, with o NULL, the launcher on argc/argv); *write_errno gets the errno of a
   lost output (0: none seen there). */
static int run_on_large_stack(fl_options *o, int argc, char **argv, int *write_errno)
{
    run_args a = {o, argc, argv, 2, 0};
    setenv("LIBCLANG_NOTHREADS", "1", 0);
    pthread_attr_t at;
    pthread_t t;
    if (pthread_attr_init(&at) == 0 && pthread_attr_setstacksize(&at, ANALYSIS_STACK) == 0 &&
        pthread_create(&t, &at, run_driver, &a) == 0) {
        pthread_join(t, NULL);
        pthread_attr_destroy(&at);
        *write_errno = a.write_errno;
        return a.rc;
    }
    return o ? driver_run(o) : launcher_main(argc, argv); /* no thread: as deep as this stack allows */
}

/* Called as fearless-cc (argv[0]'s base name)? */
static bool is_launcher(const char *argv0)
{
    const char *base = strrchr(argv0, '/');
    base = base ? base + 1 : argv0;
    return strcmp(base, "fearless-cc") == 0;
}

int main(int argc, char **argv)
{
    /* A closed pipe is a write error like any other (checked below), not a silent death. */
    signal(SIGPIPE, SIG_IGN);
    if (argc > 0 && is_launcher(argv[0])) {
        int werr = 0;
        return run_on_large_stack(NULL, argc, argv, &werr);
    }
    fl_options o;
    char *err = NULL;
    int rc, write_errno = 0;
    if (options_parse(argc, argv, &o, &err) != 0) {
        rc = usage_error(o.format, "%s", err);
        free(err);
    } else {
        rc = run_on_large_stack(&o, argc, argv, &write_errno);
        options_free(&o);
    }
    /* Output lost (a full disk, /dev/full, a reader that went away) must not pass for a
       result: exit 2, and say so where it can still be read. */
    if (write_errno || fflush(stdout) != 0 || ferror(stdout)) {
        int e = write_errno ? write_errno : errno;
        fprintf(stderr, "fearless: error: cannot write the output: %s\n", e ? strerror(e) : "write error");
        return 2;
    }
    return rc;
}
