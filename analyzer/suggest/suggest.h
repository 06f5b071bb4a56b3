/* suggest.h - `fearless --suggest`: the lock contracts an existing codebase keeps without saying
 * so, proposed as annotations, with the code that breaks them.
 *
 * A consumer of facts, as the checks are, but run instead of them: what it reports is a proposal
 * to review, not a finding. Each kind is named as a check is, and --checks selects them:
 * suggest-guarded-by, suggest-requires and suggest-sync (guarded_by.c), suggest-lock-helper and suggest-excludes
 * (lock_helpers.c), suggest-thread-wrapper and suggest-move (param_contracts.c); suggest.c runs
 * them, edits.c writes their edits. GUARDED_BY for struct fields and globals (guarded_by.c, from
 * facts/guards.h):
 *
 *  - the candidate lock is the one held at the most accesses, named as the declaration can name
 *    it: a sibling field of the record (`mu`), or a global (`stats_mutex`, `cfg.mu`);
 *  - it is proposed when at least two accesses hold it, and at least three for each access in a
 *    function that locks it but does not hold it there (SUGGEST_AGREE_PER_EXCEPTION: 3 of 4
 *    agree); those are listed as the likely bugs, each where it is;
 *  - an access in a function that every call in the run makes with the lock held counts as
 *    holding it (facts/guards.h: locks held on entry, to a fixed point over the calls); accesses
 *    in functions that never lock it and are not always called with it held neither count for
 *    nor against it (their callers may hold it): their number is said, as REQUIRES candidates;
 *  - a declaration already annotated, one never written outside its set-up (immutable once
 *    shared: a table of operations, a configuration), one accessed once, or one whose accesses
 *    disagree says nothing (under --verbose, why); a lock that is an element of an array of
 *    locks (`lru_locks[id]`) is no candidate, since no declaration can name it; a field under a
 *    global lock is proposed only when some unit allocates or keeps in a global an object of its
 *    struct (a packet's layout over a buffer is not shared state).
 * With each proposal whose evidence counted a function through its callers (a helper that never
 * locks the lock, called with it held at every call), that function is proposed REQUIRES of the
 * lock as it names it (`s->mu`): once the data is annotated, the checks ask for it there.
 *
 * Declarations are matched across the units of the run, so the evidence of every file that uses a
 * header's struct adds up.
 */
#ifndef FL_SUGGEST_SUGGEST_H
#define FL_SUGGEST_SUGGEST_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/vec.h"
#include "../diag/sink.h"
#include "../facts/locks.h"
#include "../facts/summary.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"

#define SUGGEST_CHECK "suggest-guarded-by"
#define SUGGEST_REQUIRES_CHECK "suggest-requires"
#define SUGGEST_LOCK_HELPER_CHECK "suggest-lock-helper"
#define SUGGEST_EXCLUDES_CHECK "suggest-excludes"
#define SUGGEST_THREAD_WRAPPER_CHECK "suggest-thread-wrapper"
#define SUGGEST_MOVE_CHECK "suggest-move"
#define SUGGEST_SYNC_CHECK "suggest-sync"
#define SUGGEST_AGREE_PER_EXCEPTION 3

/* A unit as the suggestions read it. */
typedef struct sg_unit {
    const ast_tu *tu;
    cfg *const *cfgs;
    const lock_unit *locks;   /* may be NULL */
    const struct sum_table *sums; /* what calls to its functions do (facts/summary.h); may be NULL */
    fl_arena *arena;          /* where the unit's evidence is built */
    const char *file;         /* the display path of its main file */
} sg_unit;

/* The kinds of proposals, named as checks are (`--checks=-suggest-excludes` leaves one out). */
extern const char *const suggest_kinds[];
extern const unsigned suggest_nkinds;
extern const char *const suggest_kind_summaries[]; /* one line each (SARIF's rule descriptions) */
bool suggest_is_kind(const char *name);
/* True if the glob [glob, glob+len) matches some kind's name. */
bool suggest_glob_names_kind(const char *glob, int len);

/* What --suggest proposes, of the kinds enabled[k] selects (suggest_kinds[k]; NULL: all), into
   sink (suggest.c). */
void suggest_run(const sg_unit *units, uint32_t n, diag_sink *sink, bool verbose, const bool *enabled);

/* GUARDED_BY annotations from the units' accesses (when `guarded`), REQUIRES for the helpers they
   counted (when `requires`), and SYNC for the records whose every field is guarded by their own
   lock or synchronizes itself (when `sync`), into sink; `included`: the files given the
   `#include "fearless.h"` edit already. */
void suggest_guarded_by(const sg_unit *units, uint32_t n, diag_sink *sink, bool verbose, fl_u32_vec *included,
                        bool guarded, bool requires, bool sync);

/* Propose ACQUIRE / RELEASE / TRY_ACQUIRE for the functions that lock or unlock a lock their
   caller can name on every path, and do not say so (lock_helpers.c). */
void suggest_lock_helpers(const sg_unit *units, uint32_t n, diag_sink *sink, fl_u32_vec *included);

/* Propose EXCLUDES for the functions that take a lock their caller can name while it may still be
   as the caller left it: a caller holding it would deadlock (lock_helpers.c). */
void suggest_excludes(const sg_unit *units, uint32_t n, diag_sink *sink, fl_u32_vec *included);

/* Propose the parameter contracts of spawn and join wrappers (when `threads`) and MOVE / SENDS
   (when `moves`) from the functions' summaries (param_contracts.c). */
void suggest_param_contracts(const sg_unit *units, uint32_t n, diag_sink *sink, fl_u32_vec *included, bool threads,
                             bool moves);

#endif
