/* pair_names.h - how a report names the two threads of a pair that may run at once (data-race
 * and mt-unsafe-call share it). */
#ifndef FL_PAIR_NAMES_H
#define FL_PAIR_NAMES_H

#include "../base/arena.h"
#include "../facts/parallel.h"

/* The thread that runs x ("thread `worker`", "a thread running `worker`" when two instances of
   one thread meet) and the one that runs y ("another thread running `worker`", "thread
   `reporter`", or beside the thread: "thread `main`", "the thread that calls `run`"), in A.
   scratch: fl_bs_words(p->nentries) words. */
void pair_names(const program *p, fl_arena *A, fl_word *scratch, const pg_pair *pr, const pg_access *y,
                const char **xt, const char **yt);

#endif
