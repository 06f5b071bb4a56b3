// sizeof does not evaluate its operand: `sizeof *p` after free is fine.
#include <stdlib.h>
#include <string.h>

struct stats {
    long hits, misses;
};

struct stats *stats_recreate(struct stats *p)
{
    free(p);
    p = malloc(sizeof *p);
    if (p)
        memset(p, 0, sizeof *p);
    return p;
}

size_t stats_release(struct stats *p)
{
    free(p);
    return sizeof(*p);
}
