/* poll.c - the points where a long analysis can be stopped. See poll.h. */
#include "poll.h"

#include <stddef.h>

const char *fl_poll_where;
uint32_t fl_poll_countdown = FL_POLL_EVERY;
static fl_poll_fn handler;
static void *handler_ctx;

void fl_poll_set(fl_poll_fn fn, void *ctx)
{
    handler = fn;
    handler_ctx = ctx;
}

void fl_poll_reset(void)
{
    fl_poll_where = NULL;
}

void fl_poll_due(void)
{
    fl_poll_countdown = FL_POLL_EVERY;
    if (handler)
        handler(handler_ctx, fl_poll_where);
}

void fl_poll_now(void)
{
    if (handler)
        handler(handler_ctx, fl_poll_where);
}
