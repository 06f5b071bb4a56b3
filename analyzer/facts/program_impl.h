/* program_impl.h - what the parts of the program facts share while a program is built
 * (facts/program*.c only; see program.h).
 *
 *   program.c         the programs of a database, symbols, and pg_build putting the steps together
 *   program_calls.c   what each call may enter: resolved callees, function-pointer slots, weak edges
 *   program_threads.c threads and their reach, joins, what runs beside what, orders
 *   program_flags.c   mode flags, thread-specific keys, the flags known at each function's entry
 *   program_locks.c   lock keys, the locks every caller holds, regions, locks passed as arguments
 *   program_access.c  the program's accesses, by location
 */
#ifndef FL_PROGRAM_IMPL_H
#define FL_PROGRAM_IMPL_H

#include "program.h"

#include "../base/strmap.h"
#include "../base/vec.h"

/* The defining units of every name, and the names each unit uses without defining them. */
typedef struct symtab {
    fl_strmap ids;      /* name -> index in defs */
    FL_VEC(fl_u32_vec) defs;
} symtab;

typedef struct ev_ref {
    uint32_t unit, index; /* units[unit].acc->events[index] */
} ev_ref;

/* Slots of function pointers (facts/access.h's flows): what functions each may hold. */
typedef struct slots {
    fl_strmap ids;              /* "f:"/"g:" key -> slot */
    uint32_t *param_base;       /* per program function: the slot of its parameter 0 */
    uint32_t n;
    fl_u32_vec *fns;               /* per slot: the functions stored there */
    fl_u32_vec *succ;              /* per slot: the slots its functions flow to */
} slots;

/* A spawn whose argument is its function's parameter, as a call of that function makes it: a
   copy of the spawn's event on the object the call passes, run from the caller's own event for
   the call (facts/program_access.c, spawns_at_calls), and the entry it starts. */
typedef struct pg_param_spawn {
    const acc_event *ev;
    const acc_event *orig; /* the spawn's own event, which the copies stand for */
    uint32_t unit;   /* the caller's */
    int32_t entry;
} pg_param_spawn;

typedef struct build {
    program *p;
    fl_arena *A;
    symtab syms;
    slots sl;
    fl_u32_vec by_arity[17];       /* address-taken functions by number of parameters */
    fl_u32_vec variadic;           /* ... and the variadic ones */
    uint32_t nw_fn, nw_ent;
    FL_VEC(ev_ref) *fn_events;  /* per function: its events */
    FL_VEC(pg_param_spawn) param_spawns; /* (pgb_build_accesses) */
    int32_t *entry_fn;          /* per unit event list: resolved thread function (spawns), -1 */
    /* Per unit, per event: for a call of a spawn wrapper that hides its thread's function
       (`logger_start(&lg)` creating `rotator` on it), the entries the wrapper leaves running;
       else NULL (pgb_build_event_entries). Threads spawned after it run beside them. */
    fl_word ***hidden_entries;
    bool *taken;                /* per function: its address is taken */
    bool *to_spawn;             /* per function: it reaches a spawn */
    bool *fn_once;              /* per function: it runs only in code run once per program */
    bool *entry_once;           /* per entry: every spawn of it runs once per program (pgb_build_once) */
    int32_t main_id;            /* the program's `main`, or -1 */
    /* Each call's targets, resolved once (build_calls): unit u's call k enters
       targets[tfirst[u][k] .. tfirst[u][k + 1]), weakly when tweak[u][k] (pg_edge). */
    fl_u32_vec targets;
    uint32_t **tfirst;
    uint8_t **tweak;
    /* Each function's calls (calls_by_fn): program function f makes unit cu[i]'s call ck[i] for
       i in cfirst[f] .. cfirst[f + 1). */
    uint32_t *cfirst, *cu, *ck;
    /* Per function, per callee index (program.callees): the entries every call of it along that
       edge has surely ended (joined), or NULL (build_joined). */
    fl_word ***edge_end;
    /* For pgb_joined_entries (pgb_build_joined): the global handles that end an entry, what
       each function joins on every path to its return (bits over those handles), and each
       entry's handle (-1: none). join_J is NULL when no entry ends that way. */
    fl_strmap join_hid;
    uint64_t *join_J;
    int32_t *join_entry_h;
    /* Global pointers, and functions' results, that only ever hold one object's address: "<pointer
       key>" -> index in alias, the pointer, what it points to, that object's name and the store
       or return that gives it (NULL for an initializer) (pgb_build_aliases). */
    fl_strmap aliases;
    acc_store *alias;
} build;

/* A call of the program to one of its targets, with what the caller holds and where it is. */
typedef pg_call crec;
typedef pg_calls call_table;

/* program.c */
bool pgb_has_body(const program *p, uint32_t id);
/* The function a callee of unit u names in the program, or -1. */
int32_t pgb_resolve(build *b, uint32_t u, const ast_callee *c);

/* program_calls.c */
void pgb_build_slots(build *b);
void pgb_free_slots(slots *sl);
void pgb_build_calls(build *b);
/* The targets of unit u's call k as pgb_build_calls resolved them: *n of them at the result. */
const uint32_t *pgb_targets_of(const build *b, uint32_t u, uint32_t k, uint32_t *n, uint8_t *weak);
/* Some call of its function named an object for spawn ev, whose argument is the function's
   parameter (b->param_spawns has copies of it). */
bool pgb_param_spawn_copied(const build *b, const acc_event *ev);
/* The functions root reaches (through strong calls only with `strong`), into reach. */
void pgb_reach_from(const program *p, uint32_t root, fl_word *reach, bool strong);
/* Mark every function that calls a marked one, through any number of calls (reversed calls,
   an explicit worklist). */
void pgb_mark_callers(const program *p, bool *marked);

/* program_threads.c */
void pgb_calls_by_fn(build *b);

/* program_flags.c */
typedef FL_VEC(const char *) pgb_key_vec;
/* The thread-specific keys ("t:<key>") the facts of some call or access name, each once: in
   `names`, and in `ids` by their index there. */
void pgb_tls_keys_named(const program *p, fl_strmap *ids, pgb_key_vec *names);
/* Each entry's facts (the mode flags its spawns saw, the thread-specific keys it never sets),
   its reach under them, and the flags known at each function's entry in it (pg_thread.known). */
void pgb_prune_by_flags(build *b, int32_t **entry_of_event, pg_thread *th, uint32_t nth);
void pgb_build_threads(build *b, int32_t **entry_of_event);
void pgb_build_event_entries(build *b, int32_t **entry_of_event);
/* Which entry starts which (program.starts_entry), through the threads it starts too. */
void pgb_build_starts(build *b);
void pgb_build_joined(build *b, int32_t **entry_of_event);
/* The entries that joins (made in unit u) surely end, into `out` (b->nw_ent words, cleared
   first); false when they end none. */
bool pgb_joined_entries(build *b, uint32_t u, const acc_joins *joins, fl_word *out);
void pgb_build_par(build *b);
void pgb_build_called_with(build *b);
/* fn_once and entry_once, for pgb_build_order. */
void pgb_build_once(build *b, int32_t **entry_of_event);
void pgb_build_order(build *b, int32_t **entry_of_event, bool strong);

/* program_barriers.c: program.bar_ctx and bar_anywhere (after the threads and calls). */
void pgb_build_barriers(build *b);

/* program_locks.c */
pg_locks pgb_convert_locks(build *b, uint32_t fn, const acc_locks *l);
bool *pgb_thread_roots(build *b);
uint8_t pgb_before_threads(const build *b, uint32_t fn, bool after_start);
void pgb_build_call_table(build *b, call_table *t);
void pgb_build_regions(build *b, const call_table *t, const bool *root);
void pgb_build_entry_locks(build *b, const call_table *t, const bool *root);
void pgb_build_key_via(build *b);
void pgb_build_key_objs(build *b, int32_t **entry_of_event);

/* program_access.c */
void pgb_build_accesses(build *b, int32_t **entry_of_event);
/* The global pointers initialized with a global's address and never written anywhere in the
   program: what they point to is that global. */
void pgb_build_aliases(build *b);
/* A key through such a pointer (`g:hits*`, `g:stats*.count`) as the global's own (`g:count`,
   `g:stats.count`); any other key as it is. */
const char *pgb_unalias(build *b, const char *key);
/* The same for an access: a copy naming what the pointer points to (`count` for `*hits`), or x. */
const acc_access *pgb_unalias_access(build *b, const acc_access *x, const char **loc);

#endif
