// The message is sent only when it is urgent, but it is read afterwards on both paths.
#include <stdio.h>
#include <stdlib.h>

#include "include/chan.h"

int dispatch(struct chan *urgent, struct msg *m)
{
    if (m->kind == 9)
        chan_send(urgent, m);
    printf("dispatched kind %d\n", m->kind); //~ ERROR use-after-move
    return 0;
}
