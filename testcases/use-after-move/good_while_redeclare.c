// Each iteration declares and allocates its own message before sending it.
#include <stdlib.h>

#include "include/chan.h"

int pump(struct chan *c, const long *values, int n)
{
    int i = 0;
    while (i < n) {
        struct msg *m = malloc(sizeof *m);
        if (!m)
            return -1;
        m->kind = 1;
        m->value = values[i++];
        chan_send(c, m);
    }
    return 0;
}
