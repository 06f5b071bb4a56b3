// On the branch where realloc failed, the old block is still ours: freeing it there is right.
#include <stdlib.h>

int append(char **data, size_t *len, char c)
{
    char *p = *data;
    char *tmp = realloc(p, *len + 1);
    if (!tmp) {
        free(p);
        *data = NULL;
        return -1;
    }
    tmp[(*len)++] = c;
    *data = tmp;
    return 0;
}

int append2(char **data, size_t *len, char c)
{
    char *p = *data;
    char *tmp;
    if ((tmp = realloc(p, *len + 1)) == NULL) {
        free(p);
        return -1;
    }
    tmp[(*len)++] = c;
    *data = tmp;
    return 0;
}
