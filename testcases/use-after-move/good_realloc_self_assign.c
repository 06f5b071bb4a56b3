// `p = realloc(p, n)` gives p the new block (and leaks the old one on failure, which is not
// this check's business): p is not moved afterwards.
#include <stdlib.h>

int *grow(int *p, size_t n)
{
    p = realloc(p, n * sizeof *p);
    if (!p)
        return NULL;
    p[n - 1] = 0;
    return p;
}
