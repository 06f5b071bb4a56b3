// goto-based cleanup: the parse error path frees `line` itself and then jumps to the shared
// cleanup, which frees it again.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int parse_header(FILE *f, int *version)
{
    int rc = -1;
    char *line = malloc(256);
    if (!line)
        return -1;
    if (!fgets(line, 256, f))
        goto out;
    if (strncmp(line, "v=", 2) != 0) {
        free(line);
        goto out;
    }
    *version = atoi(line + 2);
    rc = 0;
out:
    free(line); //~ ERROR use-after-move
    return rc;
}
