// Comparing a freed pointer: its value is indeterminate after free, and the cache may hand the
// same address to the next allocation.
#include <stdlib.h>

struct entry {
    int key;
};

static struct entry *last_used;

void evict(struct entry *e)
{
    free(e);
    if (e == last_used) //~ ERROR use-after-move
        last_used = NULL;
}
