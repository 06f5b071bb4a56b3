/* parallel.h - whether two accesses of a program may run at once, how, and on what that rests:
 * the question data-race asks of each pair of accesses to one location, answered from the
 * program's facts (facts/program.h). Nothing here reports: it says, and the check decides.
 *
 * A pair (x, y) runs at once in one of three ways, x being run by entry k (a spawned thread):
 *  - SELF: y is run by k too, and k may run twice at once (started again while running); for
 *    an access to the object a spawn passes, only when spawns that may run at once pass the same
 *    object;
 *  - SIDE: y runs beside k: in code called while k may run (par), or in the spawning code after
 *    k's spawn and before its join (the run state at y); for a local object of the spawner, only
 *    the spawner's own code while the argument still names it;
 *  - OTHER: y is run by another entry m that overlaps k (one started while the other may run),
 *    unless one of them starts the other (then the starter's own order decides); two spawns
 *    passing a spawner's local pointer share the object only if one is reached while the
 *    other's argument still names it.
 * With `strong`, through strong calls only: no guess among function pointers, no way out of a
 * failed assertion, no dispatch over many implementations (facts/program.h).
 */
#ifndef FL_PARALLEL_H
#define FL_PARALLEL_H

#include <stdbool.h>
#include <stdint.h>

#include "program.h"

typedef enum pg_pair_kind { PG_PAIR_SIDE, PG_PAIR_OTHER, PG_PAIR_SELF } pg_pair_kind;

typedef struct pg_pair {
    uint32_t k;          /* the entry that runs x */
    pg_pair_kind kind;
    uint32_t k2;         /* OTHER: the entry that runs y */
} pg_pair;

/* May barriers or semaphores order the pair: do both sides run barrier calls, or may one side
   post a semaphore after its access while the other may have waited on one before its own? */
bool pg_pair_syncs(const program *p, const pg_pair *pr, const pg_access *x, const pg_access *y);

/* The weak call a pair that is concurrent only through weak calls rests on: the kind of the
   first weak call on a path with the fewest of them, from the thread that runs each side
   (PG_WEAK_GUESS when none is found). */
pg_edge pg_pair_weakness(const program *p, const pg_access *x, const pg_access *y, const pg_pair *pr);

/* ---- the locks at a pair, and the pair search data-race and mt-unsafe-call share ---- */

/* The locks held at accesses as a given thread runs them: the function's own, plus those every
   call of that thread on the way there holds. Each thread's entry locksets are computed once,
   on first use, in A; so are the lock sets kept per access (memo). What computing one of those
   needs for a moment lives in T, which each pair search clears. */
typedef struct pg_lockview {
    const program *p;
    fl_arena *A, *T;
    pg_locks **tent;     /* per thread, or NULL until asked */
    fl_word *scratch;    /* fl_bs_words(p->nentries) words */
    /* Per access of p->accs, the entries that run it, through any calls and through strong
       calls only (fl_bs_words(p->nentries) words each), once known[i] says so: a pair search
       asks of each access once per pair and entry. */
    fl_word *runs, *runs_strong;
    bool *known;
    /* The locks at an access of p->accs as a thread runs it, once asked: open addressing over
       (access, thread, entry, side). */
    struct pg_locks_memo *memo;
    size_t nmemo, memo_cap;
} pg_lockview;

void pg_lockview_init(pg_lockview *v, const program *p, fl_arena *A);
void pg_lockview_free(pg_lockview *v);

/* Why a pair that may race is not reported as sure. */
typedef enum pg_doubt {
    PG_SURE,
    PG_DOUBT_LOCKS,     /* locks fearless cannot compare, or barriers or semaphores on both sides */
    PG_DOUBT_WEAK,      /* concurrent only through weak calls (pg_pair_weakness says which) */
} pg_doubt;

typedef struct pg_race {
    pg_pair pr;
    pg_locks lx, ly;     /* the locks at each side, as the pair's threads run them */
    pg_doubt doubt;
} pg_race;

/* May x and y (one of them writing) run at once with no lock in common (for a write, none held
   for writing on both sides)? Over the entries, the first sure pair; else the first doubtful
   one, lock doubts before weak ones. False when they never run at once unprotected. The
   locks in out are in the view's A. */
bool pg_race_of(pg_lockview *v, const pg_access *x, const pg_access *y, pg_race *out);

/* May x and y run at once, whatever locks they hold (through any calls)? */
bool pg_overlap(pg_lockview *v, const pg_access *x, const pg_access *y);

/* The entry of `in` (bits over the entries) that is k or starts k (program.starts_entry, or
   starts_strong with `strong`), k itself first; UINT32_MAX when none. */
uint32_t pg_nested_via(const program *p, const fl_word *in, uint32_t k, bool strong);

/* Where the code that runs y beside entry k (or an entry that starts k) comes from: y's own function, when its run state
   there says k may run; else the function that makes the call, while k may run, through which
   y's function is reached (the top of the par chain). */
uint32_t pg_beside_origin(const program *p, fl_word *scratch, uint32_t k, const pg_access *y, bool strong);

/* On a shortest path of strong calls from thread k's root to function `to`, the last call
   through a function pointer: the call, with the function making it and the function it
   enters on that path; NULL when the path has none (or there is no path). */
const ast_node *pg_pointer_call_to(const program *p, uint32_t k, uint32_t to, uint32_t *caller, uint32_t *entered);

/* Lock key k held by two instances of one thread function (a self pair), at x and y: the same
   lock (INST_SAME: also when not a key of the argument's object), two locks (INST_DIFFER), or not
   known (INST_DOUBT). */
enum { INST_SAME, INST_DIFFER, INST_DOUBT };
int pg_instances_lock(const program *p, uint32_t k, const pg_access *x, const pg_access *y);

#endif
