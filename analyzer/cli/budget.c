/* budget.c - a limit of time and memory for the analysis of each unit. See budget.h.
 *
 * budget_run sets a jump point and runs the step; the poll handler (base/poll.h) compares the
 * unit's time and arena growth with the limits and, when one is passed, jumps back there. Polls
 * come at every dataflow block and every arena chunk, never inside libclang (a unit's steps run
 * after its libclang unit is gone), so the jump crosses only fearless's own C frames. */
#include "budget.h"

#include <setjmp.h>
#include <stdlib.h>

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/poll.h"
#include "../base/xalloc.h"
#include "../diag/diag.h"

typedef enum over { OVER_NONE, OVER_TIME, OVER_MEMORY } over;

struct budget {
    double seconds;          /* 0: no limit */
    size_t bytes;            /* 0: no limit */
    /* the step running, if any */
    bool armed;
    jmp_buf back;
    const budget_unit *acct;
    double start;
    size_t live_start;
    over why;
    const char *where;       /* the function being analyzed when it stopped, or NULL */
};

static size_t grown_since(size_t start)
{
    size_t live = fl_arena_live_bytes();
    return live > start ? live - start : 0;
}

static void on_poll(void *ctx, const char *where)
{
    budget *b = ctx;
    if (!b->armed)
        return;
    over why = OVER_NONE;
    if (b->seconds > 0 && b->acct->seconds + (fl_now() - b->start) > b->seconds)
        why = OVER_TIME;
    else if (b->bytes && b->acct->bytes + grown_since(b->live_start) > b->bytes)
        why = OVER_MEMORY;
    if (why == OVER_NONE)
        return;
    b->armed = false;
    b->why = why;
    b->where = where;
    longjmp(b->back, 1);
}

budget *budget_new(double seconds, double mib)
{
    budget *b = fl_xcalloc(1, sizeof *b);
    b->seconds = seconds > 0 ? seconds : 0;
    b->bytes = mib > 0 ? (size_t)(mib * 1024 * 1024) : 0;
    fl_poll_set(on_poll, b);
    return b;
}

void budget_free(budget *b)
{
    if (!b)
        return;
    fl_poll_set(NULL, NULL);
    free(b);
}

static void report(const budget *b, const char *unit, diag_sink *sink)
{
    diag *d;
    if (b->why == OVER_TIME)
        d = diag_new(LVL_ERROR, NULL, NULL, "`%s` was not analyzed: its analysis went over the time limit of %g s",
                     unit, b->seconds);
    else
        d = diag_new(LVL_ERROR, NULL, NULL,
                     "`%s` was not analyzed: its analysis went over the memory limit of %g MiB", unit,
                     (double)b->bytes / (1024 * 1024));
    if (b->where)
        diag_note(d, "the limit was reached while analyzing `%s`", b->where);
    diag_note(d, "the other files are analyzed as usual");
    if (b->why == OVER_TIME)
        diag_help(d, "raise the limit with --unit-time-limit=<seconds> (0: none)");
    else
        diag_help(d, "raise the limit with --unit-memory-limit=<MiB> (0: none)");
    diag_sink_add(sink, d);
}

bool budget_run(budget *b, budget_unit *acct, const char *unit, diag_sink *sink, void (*step)(void *ctx),
                void *ctx)
{
    if (acct->stopped)
        return false;
    b->acct = acct;
    b->start = fl_now();
    b->live_start = fl_arena_live_bytes();
    fl_poll_reset();
    if (setjmp(b->back) == 0) {
        b->armed = true;
        step(ctx);
        b->armed = false;
        acct->seconds += fl_now() - b->start;
        acct->bytes += grown_since(b->live_start);
        return true;
    }
    acct->stopped = true;
    report(b, unit, sink);
    return false;
}
