/* suggest.c - the kinds of proposals --suggest makes, and the run of those --checks enables. */
#include "suggest.h"

#include <string.h>

#include "../base/glob.h"

const char *const suggest_kinds[] = {SUGGEST_CHECK,          SUGGEST_REQUIRES_CHECK,       SUGGEST_LOCK_HELPER_CHECK,
                                     SUGGEST_EXCLUDES_CHECK, SUGGEST_THREAD_WRAPPER_CHECK, SUGGEST_MOVE_CHECK,
                                     SUGGEST_SYNC_CHECK};
const unsigned suggest_nkinds = sizeof suggest_kinds / sizeof *suggest_kinds;
const char *const suggest_kind_summaries[] = {
    "a field or global that one lock guards at its accesses: GUARDED_BY",
    "a function every caller calls with a lock held: REQUIRES",
    "a function that locks, unlocks or tries a lock its caller names: ACQUIRE, RELEASE, TRY_ACQUIRE",
    "a function that takes a lock its caller could hold: EXCLUDES",
    "a spawn or join wrapper's parameters: THREAD_FN, THREAD_ARG, THREAD_HANDLE, JOINS",
    "a function that frees or moves what it is given: MOVE, SENDS",
    "a struct whose every field its own lock guards: SYNC",
};
_Static_assert(sizeof suggest_kind_summaries / sizeof *suggest_kind_summaries ==
                   sizeof suggest_kinds / sizeof *suggest_kinds,
               "one summary per kind");

bool suggest_is_kind(const char *name)
{
    for (unsigned i = 0; i < suggest_nkinds; i++)
        if (!strcmp(suggest_kinds[i], name))
            return true;
    return false;
}

bool suggest_glob_names_kind(const char *glob, int len)
{
    for (unsigned i = 0; i < suggest_nkinds; i++)
        if (fl_glob_match(glob, suggest_kinds[i], len))
            return true;
    return false;
}

static bool on(const bool *enabled, const char *kind)
{
    for (unsigned i = 0; i < suggest_nkinds; i++)
        if (!strcmp(suggest_kinds[i], kind))
            return !enabled || enabled[i];
    return false;
}

void suggest_run(const sg_unit *units, uint32_t n, diag_sink *sink, bool verbose, const bool *enabled)
{
    fl_u32_vec included = {0}; /* files given the #include edit already */
    bool guarded = on(enabled, SUGGEST_CHECK), requires = on(enabled, SUGGEST_REQUIRES_CHECK),
         sync = on(enabled, SUGGEST_SYNC_CHECK);
    /* REQUIRES and SYNC come from the evidence of GUARDED_BY, and complete it */
    if (guarded || requires || sync)
        suggest_guarded_by(units, n, sink, verbose, &included, guarded, requires, sync);
    if (on(enabled, SUGGEST_LOCK_HELPER_CHECK))
        suggest_lock_helpers(units, n, sink, &included);
    if (on(enabled, SUGGEST_EXCLUDES_CHECK))
        suggest_excludes(units, n, sink, &included);
    bool threads = on(enabled, SUGGEST_THREAD_WRAPPER_CHECK), moves = on(enabled, SUGGEST_MOVE_CHECK);
    if (threads || moves)
        suggest_param_contracts(units, n, sink, &included, threads, moves);
    fl_vec_free(&included);
}
