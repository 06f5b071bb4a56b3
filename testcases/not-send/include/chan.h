/* chan.h - a bounded channel: whatever is sent is received by another thread. */
#ifndef CHAN_H
#define CHAN_H
#include "../../../annotations/fearless.h"

struct chan;
int chan_send(struct chan *c, FL_SENDS void *msg);
void *chan_recv(struct chan *c);
#endif
