/* chan.h - a message channel between threads: send hands the message to whichever thread
   receives it. */
#ifndef UAM_CHAN_H
#define UAM_CHAN_H

#include "../../../annotations/fearless.h"

struct chan;
struct msg {
    int kind;
    long value;
};

int chan_send(struct chan *c, FL_SENDS struct msg *msg);
struct msg *chan_recv(struct chan *c);

#endif
