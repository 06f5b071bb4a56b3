// chan_send hands the message to the receiving thread (FL_SENDS): updating it after the send
// writes to memory another thread now owns.
#include <stdlib.h>

#include "include/chan.h"

int publish_reading(struct chan *c, long value)
{
    struct msg *m = malloc(sizeof *m);
    if (!m)
        return -1;
    m->kind = 1;
    m->value = value;
    if (chan_send(c, m) != 0)
        return -1;
    m->value = 0; //~ ERROR use-after-move
    return 0;
}
