// Returning a pointer that was just freed: the caller gets a dangling pointer.
#include <stdlib.h>
#include <string.h>

char *normalize_name(char *name)
{
    size_t n = strlen(name);
    if (n == 0) {
        free(name);
        return name; //~ ERROR use-after-move
    }
    for (size_t i = 0; i < n; i++)
        if (name[i] == ' ')
            name[i] = '_';
    return name;
}
