/* data_race.c - data-race (FL0201): two threads may access the same location at once, at least
 * one writing, with no lock in common.
 *
 * Runs once per program (check_ctx.prog), on facts/program.h: the program's accesses grouped by
 * location (globals and statics, fields of the object a thread gets as its argument matched with
 * the object each spawn passes), its threads, what may run beside what, and the locks held at
 * each access (the function's own, plus those every caller holds).
 *
 * A pair of accesses races when one writes, they may run in two threads at once, and no lock is
 * held at both (for a write, its write side). May run at once:
 *  - an entry's access and an access of code running while that entry may run (par, or a run
 *    bit of the spawning function at the access: after the spawn, before the join);
 *  - accesses of two entries that overlap (one spawned while the other may run);
 *  - two instances of one entry (spawned in a loop, at two sites, or again while running); for
 *    its argument's object only when two spawns that may run at once pass the same object.
 * A lock fearless cannot name, barriers and semaphores make a pair a "maybe": explained under
 * --verbose only. One report per location: the first pair found, primary on the write.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/bitset.h"
#include "../diag/diag.h"
#include "../facts/program.h"
#include "registry.h"

#define CHECK_NAME "data-race"
#define CHECK_CODE "FL0201"

typedef struct dr {
    check_ctx *ctx;
    const program *p;
    fl_arena *A;
    uint32_t ne, nw;
    fl_word *scratch;       /* nw words */
} dr;

/* ---- who runs what --------------------------------------------------------------------------- */

static const char *fname(const dr *d, uint32_t id)
{
    return pg_func(d->p, id)->name;
}

/* With `strong`, through strong calls only (facts/program.h): no guess among function pointers. */
static bool in_thread(const dr *d, const pg_access *a, uint32_t k, bool strong)
{
    if (a->spawn)
        return d->p->threads[k].fn == a->fn;
    return fl_bs_test(strong ? d->p->threads[k].reach_strong : d->p->threads[k].reach, a->fn);
}

/* The bit of a spawn event in its function's run state. */
static bool spawn_bit_set(const pg_access *x, const pg_access *y, bool arg_bit)
{
    const acc_event *e = x->spawn;
    return y->a->run && fl_bs_test(y->a->run, arg_bit ? run_bit_a(e->bit) : run_bit_r(e->bit));
}

/* Does y run while entry k runs, seen from the code that spawns k? x is k's access. */
static bool runs_beside(dr *d, uint32_t k, const pg_access *x, const pg_access *y, bool strong)
{
    if (y->spawn)
        return false;
    if (x->spawn && x->spawn->obj[0] != 'g' && x->spawn->obj[0] != 's') {
        /* a local object of the spawner: only its code, while the argument still names it */
        return pg_id(d->p, x->spawn_unit, x->spawn->fn) == y->fn && spawn_bit_set(x, y, true);
    }
    if (fl_bs_test(strong ? d->p->par_strong[y->fn] : d->p->par[y->fn], k))
        return true;
    if (!y->a->run)
        return false;
    pg_running_entries(d->p, y->fn, y->a->run, d->scratch);
    return fl_bs_test(d->scratch, k);
}

/* Does a spawn share its object with another instance of its thread: reached while an earlier
   spawn of the same function with the same object may run (a loop, two sites)? */
static bool obj_shared(const dr *d, const pg_access *x)
{
    const acc_event *e = x->spawn;
    const acc_unit *a = d->p->units[x->spawn_unit].acc;
    for (uint32_t i = 0; i < a->nevents; i++) {
        const acc_event *o = &a->events[i];
        if (o->fn == e->fn && o->obj && o->target == e->target && strcmp(o->obj, e->obj) == 0 &&
            ((e->before && fl_bs_test(e->before, run_bit_a(o->bit))) ||
             (o->before && fl_bs_test(o->before, run_bit_a(e->bit)))))
            return true;
    }
    return false;
}

/* Two spawns whose threads get an object of the same key (two sites passing `s`): do they get
   the same object while both may run? For a spawner's local (`s = &subs[j]` each iteration,
   `if (sync) spawn(a, s); else spawn(b, s);`), only when one spawn is reached while the other's
   argument still names what it passed (its A bit); globals are one object. */
static bool spawns_share(const pg_access *x, const pg_access *y)
{
    const acc_event *e = x->spawn, *o = y->spawn;
    if (e->obj[0] == 'g' || e->obj[0] == 's' || x->spawn_unit != y->spawn_unit || e->fn != o->fn)
        return true;
    return (e->before && fl_bs_test(e->before, run_bit_a(o->bit))) ||
           (o->before && fl_bs_test(o->before, run_bit_a(e->bit)));
}

static bool self_race(const dr *d, uint32_t k, const pg_access *x, const pg_access *y, bool strong)
{
    if (!x->spawn)
        return strong ? d->p->threads[k].overlaps_itself_strong : d->p->threads[k].overlaps_itself;
    /* the argument's object: only when spawns that may run at once pass the same object */
    return y->spawn && obj_shared(d, x) && obj_shared(d, y);
}

/* ---- locks ----------------------------------------------------------------------------------- */

typedef enum verdict { V_RACE, V_PROTECTED, V_MAYBE } verdict;

/* Own and inherited locks together. */
static pg_locks all_locks(dr *d, const pg_access *a)
{
    const pg_locks *own = &a->locks, *ent = &d->p->ent[a->fn];
    pg_locks r = {0};
    r.unknown = own->unknown || ent->unknown;
    r.keys = FL_NEW_ARRAY(d->A, uint32_t, own->n + ent->n + 1);
    r.excl = FL_NEW_ARRAY(d->A, bool, own->n + ent->n + 1);
    for (uint32_t i = 0; i < own->n; i++) {
        r.keys[r.n] = own->keys[i];
        r.excl[r.n++] = own->excl[i];
    }
    for (uint32_t i = 0; i < ent->n; i++) {
        bool dup = false;
        for (uint32_t j = 0; j < own->n && !dup; j++)
            dup = own->keys[j] == ent->keys[i];
        if (!dup) {
            r.keys[r.n] = ent->keys[i];
            r.excl[r.n++] = ent->excl[i];
        }
    }
    return r;
}

static verdict lock_verdict(const dr *d, const pg_locks *x, bool xw, const pg_locks *y, bool yw)
{
    for (uint32_t i = 0; i < x->n; i++)
        for (uint32_t j = 0; j < y->n; j++)
            if (pg_keys_match(d->p, x->keys[i], y->keys[j]) && (!xw || x->excl[i]) && (!yw || y->excl[j]))
                return V_PROTECTED;
    if ((x->unknown && (y->n || y->unknown)) || (y->unknown && (x->n || x->unknown)))
        return V_MAYBE;
    return V_RACE;
}

static const char *locks_text(dr *d, const pg_locks *s)
{
    if (!s->n)
        return s->unknown ? "holds only locks fearless cannot name" : "holds no lock";
    const char *t = "holds";
    for (uint32_t i = 0; i < s->n; i++)
        t = fl_arena_sprintf(d->A, "%s%s `%s`%s", t, i ? "," : "", d->p->key_names[s->keys[i]],
                             s->excl[i] ? "" : " (read side)");
    return t;
}

/* ---- reporting ------------------------------------------------------------------------------- */

/* The thread that runs function `fn` beside entry k: a spawning-side root ("thread `main`", "the
   thread that calls `run`"), else another entry ("thread `reporter`"); strong reach first, so
   that the name agrees with the calls the notes show. */
static const char *side_name(dr *d, uint32_t k, uint32_t fn)
{
    const program *p = d->p;
    for (int strong = 1; strong >= 0; strong--) {
        for (uint32_t r = p->nentries; r < p->nthreads; r++)
            if (fl_bs_test(strong ? p->threads[r].reach_strong : p->threads[r].reach, fn)) {
                const char *n = fname(d, p->threads[r].fn);
                return strcmp(n, "main") == 0 ? "thread `main`"
                                              : fl_arena_sprintf(d->A, "the thread that calls `%s`", n);
            }
        for (uint32_t r = 0; r < p->nentries; r++)
            if (r != k && fl_bs_test(strong ? p->threads[r].reach_strong : p->threads[r].reach, fn))
                return fl_arena_sprintf(d->A, "thread `%s`", fname(d, p->threads[r].fn));
    }
    return fl_arena_sprintf(d->A, "the thread that calls `%s`", fname(d, fn));
}

/* Where the code that runs y beside entry k comes from: y's own function, when its own run state
   there says k may run (it spawned k, or called a starter of it); else the function that makes
   the call, while k may run, through which y's function is reached (the top of the par chain). */
static uint32_t beside_origin(dr *d, uint32_t k, const pg_access *y, bool strong)
{
    const program *p = d->p;
    uint32_t ne = p->nentries;
    if (y->a->run) {
        pg_running_entries(p, y->fn, y->a->run, d->scratch);
        if (fl_bs_test(d->scratch, k))
            return y->fn;
    }
    if (!fl_bs_test(strong ? p->par_strong[y->fn] : p->par[y->fn], k))
        return y->fn;
    const ast_node *const *par_call = strong ? p->par_call_strong : p->par_call;
    const uint32_t *par_from = strong ? p->par_from_strong : p->par_from;
    uint32_t f = y->fn, hops = 0;
    while (!par_call[(size_t)f * ne + k] && hops++ < p->nfns)
        f = par_from[(size_t)f * ne + k];
    return par_call[(size_t)f * ne + k] ? par_from[(size_t)f * ne + k] : y->fn;
}

typedef enum pair_kind { P_SIDE, P_OTHER, P_SELF } pair_kind;

/* Why y runs while entry k may be running, as notes a reader can follow: the event of y's own
   function that started k (a spawn, or a call that returns with it running), or the call of the
   spawning side through which y's function is reached while k runs. */
static void note_why_beside(dr *d, diag *g, uint32_t k, const pg_access *y, bool strong)
{
    const program *p = d->p;
    const ast_node *const *par_call = strong ? p->par_call_strong : p->par_call;
    const uint32_t *par_from = strong ? p->par_from_strong : p->par_from;
    uint32_t ne = p->nentries;
    const char *ent = fname(d, p->threads[k].fn);
    if (y->a->run) {
        const pg_fn *f = &p->fns[y->fn];
        const acc_unit *a = p->units[f->unit].acc;
        for (uint32_t e = 0; e < a->nevents; e++) {
            const acc_event *ev = &a->events[e];
            if (ev->fn != f->index || !fl_bs_test(y->a->run, run_bit_r(ev->bit)) ||
                !fl_bs_test(p->ev_entries[f->unit][e], k))
                continue;
            if (ev->starter)
                diag_note_at(g, ev->call->span, "`%s` starts thread `%s` here and returns while it may still run",
                             ev->target ? ev->target->name : "this call", ent);
            else
                diag_note_at(g, ev->call->span, "thread `%s` is started here, and may still run at the conflicting access",
                             ent);
            return;
        }
    }
    if (!fl_bs_test(strong ? p->par_strong[y->fn] : p->par[y->fn], k))
        return;
    /* up the callers to the call made while k runs */
    uint32_t f = y->fn, hops = 0;
    const char *chain = NULL;
    while (!par_call[(size_t)f * ne + k] && hops++ < p->nfns) {
        uint32_t from = par_from[(size_t)f * ne + k];
        chain = chain ? fl_arena_sprintf(d->A, "`%s`, %s", fname(d, from), chain)
                      : fl_arena_sprintf(d->A, "`%s`", fname(d, from));
        f = from;
    }
    const ast_node *call = par_call[(size_t)f * ne + k];
    if (!call)
        return;
    uint32_t caller = par_from[(size_t)f * ne + k];
    if (f == y->fn)
        diag_note_at(g, call->span, "`%s` calls `%s` here while thread `%s` may be running", fname(d, caller),
                     fname(d, f), ent);
    else
        diag_note_at(g, call->span, "`%s` calls `%s` here while thread `%s` may be running; `%s` is reached from it through %s",
                     fname(d, caller), fname(d, f), ent, fname(d, y->fn), chain);
}

/* When thread k reaches function `to` through a call through a function pointer, a note at that
   call: the reader cannot follow it by name. The path is found through strong calls (the ones a
   report rests on), breadth first, so it is a shortest one. */
static void note_pointer_path(dr *d, diag *g, uint32_t k, uint32_t to)
{
    const program *p = d->p;
    uint32_t root = p->threads[k].fn;
    if (root == to)
        return;
    uint32_t *from = fl_xmalloc((p->nfns + 1) * sizeof *from);
    uint32_t *via = fl_xmalloc((p->nfns + 1) * sizeof *via);
    memset(from, 0xff, (p->nfns + 1) * sizeof *from);
    fl_u32_vec queue = {0};
    fl_vec_push(&queue, root);
    from[root] = root;
    for (size_t q = 0; q < queue.len && from[to] == UINT32_MAX; q++) {
        uint32_t f = queue.items[q];
        for (uint32_t i = 0; i < p->ncallees[f]; i++) {
            uint32_t c = p->callees[f][i];
            if (p->callee_weak[f][i] || from[c] != UINT32_MAX)
                continue;
            from[c] = f;
            via[c] = i;
            fl_vec_push(&queue, c);
        }
    }
    /* the last call through a pointer on the way, and what it leads to */
    for (uint32_t f = to; from[to] != UINT32_MAX && f != root; f = from[f]) {
        const ast_node *call = p->callee_site[from[f]][via[f]];
        if (call->callee || !call->nkids)
            continue;
        if (f == to)
            diag_note_at(g, call->kids[0]->span, "`%s` calls `%s` here, through a function pointer", fname(d, from[f]),
                         fname(d, to));
        else
            diag_note_at(g, call->kids[0]->span, "`%s` calls `%s` here, through a function pointer, which leads to `%s`",
                         fname(d, from[f]), fname(d, f), fname(d, to));
        break;
    }
    fl_vec_free(&queue);
    free(from);
    free(via);
}

static void report(dr *d, const pg_access *x, uint32_t k, const pg_access *y, pair_kind pk, uint32_t k2,
                   const pg_locks *lx, const pg_locks *ly)
{
    const program *p = d->p;
    const char *ent = fname(d, p->threads[k].fn);
    const char *xt = fl_arena_sprintf(d->A, "thread `%s`", ent);
    const char *yt = pk == P_SELF    ? fl_arena_sprintf(d->A, "another thread running `%s`", ent)
                     : pk == P_OTHER ? fl_arena_sprintf(d->A, "thread `%s`", fname(d, p->threads[k2].fn))
                                     : side_name(d, k, beside_origin(d, k, y, true));
    const char *name = x->spawn && !y->spawn ? y->a->name : x->a->name;
    /* the primary is the write; of two writes, the one holding fewer locks (the culprit) */
    bool x_primary = x->a->write && (!y->a->write || lx->n + lx->unknown <= ly->n + ly->unknown);
    if (!x->a->write && !y->a->write)
        x_primary = true;
    const pg_access *pa = x_primary ? x : y, *sa = x_primary ? y : x;
    const pg_locks *lp = x_primary ? lx : ly;
    const char *pt = x_primary ? xt : yt, *st = x_primary ? yt : xt;
    if (pk == P_SELF) {
        /* two instances of one thread: which is "another" does not depend on the order */
        pt = fl_arena_sprintf(d->A, "a thread running `%s`", ent);
        st = yt;
    }
    bool locked = lp->n || lp->unknown;
    diag *g = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "data race on `%s`", name);
    if (pa->a->node == sa->a->node)
        diag_primary(g, pa->a->node->span, "`%s` is %s here by %s and by %s%s", pa->a->name,
                     pa->a->write ? "written" : "read", pt, st, locked ? "" : ", without a lock");
    else {
        diag_primary(g, pa->a->node->span, "`%s` is %s here by %s%s", pa->a->name, pa->a->write ? "written" : "read",
                     pt, locked ? "" : " without a lock");
        diag_secondary(g, sa->a->node->span, "conflicting %s in %s", sa->a->write ? "write" : "read", st);
    }
    if (x->spawn && x->spawn->arg)
        diag_secondary(g, x->spawn->arg->span, "the object passed as arg to `%s`", ent);
    if (pk == P_SELF && p->threads[k].spawn)
        diag_secondary(g, p->threads[k].spawn->call->kids[0]->span,
                       "more than one thread running `%s` may be started here", ent);
    if (x->spawn) {
        /* the path inside the object the spawn passes (`.count`, or nothing for the whole object) */
        const char *rest = strrchr(x->loc + strlen(x->spawn->obj), '.');
        if (rest && !strchr(rest, '['))
            diag_note(g, "`%s` is field `%s` of the object passed as arg to `%s`", x->a->name, rest + 1, ent);
        else
            diag_note(g, "`%s` is the object passed as arg to `%s`", x->a->name, ent);
    }
    if (pk == P_SELF && x == y)
        diag_note(g, "each thread running `%s` %s there", ent, locks_text(d, lx));
    else
        diag_note(g, "%s %s there; %s %s there", pt, locks_text(d, lp), st, locks_text(d, x_primary ? ly : lx));
    if (!x->spawn)
        note_pointer_path(d, g, k, x->fn);
    if (pk == P_OTHER && !y->spawn)
        note_pointer_path(d, g, k2, y->fn);
    if (pk == P_SIDE)
        note_why_beside(d, g, k, y, true);
    diag_help(g, "protect both accesses with the same mutex, or make `%s` _Atomic", name);
    diag_sink_add(d->ctx->sink, g);
}

/* Do both sides of the pair run barrier or semaphore calls (which may order them)? */
static bool sync_both(const dr *d, uint32_t k, const pg_access *y, pair_kind pk, uint32_t k2)
{
    const program *p = d->p;
    if (!p->uses_sync[k])
        return false;
    if (pk == P_SELF)
        return true;
    if (pk == P_OTHER)
        return p->uses_sync[k2];
    for (uint32_t r = 0; r < p->nthreads; r++)
        if (r != k && p->uses_sync[r] && fl_bs_test(p->threads[r].reach, y->fn))
            return true;
    return false;
}

/* Does thread m start entry k itself (a spawn of k in code m runs)? Then what m does beside k is
   decided by m's own order (runs_beside: after the spawn, before the join), not by the two
   threads overlapping: its writes before the spawn happen before k starts. */
static bool spawns_entry(const dr *d, uint32_t m, uint32_t k)
{
    const program *p = d->p;
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t e = 0; e < a->nevents; e++)
            if (fl_bs_test(p->ev_entries[u][e], k) && fl_bs_test(p->threads[m].reach, pg_id(p, u, a->events[e].fn)))
                return true;
    }
    return false;
}

/* Is the pair (x in entry k, y) concurrent, and how? */
static bool concurrent(dr *d, uint32_t k, const pg_access *x, const pg_access *y, bool strong, pair_kind *pk,
                       uint32_t *k2)
{
    const program *p = d->p;
    if (!in_thread(d, x, k, strong))
        return false;
    if (in_thread(d, y, k, strong) && self_race(d, k, x, y, strong)) {
        *pk = P_SELF;
        return true;
    }
    if (runs_beside(d, k, x, y, strong)) {
        *pk = P_SIDE;
        return true;
    }
    const bool *overlap = strong ? p->overlap_strong : p->overlap;
    for (uint32_t m = 0; m < d->ne; m++)
        if (m != k && in_thread(d, y, m, strong) && overlap[k * d->ne + m] && !spawns_entry(d, m, k) && !spawns_entry(d, k, m) &&
            (!x->spawn || !y->spawn || (x->spawn != y->spawn && spawns_share(x, y)))) {
            *pk = P_OTHER;
            *k2 = m;
            return true;
        }
    return false;
}

typedef enum doubt { D_NONE, D_LOCKS, D_GUESS, D_DIES, D_DISPATCH } doubt;

/* Why code of `root` reaches `to` only through weak calls: the kind of the weak call on a path
   with the fewest of them (0-1 breadth-first: strong calls cost nothing); D_NONE when a strong
   path exists or none does. */
static doubt weak_path(const dr *d, uint32_t root, uint32_t to)
{
    const program *p = d->p;
    uint32_t n = p->nfns;
    uint32_t *dist = fl_xmalloc((n + 1) * sizeof *dist);
    uint8_t *why = fl_xcalloc(n + 1, 1); /* the first weak edge's kind on the best path */
    memset(dist, 0xff, (n + 1) * sizeof *dist);
    /* level by level: strong calls stay in the level, weak ones go to the next */
    fl_u32_vec cur = {0}, next = {0};
    dist[root] = 0;
    fl_vec_push(&cur, root);
    for (uint32_t level = 0; cur.len; level++) {
        for (size_t q = 0; q < cur.len; q++) {
            uint32_t f = cur.items[q];
            if (dist[f] != level)
                continue;
            for (uint32_t i = 0; i < p->ncallees[f]; i++) {
                uint32_t c = p->callees[f][i];
                uint8_t w = p->callee_weak[f][i];
                uint32_t nd = level + (w ? 1 : 0);
                if (nd >= dist[c])
                    continue;
                dist[c] = nd;
                why[c] = why[f] ? why[f] : w;
                if (w)
                    fl_vec_push(&next, c);
                else
                    fl_vec_push(&cur, c);
            }
        }
        fl_u32_vec t = cur;
        cur = next;
        next = t;
        next.len = 0;
    }
    fl_vec_free(&cur);
    fl_vec_free(&next);
    doubt r = dist[to] == 0 || dist[to] == UINT32_MAX ? D_NONE
              : why[to] == PG_WEAK_DIES                ? D_DIES
              : why[to] == PG_WEAK_DISPATCH            ? D_DISPATCH
                                                       : D_GUESS;
    free(dist);
    free(why);
    return r;
}

/* The accesses [i, j) of one location. */
/* Which weak call a pair that is concurrent only through weak calls rests on (x in entry k). */
static doubt weak_reason(const dr *d, const pg_access *x, const pg_access *y, uint32_t k, uint32_t k2, pair_kind pk)
{
    const program *p = d->p;
    doubt r = x->spawn ? D_NONE : weak_path(d, p->threads[k].fn, x->fn);
    if (r == D_NONE && pk == P_OTHER && !y->spawn)
        r = weak_path(d, p->threads[k2].fn, y->fn);
    for (uint32_t t = 0; r == D_NONE && !y->spawn && t < p->nthreads; t++)
        if (fl_bs_test(p->threads[t].reach, y->fn))
            r = weak_path(d, p->threads[t].fn, y->fn);
    return r == D_NONE ? D_GUESS : r;
}

static void check_location(dr *d, uint32_t i, uint32_t j)
{
    const program *p = d->p;
    const pg_access *maybe = NULL, *gx = NULL, *gy = NULL;
    uint32_t gk = 0, gk2 = 0;
    pair_kind gpk = P_SIDE;
    doubt why = D_NONE;
    /* written only by code that runs once (an ovsthread_once block, what only it calls): the
       once construct orders the writes before every pass that finds it done */
    const pg_access *w = NULL;
    bool once_only = true, single_only = true, any_single = false;
    for (uint32_t a = i; a < j; a++)
        if (p->accs[a].a->write) {
            w = w ? w : &p->accs[a];
            once_only &= (p->accs[a].region & ACC_ONCE) != 0;
            single_only &= (p->accs[a].region & ACC_SINGLE) != 0;
            any_single |= (p->accs[a].region & ACC_SINGLE) != 0;
        }
    if (w && once_only) {
        if (d->ctx->verbose) {
            diag *g = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                               single_only ? "not reporting `%s`: every write to it runs while no other thread exists "
                                             "(in `main` before it starts one, or after a single-threaded assertion)"
                               : any_single ? "not reporting `%s`: every write to it runs before any other thread exists, "
                                              "or in code that runs once per program (after a once construct said "
                                              "\"first\"), which orders it before the other accesses"
                                            : "not reporting `%s`: every write to it is in code that runs once per program "
                                              "(after a once construct said \"first\"), which orders it before the other "
                                              "accesses",
                               w->a->name);
            diag_primary(g, w->a->node->span, NULL);
            diag_sink_add(d->ctx->sink, g);
        }
        return;
    }
    for (uint32_t a = i; a < j; a++) {
        const pg_access *x = &p->accs[a];
        for (uint32_t b = i; b < j; b++) {
            const pg_access *y = &p->accs[b];
            if (!x->a->write && !y->a->write)
                continue;
            /* code that runs while no other thread exists races with nothing */
            if ((x->region | y->region) & ACC_SINGLE)
                continue;
            /* an object of a spawning function's activation (its local, or what its local pointer
               gives a spawn): two threads running that function have one each; it is shared only
               with the threads spawned with it */
            if (!x->spawn && !y->spawn && (x->loc[0] == 'v' || x->loc[0] == 'p'))
                continue;
            for (uint32_t k = 0; k < d->ne; k++) {
                pair_kind pk = P_SIDE;
                uint32_t k2 = 0;
                bool strong = concurrent(d, k, x, y, true, &pk, &k2);
                if (!strong && !concurrent(d, k, x, y, false, &pk, &k2))
                    continue;
                doubt dw = D_NONE;
                if (sync_both(d, k, y, pk, k2))
                    dw = D_LOCKS;
                pg_locks lx = all_locks(d, x), ly = all_locks(d, y);
                verdict v = dw ? V_MAYBE : lock_verdict(d, &lx, x->a->write, &ly, y->a->write);
                if (v == V_PROTECTED)
                    continue;
                if (v == V_MAYBE)
                    dw = D_LOCKS;
                else if (!strong)
                    dw = D_GUESS; /* concurrent only through a call guessed among function pointers */
                if (dw == D_NONE) {
                    report(d, x, k, y, pk, k2, &lx, &ly);
                    return;
                }
                if (!maybe || (why == D_GUESS && dw == D_LOCKS)) {
                    maybe = x->a->write ? x : y;
                    why = dw;
                    gx = x, gy = y, gk = k, gk2 = k2, gpk = pk;
                }
            }
        }
    }
    if (maybe && d->ctx->verbose) {
        if (why == D_GUESS)
            why = weak_reason(d, gx, gy, gk, gk2, gpk);
        diag *g = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                           why == D_GUESS
                               ? "not reporting a possible data race on `%s`: the accesses run at once only if a call "
                                 "through a function pointer reaches a function fearless picked by its type alone "
                                 "(nothing it saw stores that function where the pointer is read)"
                           : why == D_DIES
                               ? "not reporting a possible data race on `%s`: one of the accesses runs only on the way "
                                 "out of the program (in a function that never returns, such as an assertion's failure)"
                           : why == D_DISPATCH
                               ? "not reporting a possible data race on `%s`: the accesses run at once only if a call "
                                 "through a struct field reaches one of the many functions stored in that field (which "
                                 "one this object holds is not known)"
                               : "not reporting a possible data race on `%s`: the accesses hold locks fearless cannot "
                                 "compare, or barriers or semaphores may order them",
                           maybe->a->name);
        diag_primary(g, maybe->a->node->span, NULL);
        diag_sink_add(d->ctx->sink, g);
    }
}

void check_data_race(check_ctx *ctx)
{
    const program *p = ctx->prog;
    if (!p)
        return; /* everything happens once per program */
    dr d = {0};
    d.ctx = ctx;
    d.p = p;
    d.A = ctx->arena;
    d.ne = p->nentries;
    d.nw = fl_bs_words(d.ne ? d.ne : 1);
    d.scratch = FL_NEW_ARRAY(d.A, fl_word, d.nw);
    for (uint32_t i = 0; i < p->naccs;) {
        uint32_t j = i;
        while (j < p->naccs && strcmp(p->accs[j].loc, p->accs[i].loc) == 0)
            j++;
        check_location(&d, i, j);
        i = j;
    }
}
