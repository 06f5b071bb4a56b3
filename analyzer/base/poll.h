/* poll.h - the points where a long analysis can be stopped.
 *
 * The dataflow solver polls at every block it visits, the arenas whenever they take a new chunk
 * (every 64 KiB of analysis memory). A handler, when one is set, decides at those points whether
 * the analysis must stop, and may then not return (the per-unit budget, cli/budget.c, jumps
 * back to where the unit's analysis began). Polls cost a store and a decrement; the handler runs
 * every FL_POLL_EVERY of them and at every arena chunk.
 */
#ifndef FL_POLL_H
#define FL_POLL_H

#include <stdint.h>

enum { FL_POLL_EVERY = 1024 };

/* handler(ctx, where): `where` is the function being analyzed at the last poll that named one
   (borrowed), or NULL. */
typedef void (*fl_poll_fn)(void *ctx, const char *where);

/* Set the handler (NULL: none, polls do nothing). */
void fl_poll_set(fl_poll_fn fn, void *ctx);
/* Forget the function named by the last poll (a new unit starts). */
void fl_poll_reset(void);

extern const char *fl_poll_where;
extern uint32_t fl_poll_countdown;
void fl_poll_due(void);

/* A poll in a hot loop, while analyzing function `where` (borrowed; NULL: not known). */
static inline void fl_poll(const char *where)
{
    fl_poll_where = where;
    if (--fl_poll_countdown == 0)
        fl_poll_due();
}

/* A poll that runs the handler now (an arena about to take memory). */
void fl_poll_now(void);

#endif
