// The error path frees the buffer, then falls through to the common cleanup that frees it again.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int load_config(const char *path, char **out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char *buf = malloc(4096);
    if (!buf) {
        fclose(f);
        return -1;
    }
    size_t n = fread(buf, 1, 4095, f);
    int rc = 0;
    if (n == 0) {
        free(buf);
        rc = -1;
    } else {
        buf[n] = '\0';
        *out = strdup(buf);
    }
    fclose(f);
    free(buf); //~ ERROR use-after-move
    return rc;
}
