/* coverage.h - saying what fearless could not follow, so that a user can tell "no bug" from
 * "could not see": a program whose threads could not be followed at all (one note in the
 * normal output), and under --verbose each call into a function without a body anywhere that
 * looks like a spawn, lock or join, and each function shaped like a thread's start function
 * that no spawn fearless followed starts. */
#ifndef FL_COVERAGE_H
#define FL_COVERAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "../diag/sink.h"
#include "../facts/program.h"

/* After a program was put together: when no thread start was followed (threads_followed false)
   in a program with a `main` that uses the thread or lock API, one note saying so, at the first
   call that may start a thread unseen when there is one. */
void coverage_program(const pg_unit *members, uint32_t n, bool threads_followed, diag_sink *sink);

/* Under --verbose, for the whole run: the unseen calls (once per callee) and the unstarted
   thread functions. is_entry_fn[k] for the k-th function of the units in order (the sum of
   the units' tu->nfuncs before it, plus its index): some program starts a thread running it. */
void coverage_verbose(const pg_unit *units, uint32_t n, const bool *is_entry_fn, diag_sink *sink);

#endif
