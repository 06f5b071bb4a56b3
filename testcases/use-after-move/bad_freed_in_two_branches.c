// Both branches free the frame, and the trailing statistics read it: two move sites reach
// the use.
#include <stdlib.h>

struct frame {
    int len;
    unsigned char *data;
};

void frame_consume(struct frame *f, int keep, long *bytes)
{
    if (keep) {
        free(f->data);
        free(f);
    } else {
        free(f);
    }
    *bytes += f->len; //~ ERROR use-after-move
}
