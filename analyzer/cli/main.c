/* main.c - fearless: parse the command line, hand it to the driver, make sure the output
 * got out. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "options.h"
#include "usage.h"

int main(int argc, char **argv)
{
    /* A closed pipe is a write error like any other (checked below), not a silent death. */
    signal(SIGPIPE, SIG_IGN);
    fl_options o;
    char *err = NULL;
    int rc;
    if (options_parse(argc, argv, &o, &err) != 0) {
        rc = usage_error(o.format, "%s", err);
        free(err);
    } else {
        rc = driver_run(&o);
        options_free(&o);
    }
    /* Output lost (a full disk, /dev/full, a reader that went away) must not pass for a
       result: exit 2, and say so where it can still be read. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "fearless: error: cannot write the output: %s\n",
                errno ? strerror(errno) : "write error");
        return 2;
    }
    return rc;
}
