// The scratch buffer is freed and allocated again at a bigger size before each use.
#include <stdlib.h>
#include <string.h>

int fill_rows(int rows, size_t width)
{
    char *scratch = malloc(width);
    if (!scratch)
        return -1;
    for (int r = 0; r < rows; r++) {
        if (r % 8 == 7) {
            free(scratch);
            width *= 2;
            scratch = malloc(width);
            if (!scratch)
                return -1;
        }
        memset(scratch, 'x', width);
    }
    free(scratch);
    return 0;
}
