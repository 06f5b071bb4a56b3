// The function that takes ownership is defined in this file, with FL_MOVE on its parameter:
// the note points at that parameter.
#include <stdio.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct record {
    int id;
    struct record *next;
};

static struct record *pending;

static void record_enqueue(struct record *FL_MOVE r)
{
    r->next = pending;
    pending = r;
}

void record_add(int id)
{
    struct record *r = malloc(sizeof *r);
    if (!r)
        return;
    r->id = id;
    record_enqueue(r);
    r->id = -1; //~ ERROR use-after-move
}
