// goto-based cleanup where every owner is freed exactly once: the error paths jump before
// anything is freed, and the success path hands the buffer to the caller and clears it.
#include <stdio.h>
#include <stdlib.h>

int read_record(FILE *f, char **out)
{
    int rc = -1;
    char *key = malloc(64);
    char *val = malloc(256);
    if (!key || !val)
        goto out;
    if (fscanf(f, "%63s %255s", key, val) != 2)
        goto out;
    *out = val;
    val = NULL;
    rc = 0;
out:
    free(key);
    free(val);
    return rc;
}
