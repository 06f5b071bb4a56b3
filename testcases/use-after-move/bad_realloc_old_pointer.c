// After a successful realloc the old pointer is dead: the block may have moved.
#include <stdlib.h>
#include <string.h>

struct buf {
    char *data;
    size_t len, cap;
};

int buf_grow(struct buf *b, size_t need)
{
    char *old = b->data;
    char *bigger = realloc(old, need);
    if (!bigger)
        return -1;
    memset(old + b->len, 0, need - b->len); //~ ERROR use-after-move
    b->data = bigger;
    b->cap = need;
    return 0;
}
