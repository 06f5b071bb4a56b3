/* budget.h - a limit of time and memory for the analysis of each unit.
 *
 * Generated C can make one unit's analysis take minutes and gigabytes (issue 11: a function of
 * 24,000 blocks, a 20,000-case switch). The driver runs each step of a unit's analysis (its
 * CFGs and facts, its checks) through budget_run: the time and the arena memory the steps take
 * add up per unit, and when a unit goes over a limit, the step stops at its next poll
 * (base/poll.h), an error names the unit and the function being analyzed, and the driver drops
 * the unit and goes on with the others; the run then exits 2, never "clean".
 *
 * A stopped step does not unwind: what it had allocated outside the arenas is leaked, once per
 * stopped unit. */
#ifndef FL_BUDGET_H
#define FL_BUDGET_H

#include <stdbool.h>
#include <stddef.h>

#include "../diag/sink.h"

typedef struct budget budget;

/* What one unit has spent so far (zero it before its first step). */
typedef struct budget_unit {
    double seconds;
    size_t bytes;
    bool stopped;   /* a step went over: the unit is not analyzed */
} budget_unit;

/* A budget of `seconds` and `mib` MiB of analysis memory per unit (--unit-time-limit and
   --unit-memory-limit); 0 means no limit. Sets the poll handler (one budget at a time). */
budget *budget_new(double seconds, double mib);
void budget_free(budget *b);

/* Run step(ctx) as part of the analysis of `unit` (its display path, for the message), whose
   spending is in *acct. True when it ran to the end; false when it went over, after adding the
   error to `sink` and setting acct->stopped: the caller must drop what the step was building. */
bool budget_run(budget *b, budget_unit *acct, const char *unit, diag_sink *sink, void (*step)(void *ctx),
                void *ctx);

#endif
