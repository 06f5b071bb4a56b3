/* main.c - fearless: parse the command line and hand it to the driver. */
#include <stdio.h>
#include <stdlib.h>

#include "driver.h"
#include "options.h"

int main(int argc, char **argv)
{
    fl_options o;
    char *err = NULL;
    if (options_parse(argc, argv, &o, &err) != 0) {
        printf("error: %s\n", err);
        fprintf(stderr, "Run 'fearless --help' for usage.\n");
        free(err);
        return 2;
    }
    int rc = driver_run(&o);
    options_free(&o);
    return rc;
}
