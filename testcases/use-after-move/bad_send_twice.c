// Moving the same value twice is a use after move: the second send hands over a message the
// first receiver already owns (and will free).
#include <stdlib.h>

#include "include/chan.h"

void broadcast(struct chan *a, struct chan *b, long value)
{
    struct msg *m = malloc(sizeof *m);
    if (!m)
        return;
    m->kind = 2;
    m->value = value;
    chan_send(a, m);
    chan_send(b, m); //~ ERROR use-after-move
}
