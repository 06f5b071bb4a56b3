/* parse_pool.h - units parsed by libclang in several threads, ahead of their use, taken in order.
 *
 * libclang's parse is nine tenths of a run's time, and units do not depend on each other until
 * they are linked. The pool runs the parses of a list of jobs in `threads` threads, each with its
 * own libclang index, while the caller converts and analyzes the units one after another in job
 * order, on its own thread: everything after libclang's parse (the tree, CFGs, facts, the map of
 * files, the sink) stays single-threaded, so the results are those of one thread, in the same
 * order. At most `threads + 1` parsed units wait to be taken, which bounds the memory held by
 * units parsed ahead.
 *
 * With no thread (threads == 0), each job is parsed when taken, in the caller's thread: a run
 * with `-j 1` is the plain loop.
 *
 * What libclang prints by itself on standard error while several threads parse cannot be told
 * apart by unit (cli/clang_output.h says what the driver does about it).
 */
#ifndef FL_PARSE_POOL_H
#define FL_PARSE_POOL_H

#include <stdint.h>

#include "../base/srcmap.h"
#include "../diag/sink.h"
#include "cdb.h"
#include "parse.h"

typedef struct fe_pool fe_pool;

/* The stack of each parsing thread: as large as the driver's own (cli/main.c), since libclang
   parses on the calling thread and recurses once per level of nesting. Reserved, and used only
   as deep as the input goes. */
#define FE_POOL_STACK ((size_t)512 << 20)

/* Start parsing jobs[0..n) (borrowed until fe_pool_free) in `threads` threads; `ix` parses
   when threads == 0. */
fe_pool *fe_pool_new(fe_index *ix, const fe_job *const *jobs, uint32_t n, unsigned threads);

/* The unit of jobs[i], as fe_parse makes it (NULL when it did not parse, with the error in
   `sink`), waiting for its parse when needed. Jobs are taken in order, each once. *seconds gets
   the time its parse took, in whichever thread it ran. */
fe_unit *fe_pool_take(fe_pool *p, uint32_t i, fl_srcmap *sm, diag_sink *sink, double *seconds);

/* The most units there were at once started and not taken yet (0 without threads): at most
   threads + 1, whatever the number of jobs. */
uint32_t fe_pool_most_ahead(fe_pool *p);

/* Stop the threads (jobs not started are not parsed, units parsed and not taken are disposed
   of) and free the pool with its indices: only after every unit taken has let go of its libclang
   unit (fe_unit_release_clang). */
void fe_pool_free(fe_pool *p);

#endif
