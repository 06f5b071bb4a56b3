// getline reallocates `line` through its address: after `&line` escapes, fearless does not
// follow the variable (it may be given a new block at any call).
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

long count_lines(FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    long n = 0;
    while (getline(&line, &cap, f) > 0) {
        n++;
        if (n % 1000 == 0) {
            free(line);
            line = NULL;
            cap = 0;
        }
    }
    free(line);
    return n;
}
