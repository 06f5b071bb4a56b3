/* parallel.c - whether two accesses of a program may run at once (see parallel.h). */
#include "parallel.h"

#include <stdlib.h>
#include <string.h>

#include "../base/hash.h"
#include "../base/vec.h"
#include "../base/xalloc.h"

/* Is function fn run by entry k (through strong calls only with `strong`)? */
static bool pg_runs(const program *p, uint32_t k, uint32_t fn, bool strong)
{
    return fl_bs_test(strong ? p->threads[k].reach_strong : p->threads[k].reach, fn);
}

/* Is access a run by entry k? An access through the argument's object is its entry's own. */
static bool in_thread(const program *p, const pg_access *a, uint32_t k, bool strong)
{
    if (a->spawn)
        return p->threads[k].fn == a->fn;
    /* run by k, and not on a branch k's mode flags or thread-specific values rule out */
    if (!pg_runs(p, k, a->fn, strong) || pg_conds_contradict(&a->a->conds, &p->threads[k].facts))
        return false;
    /* nor on one that the flags known where its function is entered rule out */
    const acc_conds *in = pg_entry_facts(p, k, a->fn, strong);
    return !in || !pg_conds_contradict(&a->a->conds, in);
}

/* The bit of x's spawn event in y's function's run state. */
static bool spawn_bit_set(const pg_access *x, const pg_access *y, bool arg_bit)
{
    const acc_event *e = x->spawn;
    return y->a->run && fl_bs_test(y->a->run, arg_bit ? run_bit_a(e->bit) : run_bit_r(e->bit));
}

uint32_t pg_nested_via(const program *p, const fl_word *in, uint32_t k, bool strong)
{
    const bool *st = strong ? p->starts_strong : p->starts_entry;
    if (fl_bs_test(in, k))
        return k;
    for (uint32_t m = 0; m < p->nentries; m++)
        if (st[(size_t)m * p->nentries + k] && fl_bs_test(in, m))
            return m;
    return UINT32_MAX;
}

/* Does y run while entry k runs, seen from the code that spawns k? x is k's access. */
static bool runs_beside(const program *p, fl_word *scratch, uint32_t k, const pg_access *x, const pg_access *y,
                        bool strong)
{
    if (y->spawn)
        return false;
    /* behind a test that a thread-specific value is set, which the spawning side never sets */
    if (p->side_facts && pg_conds_contradict(&y->a->conds, p->side_facts))
        return false;
    /* behind a test of a mode flag that k's spawns saw the other way: the flag keeps its value
       while threads run, so where y runs k was never started (`if (cfg.threads == 1)` against
       threads spawned after `if (cfg.threads == 1) return;`) */
    if (pg_conds_contradict(&y->a->conds, &p->threads[k].facts))
        return false;
    /* a thread a start function began on its caller's object (acc_event.via): not against a
       helper's access placed at a call of the caller that a join in the helper may precede (a
       `stop()` that joins the thread, then reads the object: the caller's run state at the call
       does not see the helper's join); one before any join (`stop()` clearing the running flag,
       then joining) runs while the thread may */
    if (x->spawn && x->spawn->via && y->a->at_call && y->a->after_join)
        return false;
    if (x->spawn && x->spawn->obj[0] != 'g' && x->spawn->obj[0] != 's') {
        /* a local object of the spawner: only its code, while the argument still names it */
        return pg_id(p, x->spawn_unit, x->spawn->fn) == y->fn && spawn_bit_set(x, y, true);
    }
    /* a global object a start function was given (acc_event.via): the caller's code after the
       call, while the thread it started may run, besides what runs beside the thread anyway */
    if (x->spawn && x->spawn->via && pg_id(p, x->spawn_unit, x->spawn->fn) == y->fn && spawn_bit_set(x, y, false))
        return true;
    if (pg_nested_via(p, strong ? p->par_strong[y->fn] : p->par[y->fn], k, strong) != UINT32_MAX)
        return true;
    if (!y->a->run)
        return false;
    pg_running_entries(p, y->fn, y->a->run, scratch);
    return pg_nested_via(p, scratch, k, strong) != UINT32_MAX;
}

/* Does a spawn share its object with another instance of its thread: reached while an earlier
   spawn of the same function with the same object may run (a loop, two sites)? */
static bool obj_shared(const program *p, const pg_access *x)
{
    const acc_event *e = x->spawn;
    const acc_unit *a = p->units[x->spawn_unit].acc;
    if (acc_key_some_element(e->obj))
        return false; /* `&args[i]`: an element each */
    if (e->via && e->in_loop)
        return true; /* a copy for one call (acc_event.via): its function, or the call, loops */
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
static bool spawns_overlap(const pg_access *x, const pg_access *y)
{
    const acc_event *e = x->spawn, *o = y->spawn;
    if (x->spawn_unit != y->spawn_unit || e->fn != o->fn)
        return true;
    return (e->before && fl_bs_test(e->before, run_bit_a(o->bit))) ||
           (o->before && fl_bs_test(o->before, run_bit_a(e->bit)));
}

static bool spawns_share(const pg_access *x, const pg_access *y)
{
    const acc_event *e = x->spawn;
    return e->obj[0] == 'g' || e->obj[0] == 's' || spawns_overlap(x, y);
}

/* An access through a pointer field of the spawn's object (`*a->sum`, the field given `&total`):
   its location is not the object's. */
static bool through_field(const pg_access *x)
{
    return strncmp(x->loc, x->spawn->obj, strlen(x->spawn->obj)) != 0;
}

/* A test of the running thread's argument that holds for one value only: `id == 3` ("i:*==3"
   true), `id == 0` or `!id` ("i:*" zero); its path in the argument ("*"), or NULL. */
static const char *one_value(const acc_cond *c, size_t *len)
{
    if (!acc_key_is_instance(c->key))
        return NULL;
    const char *path = c->key + 2, *eq = strstr(path, "==");
    if (eq ? !c->nonzero : c->nonzero)
        return NULL;
    *len = eq ? (size_t)(eq - path) : strlen(path);
    return path;
}

/* x and y, both in thread k's own function, each run only in the instance whose argument holds
   one value (`if (id == 0) g_report = sum;`), the same one, and every instance of k gets its own
   value there (pg_thread.distinct: `&ids[i]` with `ids[i] = i`): one instance makes both. */
static bool one_instance(const program *p, uint32_t k, const pg_access *x, const pg_access *y)
{
    const char *d = p->threads[k].distinct;
    if (!d || x->fn != p->threads[k].fn || y->fn != p->threads[k].fn)
        return false;
    for (uint32_t i = 0; i < x->a->conds.n; i++) {
        size_t len;
        const char *path = one_value(&x->a->conds.c[i], &len);
        if (!path || strlen(d) != len || strncmp(path, d, len) != 0)
            continue;
        for (uint32_t j = 0; j < y->a->conds.n; j++)
            if (strcmp(y->a->conds.c[j].key, x->a->conds.c[i].key) == 0 &&
                y->a->conds.c[j].nonzero == x->a->conds.c[i].nonzero)
                return true;
    }
    return false;
}

static bool self_race(const program *p, uint32_t k, const pg_access *x, const pg_access *y, bool strong)
{
    if (one_instance(p, k, x, y))
        return false;
    if (!x->spawn)
        return strong ? p->threads[k].overlaps_itself_strong : p->threads[k].overlaps_itself;
    if (y->spawn && (through_field(x) || through_field(y)))
        return spawns_overlap(x, y); /* one location whatever the objects: threads that run at once */
    /* the argument's object: only when spawns that may run at once pass the same object */
    return y->spawn && obj_shared(p, x) && obj_shared(p, y);
}

/* The entries that run access a (in_thread), through strong calls only with `strong`: from the
   view's cache for an access of the program's list, into scratch w for any other. */
static const fl_word *runs_of(pg_lockview *v, const pg_access *a, bool strong, fl_word *w)
{
    const program *p = v->p;
    uint32_t nw = fl_bs_words(p->nentries ? p->nentries : 1);
    bool listed = a >= p->accs && a < p->accs + p->naccs;
    size_t i = listed ? (size_t)(a - p->accs) : 0;
    if (listed && v->known[i])
        return (strong ? v->runs_strong : v->runs) + i * nw;
    fl_word *set[2] = {listed ? v->runs + i * nw : w, listed ? v->runs_strong + i * nw : NULL};
    for (int s = 0; s < 2; s++) {
        if (!set[s])
            continue;
        fl_bs_zero(set[s], nw);
        for (uint32_t k = 0; k < p->nentries; k++)
            if (in_thread(p, a, k, listed ? s == 1 : strong))
                fl_bs_set(set[s], k);
    }
    if (!listed)
        return w;
    v->known[i] = true;
    return set[strong];
}

/* Do x (run by entry k) and y run at once? Fills *out. rx, ry: the entries that run x and y,
   as runs_of gives them for `strong`. */
static bool concurrent(const program *p, fl_word *scratch, uint32_t k, const pg_access *x, const pg_access *y,
                       const fl_word *rx, const fl_word *ry, bool strong, pg_pair *out)
{
    uint32_t ne = p->nentries;
    out->k = k;
    out->k2 = 0;
    if (!fl_bs_test(rx, k))
        return false;
    if (fl_bs_test(ry, k) && self_race(p, k, x, y, strong)) {
        out->kind = PG_PAIR_SELF;
        return true;
    }
    /* y comes after a join that ended every thread running k */
    if (y->ended && fl_bs_test(y->ended, k))
        return false;
    if (runs_beside(p, scratch, k, x, y, strong)) {
        out->kind = PG_PAIR_SIDE;
        return true;
    }
    const bool *overlap = strong ? p->overlap_strong : p->overlap;
    for (uint32_t m = 0; m < ne; m++)
        if (m != k && fl_bs_test(ry, m) && overlap[k * ne + m] && !(x->ended && fl_bs_test(x->ended, m)) &&
            !p->starts_entry[m * ne + k] &&
            !p->starts_entry[k * ne + m] && (!x->spawn || !y->spawn || (x->spawn != y->spawn && spawns_share(x, y)))) {
            out->kind = PG_PAIR_OTHER;
            out->k2 = m;
            return true;
        }
    return false;
}

/* Thread k may release others by a post after access x: x's function may post after it, or
   another function k reaches posts (a caller after x returns, a callee, a loop around). */
static bool sem_may_post_after(const program *p, uint32_t k, const pg_access *x)
{
    uint32_t own = (p->sem_ops[x->fn] & 2) && fl_bs_test(p->threads[k].reach, x->fn) ? 1 : 0;
    return x->a->sem_post_after || p->sem_posters[k] > own;
}

static bool sem_may_wait_before(const program *p, uint32_t k, const pg_access *x)
{
    uint32_t own = (p->sem_ops[x->fn] & 1) && fl_bs_test(p->threads[k].reach, x->fn) ? 1 : 0;
    return x->a->sem_wait_before || p->sem_waiters[k] > own;
}

/* May a semaphore order x (thread k) and y (thread r), one way or the other? */
static bool sem_may_order(const program *p, uint32_t k, const pg_access *x, uint32_t r, const pg_access *y)
{
    return (sem_may_post_after(p, k, x) && sem_may_wait_before(p, r, y)) ||
           (sem_may_post_after(p, r, y) && sem_may_wait_before(p, k, x));
}

/* Where barrier waits may fall around access x in thread k: BAR_BEFORE, BAR_AFTER. */
static uint8_t bar_around(const program *p, uint32_t k, const pg_access *x)
{
    uint8_t ctx = p->bar_ctx[(size_t)k * p->nfns + x->fn];
    if (!(ctx & BAR_REACHED) || p->bar_anywhere[x->fn]) /* reached some way the calls do not say */
        return BAR_BEFORE | BAR_AFTER;
    return (uint8_t)(ctx | (x->a->bar_before ? BAR_BEFORE : 0) | (x->a->bar_after ? BAR_AFTER : 0));
}

/* May a barrier order x (thread k) and y (thread r)? Only a wait after one of them and before
   the other can: two accesses both after every wait of their threads, or both before any, are
   in the same phase. */
static bool bar_may_order(const program *p, uint32_t k, const pg_access *x, uint32_t r, const pg_access *y)
{
    if (!p->bar_ctx)
        return false;
    uint8_t bx = bar_around(p, k, x), by = bar_around(p, r, y);
    return ((bx & BAR_AFTER) && (by & BAR_BEFORE)) || ((by & BAR_AFTER) && (bx & BAR_BEFORE));
}

/* Does x's function write, after x, an atomic variable that y's function loads before y (both
   with an order)? Then y may have read what that write published, and x with it. */
static bool pub_before(const pg_access *x, const pg_access *y)
{
    for (uint32_t i = 0; x->a->pub_rel && i < ACC_MAX_PUB; i++)
        for (uint32_t j = 0; (x->a->pub_rel >> i & 1) && x->a->pub_keys && y->a->pub_keys && j < ACC_MAX_PUB; j++)
            if ((y->a->pub_acq >> j & 1) && x->a->pub_keys[i] && y->a->pub_keys[j] &&
                strcmp(x->a->pub_keys[i], y->a->pub_keys[j]) == 0)
                return true;
    return false;
}

static bool may_order(const program *p, uint32_t k, const pg_access *x, uint32_t r, const pg_access *y)
{
    return bar_may_order(p, k, x, r, y) || sem_may_order(p, k, x, r, y) || pub_before(x, y) || pub_before(y, x);
}

bool pg_pair_syncs(const program *p, const pg_pair *pr, const pg_access *x, const pg_access *y)
{
    uint32_t k = pr->k;
    if (pr->kind == PG_PAIR_SELF)
        return may_order(p, k, x, k, y);
    if (pr->kind == PG_PAIR_OTHER)
        return may_order(p, k, x, pr->k2, y);
    for (uint32_t r = 0; r < p->nthreads; r++)
        if (r != k && fl_bs_test(p->threads[r].reach, y->fn) && may_order(p, k, x, r, y))
            return true;
    return false;
}

/* ---- what a claim rests on ------------------------------------------------------------------- */

/* Why code of `root` reaches `to` only through weak calls: the kind of the first weak call on a
   path with the fewest of them (0-1 breadth-first, level by level: strong calls cost nothing);
   PG_STRONG when a strong path exists or none does. */
static pg_edge weak_path(const program *p, uint32_t root, uint32_t to)
{
    uint32_t n = p->nfns;
    uint32_t *dist = fl_xmalloc((n + 1) * sizeof *dist);
    uint8_t *why = fl_xcalloc(n + 1, 1);
    memset(dist, 0xff, (n + 1) * sizeof *dist);
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
    pg_edge r = dist[to] == 0 || dist[to] == UINT32_MAX ? PG_STRONG : (pg_edge)why[to];
    free(dist);
    free(why);
    return r;
}

pg_edge pg_pair_weakness(const program *p, const pg_access *x, const pg_access *y, const pg_pair *pr)
{
    pg_edge r = x->spawn ? PG_STRONG : weak_path(p, p->threads[pr->k].fn, x->fn);
    if (r == PG_STRONG && pr->kind == PG_PAIR_OTHER && !y->spawn)
        r = weak_path(p, p->threads[pr->k2].fn, y->fn);
    for (uint32_t t = 0; r == PG_STRONG && !y->spawn && t < p->nthreads; t++)
        if (fl_bs_test(p->threads[t].reach, y->fn))
            r = weak_path(p, p->threads[t].fn, y->fn);
    return r == PG_STRONG ? PG_WEAK_GUESS : r;
}

uint32_t pg_beside_origin(const program *p, fl_word *scratch, uint32_t k, const pg_access *y, bool strong)
{
    uint32_t ne = p->nentries;
    if (y->a->run) {
        pg_running_entries(p, y->fn, y->a->run, scratch);
        if (pg_nested_via(p, scratch, k, strong) != UINT32_MAX)
            return y->fn;
    }
    k = pg_nested_via(p, strong ? p->par_strong[y->fn] : p->par[y->fn], k, strong);
    if (k == UINT32_MAX)
        return y->fn;
    const ast_node *const *par_call = strong ? p->par_call_strong : p->par_call;
    const uint32_t *par_from = strong ? p->par_from_strong : p->par_from;
    uint32_t f = y->fn, hops = 0;
    while (!par_call[(size_t)f * ne + k] && hops++ < p->nfns)
        f = par_from[(size_t)f * ne + k];
    return par_call[(size_t)f * ne + k] ? par_from[(size_t)f * ne + k] : y->fn;
}

const ast_node *pg_pointer_call_to(const program *p, uint32_t k, uint32_t to, uint32_t *caller, uint32_t *entered)
{
    uint32_t root = p->threads[k].fn;
    if (root == to)
        return NULL;
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
    /* the last call through a pointer on the way */
    const ast_node *found = NULL;
    for (uint32_t f = to; from[to] != UINT32_MAX && f != root && !found; f = from[f]) {
        const ast_node *call = p->callee_site[from[f]][via[f]];
        if (call->callee || !call->nkids)
            continue;
        found = call;
        *caller = from[f];
        *entered = f;
    }
    fl_vec_free(&queue);
    free(from);
    free(via);
    return found;
}

/* ---- the locks at a pair ----------------------------------------------------------------------- */

void pg_lockview_init(pg_lockview *v, const program *p, fl_arena *A)
{
    *v = (pg_lockview){0};
    v->p = p;
    v->A = A;
    size_t nw = fl_bs_words(p->nentries ? p->nentries : 1);
    v->tent = FL_NEW_ARRAY(A, pg_locks *, p->nthreads + 1);
    v->scratch = FL_NEW_ARRAY(A, fl_word, nw);
    v->T = fl_arena_new();
    v->runs = FL_NEW_ARRAY(A, fl_word, (p->naccs + 1) * nw);
    v->runs_strong = FL_NEW_ARRAY(A, fl_word, (p->naccs + 1) * nw);
    v->known = FL_NEW_ARRAY(A, bool, p->naccs + 1);
}

void pg_lockview_free(pg_lockview *v)
{
    fl_arena_free(v->T);
    v->T = NULL;
    free(v->memo);
    v->memo = NULL;
}

/* The locks thread t's calls hold when it enters a function (computed once per thread), or with
   t == UINT32_MAX those every caller holds, whichever thread. */
static const pg_locks *entry_locks(pg_lockview *v, uint32_t fn, uint32_t t)
{
    if (t == UINT32_MAX)
        return &v->p->ent[fn];
    if (!v->tent[t]) {
        v->tent[t] = FL_NEW_ARRAY(v->A, pg_locks, v->p->nfns + 1);
        pg_thread_entry_locks(v->p, t, v->A, v->tent[t]);
    }
    return &v->tent[t][fn];
}

/* A lock a function reaches through its first parameter, as thread t's calls of it pass it
   (t == UINT32_MAX: any call): the one lock they all pass, up through callers that pass their
   own parameter on; PG_NO_KEY when they pass different locks; the key itself when no call of
   t's says. */
static uint32_t passed_lock(const program *p, uint32_t key, uint32_t t)
{
    for (int depth = 0; depth < 8 && p->nkey_via[key]; depth++) {
        uint32_t got = PG_NO_KEY;
        for (uint32_t i = 0; i < p->nkey_via[key]; i++) {
            const pg_keyvia *w = &p->key_via[key][i];
            if (t != UINT32_MAX && !fl_bs_test(p->threads[t].reach, w->from))
                continue;
            if (got == PG_NO_KEY)
                got = w->key;
            else if (!pg_keys_match(p, got, w->key))
                return PG_NO_KEY;
        }
        if (got == PG_NO_KEY)
            return key;
        key = got;
    }
    return key;
}

/* Does the flag value c hold where thread k runs a (mode flags its spawns tested, what its
   calls say on entry to a's function), or, with `side`, in the code beside k (its mode flags:
   they keep their value while it runs)? Either way, what every call of a's function says. */
static bool cond_holds(const program *p, const acc_cond *c, uint32_t k, const pg_access *a, bool side)
{
    const acc_conds *fs[3] = {&p->threads[k].facts, side ? NULL : pg_entry_facts(p, k, a->fn, true),
                              &p->called_with[a->fn]};
    for (int s = 0; s < 3; s++)
        if (fs[s] && pg_conds_have(fs[s]->c, fs[s]->n, c))
            return true;
    return false;
}

/* Where the flag value of a's if_locks is not known to hold: the locks of `iff` that every call
   of a's function still gives it, each call by its own means. A call saying the value gives
   them by the function's own locking; any other call by the locks its caller holds there
   (`flush(true)` made holding `m`, for `void flush(bool held) { if (!held) lock(&m); ... }`).
   Calls made while no other thread exists do not count; neither does a function no call
   reaches or a thread's start. Into out (room for iff->n keys). */
static void given_by_every_call(pg_lockview *v, const pg_access *a, const pg_locks *iff, pg_locks *out)
{
    const program *p = v->p;
    out->n = 0;
    if (p->entry_of[a->fn] >= 0)
        return;
    const acc_cond *c = &a->a->if_cond;
    acc_cond other = {c->key, !c->nonzero};
    uint32_t seen = 0;
    bool *keep = FL_NEW_ARRAY(v->T, bool, iff->n + 1);
    for (uint32_t i = 0; i < iff->n; i++)
        keep[i] = true;
    for (uint32_t j = p->calls.to_first[a->fn]; j < p->calls.to_first[a->fn + 1]; j++) {
        const pg_call *r = &p->calls.c[p->calls.by_to[j]];
        if ((r->region | p->fn_region[r->from]) & ACC_SINGLE)
            continue;
        seen++;
        if (pg_conds_have(r->conds.c, r->conds.n, c))
            continue; /* the function takes them itself */
        bool says_other = pg_conds_have(r->conds.c, r->conds.n, &other);
        const pg_locks *ce = &p->ent[r->from];
        for (uint32_t i = 0; i < iff->n; i++)
            keep[i] &= says_other && (pg_locks_has(&r->locks, iff->keys[i], NULL) ||
                                      pg_locks_has(ce, iff->keys[i], NULL));
    }
    for (uint32_t i = 0; seen && i < iff->n; i++)
        if (keep[i]) {
            out->keys[out->n] = iff->keys[i];
            out->excl[out->n++] = iff->excl[i];
        }
}

/* The locks at a as thread t runs it (t == UINT32_MAX: whichever thread does, those every
   caller holds), with those it holds under a flag's value (pg_access.if_locks) when entry k's
   facts say the flag has it: k runs a, or with `side`, a runs beside k. In v->T. */
static pg_locks locks_at(pg_lockview *v, const pg_access *a, uint32_t t, uint32_t k, bool side)
{
    const pg_locks *own = &a->locks, *ent = entry_locks(v, a->fn, t);
    const pg_locks *iff = NULL;
    pg_locks given = {0};
    bool inst_unknown = false;
    if (a->a->if_cond.key && a->if_locks.n && acc_key_is_instance(a->a->if_cond.key)) {
        /* a flag of the running thread's argument: what the spawns of k give it, in k's own
           function (the thread beside it, `side`, is some other instance: any of them) */
        const pg_thread *th = &v->p->threads[k];
        const acc_cond *c = &a->a->if_cond;
        acc_cond other = {c->key, !c->nonzero};
        if (th->fn == a->fn && !side && pg_conds_have(th->arg_all.c, th->arg_all.n, c))
            iff = &a->if_locks;
        else
            inst_unknown = th->fn != a->fn || !pg_conds_have(th->arg_seen.c, th->arg_seen.n, &other);
    } else if (a->a->if_cond.key && a->if_locks.n) {
        if (cond_holds(v->p, &a->a->if_cond, k, a, side)) {
            iff = &a->if_locks;
        } else {
            given.keys = FL_NEW_ARRAY(v->T, uint32_t, a->if_locks.n + 1);
            given.excl = FL_NEW_ARRAY(v->T, bool, a->if_locks.n + 1);
            given_by_every_call(v, a, &a->if_locks, &given);
            iff = given.n ? &given : NULL;
        }
    }
    uint32_t nif = iff ? iff->n : 0;
    pg_locks r = {0};
    r.unknown = own->unknown || ent->unknown || inst_unknown;
    r.keys = FL_NEW_ARRAY(v->T, uint32_t, own->n + ent->n + nif + 1);
    r.excl = FL_NEW_ARRAY(v->T, bool, own->n + ent->n + nif + 1);
    const pg_locks *mine[2] = {own, iff}; /* its own, and those the flag's value gives it */
    for (int s = 0; s < 2; s++)
        for (uint32_t i = 0; mine[s] && i < mine[s]->n; i++) {
            r.keys[r.n] = mine[s]->keys[i];
            r.excl[r.n++] = mine[s]->excl[i];
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
    /* locks passed as arguments: the ones this thread's calls pass */
    uint32_t n = 0;
    for (uint32_t i = 0; i < r.n; i++) {
        uint32_t k = passed_lock(v->p, r.keys[i], t);
        if (k != PG_NO_KEY && strncmp(v->p->keys[k], "E:", 2) != 0 && strstr(v->p->keys[k], "[*]"))
            k = PG_NO_KEY; /* an element lock no call names the array of */
        if (k == PG_NO_KEY) {
            r.unknown = true; /* its calls pass different locks: any of them */
            continue;
        }
        r.excl[n] = r.excl[i];
        r.keys[n++] = k;
    }
    r.n = n;
    return r;
}

typedef enum lock_verdict { V_RACE, V_PROTECTED, V_MAYBE } lock_verdict;

/* Location key `loc` names one fixed object of static storage (a global or static, a field of
   one), the same in every thread whatever the code computes: no element index, no pointer. */
static bool fixed_location(const char *loc)
{
    return (loc[0] == 'g' || loc[0] == 's') && loc[1] == ':' && !strchr(loc, '[') && !strchr(loc + 2, '*');
}

/* An element lock ("E:<array>[*]..."): the prefix its array's other keys start with
   ("<array>["), its length into *n. */
static const char *element_array(const char *key, size_t *n)
{
    if (strncmp(key, "E:", 2) != 0)
        return NULL;
    const char *b = strchr(key + 2, '[');
    *n = b ? (size_t)(b - (key + 2)) + 1 : 0;
    return b ? key + 2 : NULL;
}

/* Element lock `ekey` ("E:<array>[*]<path>", its array prefix n long) and lock `other`, each
   thread's own element of that array (`&workers[i]` passed to each spawn, `lock(&w->stats.lock)`)
   with the same path: for data of the element the index picks (loc in that array), the reader
   and the element's own thread hold the same lock whenever they touch the same element. */
static bool own_element_lock(const program *p, const char *ekey, size_t n, uint32_t other, const char *loc)
{
    if (!p->key_per_instance[other] || strncmp(loc, ekey + 2, n) != 0)
        return false;
    const char *rest = ekey + 2 + n; /* "*]<path>" */
    if (strncmp(rest, "*]", 2) != 0)
        return false;
    for (const char *o = p->key_objs[other]; o && *o; o += strlen(o) + 1)
        if (strncmp(o, ekey + 2, n) == 0 && strncmp(o + n, "?]", 2) == 0 && strcmp(o + n + 2, rest + 2) == 0)
            return true;
    return false;
}

/* The path of a key relative to the thread's argument ("a:.from*.balance", lock keys "a:3:.from*.lock"),
   or NULL. */
static const char *arg_path(const char *k)
{
    if (k[0] != 'a')
        return NULL;
    const char *c = strchr(k, ':');
    if (!c)
        return NULL;
    const char *d = c + 1;
    while (*d >= '0' && *d <= '9')
        d++;
    return *d == ':' && d > c + 1 ? d + 1 : c + 1;
}

/* Lock key `lk` is a lock in the object that access `ak` (both relative to the thread's argument)
   is in: the two paths share everything up to the access's last dereference, and the lock's goes
   on without another (`a:.from*.lock` for `a:.from*.balance`). Its path in that object, or NULL. */
static const char *lock_in_accessed_object(const char *lk, const char *ak)
{
    const char *lp = arg_path(lk), *ap = arg_path(ak);
    const char *star = ap ? strrchr(ap, '*') : NULL;
    if (!lp || !star || strncmp(lp, ap, (size_t)(star - ap) + 1) != 0)
        return NULL;
    const char *rest = lp + (star - ap) + 1;
    return *rest == '.' && !strpbrk(rest, "*[") ? rest : NULL;
}

/* Two instances of one thread function reach the same location through different pointer
   fields of their arguments (`from->balance` in one transfer, `to->balance` in the other): each
   holds the lock of the object it accesses (`from->lock`, `to->lock`), so both hold that
   object's lock. Any pair of arguments' accesses: the location is one, so is the object it is
   in when both paths end the same after their last dereference. */
static bool same_object_lock(const program *p, const pg_locks *x, const pg_locks *y, const char *xa, const char *ya)
{
    /* the same path in the two objects (the one location both reach), so the same object */
    const char *px = xa ? arg_path(xa) : NULL, *py = ya ? arg_path(ya) : NULL;
    px = px ? strrchr(px, '*') : NULL;
    py = py ? strrchr(py, '*') : NULL;
    if (!px || !py || strcmp(px, py) != 0)
        return false;
    for (uint32_t i = 0; i < x->n; i++) {
        const char *sx = lock_in_accessed_object(p->keys[x->keys[i]], xa);
        for (uint32_t j = 0; sx && j < y->n; j++) {
            const char *sy = lock_in_accessed_object(p->keys[y->keys[j]], ya);
            if (sy && strcmp(sx, sy) == 0 && (x->excl[i] || y->excl[j]))
                return true;
        }
    }
    return false;
}

/* The object lock key k ("a:<fn>:<path>", in a thread argument's object) names for the thread
   started by spawn ev (key_objs), or NULL. */
static const char *key_obj_of(const program *p, uint32_t k, const acc_event *ev)
{
    const char *o = p->key_objs[k];
    for (uint32_t i = 0; ev && o && *o; o += strlen(o) + 1, i++)
        if (p->key_obj_ev[k][i] == ev)
            return o;
    return NULL;
}

/* (parallel.h) A key in the argument's object is the lock of the object each
   spawn passes: `transfer(j->from, j->to)` under `lock(&j->to->lock)` holds bob's lock in the
   thread given {&alice, &bob} and alice's in the one given {&bob, &alice}. An access not tied to
   one spawn (a global's) may be in any instance: two locks when the spawns pass objects whose
   locks all differ. */
int pg_instances_lock(const program *p, uint32_t k, const pg_access *x, const pg_access *y)
{
    const char *objs = p->key_objs ? p->key_objs[k] : NULL;
    if (!objs || p->key_per_instance[k])
        return INST_SAME; /* (per-instance keys are the caller's) */
    if (x->spawn && y->spawn) {
        if (x->spawn == y->spawn)
            return INST_SAME;
        const char *ox = key_obj_of(p, k, x->spawn), *oy = key_obj_of(p, k, y->spawn);
        if (!ox || !oy || strcmp(ox, oy) == 0)
            return INST_SAME;
        return pg_named_object(ox) && pg_named_object(oy) ? INST_DIFFER : INST_DOUBT;
    }
    return p->key_objs_differ[k] ? INST_DIFFER : INST_SAME;
}

/* Does a lock held at both sides keep them apart? A lock held for writing (a mutex, an rwlock's
   write side) at either side does; the read side at both does not, and the caller asks only
   about pairs where one side writes. An element lock of an array of locks ("E:" keys: the index
   is not known) is one lock to both sides only where the data is reached by the index too
   (`lock(&b->mu); b->count++` in a bucket): a fixed object (`total`) under whichever element the
   index picks is under different locks. Against another key of the same array (one element by a
   constant), it may be the same: a doubt. `fixed`: fixed_location(loc). */
static lock_verdict locks_exclude(const program *p, const pg_locks *x, const pg_locks *y, bool self, const char *loc,
                                  bool fixed, const pg_access *acc_x, const pg_access *acc_y)
{
    bool doubt = false;
    if (same_object_lock(p, x, y, acc_x->a->loc, acc_y->a->loc))
        return V_PROTECTED;
    for (uint32_t i = 0; i < x->n; i++)
        for (uint32_t j = 0; j < y->n; j++) {
            const char *kx = p->keys[x->keys[i]], *ky = p->keys[y->keys[j]];
            if (kx[0] == 't' || ky[0] == 't')
                continue; /* an object of one call of a function: each thread its own */
            size_t nx, ny;
            const char *ax = element_array(kx, &nx), *ay = element_array(ky, &ny);
            if ((ax || ay) && x->keys[i] != y->keys[j]) {
                if (((ax && !ay && own_element_lock(p, kx, nx, y->keys[j], loc)) ||
                     (ay && !ax && own_element_lock(p, ky, ny, x->keys[i], loc))) &&
                    (x->excl[i] || y->excl[j]))
                    return V_PROTECTED;
                doubt |= (ax && !ay && strncmp(ky, ax, nx) == 0) || (ay && !ax && strncmp(kx, ay, ny) == 0);
                continue;
            }
            if (ax && fixed)
                continue;
            if (pg_keys_match(p, x->keys[i], y->keys[j]) && (x->excl[i] || y->excl[j]) &&
                !(self && x->keys[i] == y->keys[j] && p->key_per_instance[x->keys[i]])) {
                int inst = self && x->keys[i] == y->keys[j] ? pg_instances_lock(p, x->keys[i], acc_x, acc_y) : INST_SAME;
                if (inst == INST_SAME)
                    return V_PROTECTED; /* one side holds it for writing: the other waits */
                doubt |= inst == INST_DOUBT;
            }
        }
    if (doubt || (x->unknown && (y->n || y->unknown)) || (y->unknown && (x->n || x->unknown)))
        return V_MAYBE;
    return V_RACE;
}

typedef struct pg_locks_memo {
    uint32_t acc, t, k; /* acc: index in p->accs + 1, 0 for an empty slot */
    bool side;
    pg_locks locks;     /* in the view's A */
} pg_locks_memo;

static size_t memo_slot(const pg_lockview *v, uint32_t acc, uint32_t t, uint32_t k, bool side)
{
    uint64_t h = fl_mix64(((uint64_t)acc << 32 | t) ^ fl_mix64((uint64_t)k << 1 | side));
    size_t i = (size_t)h & (v->memo_cap - 1);
    while (v->memo[i].acc &&
           !(v->memo[i].acc == acc && v->memo[i].t == t && v->memo[i].k == k && v->memo[i].side == side))
        i = (i + 1) & (v->memo_cap - 1);
    return i;
}

/* A copy of l's sets in A. */
static pg_locks locks_in(fl_arena *A, const pg_locks *l)
{
    pg_locks c = *l;
    c.keys = fl_arena_memdup(A, l->keys, sizeof *l->keys * (l->n + 1));
    c.excl = fl_arena_memdup(A, l->excl, sizeof *l->excl * (l->n + 1));
    return c;
}

/* locks_at, once per access of p->accs, thread, entry and side: in v->A. */
static pg_locks locks_at_memo(pg_lockview *v, const pg_access *a, uint32_t t, uint32_t k, bool side)
{
    const program *p = v->p;
    if (a < p->accs || a >= p->accs + p->naccs) {
        pg_locks l = locks_at(v, a, t, k, side);
        return locks_in(v->A, &l);
    }
    if (2 * (v->nmemo + 1) > v->memo_cap) {
        pg_locks_memo *old = v->memo;
        size_t n = v->memo_cap;
        v->memo_cap = n ? 2 * n : 1024;
        v->memo = fl_xcalloc(v->memo_cap, sizeof *v->memo);
        for (size_t i = 0; i < n; i++)
            if (old[i].acc)
                v->memo[memo_slot(v, old[i].acc, old[i].t, old[i].k, old[i].side)] = old[i];
        free(old);
    }
    uint32_t acc = (uint32_t)(a - p->accs) + 1;
    size_t i = memo_slot(v, acc, t, k, side);
    if (!v->memo[i].acc) {
        pg_locks l = locks_at(v, a, t, k, side);
        v->memo[i] = (pg_locks_memo){acc, t, k, side, locks_in(v->A, &l)};
        v->nmemo++;
    }
    return v->memo[i].locks;
}

bool pg_overlap(pg_lockview *v, const pg_access *x, const pg_access *y)
{
    const program *p = v->p;
    fl_arena_clear(v->T);
    uint32_t nw = fl_bs_words(p->nentries ? p->nentries : 1);
    fl_word *w = FL_NEW_ARRAY(v->T, fl_word, 2 * nw);
    const fl_word *rx = runs_of(v, x, false, w), *ry = runs_of(v, y, false, w + nw);
    pg_pair pr;
    for (uint32_t k = 0; k < p->nentries; k++)
        if ((fl_bs_test(rx, k) && concurrent(p, v->scratch, k, x, y, rx, ry, false, &pr)) ||
            (fl_bs_test(ry, k) && concurrent(p, v->scratch, k, y, x, ry, rx, false, &pr)))
            return true;
    return false;
}

bool pg_race_of(pg_lockview *v, const pg_access *x, const pg_access *y, pg_race *out)
{
    const program *p = v->p;
    bool found = false;
    fl_arena_clear(v->T);
    bool fixed = fixed_location(x->loc);
    uint32_t nw = fl_bs_words(p->nentries ? p->nentries : 1);
    fl_word *w = FL_NEW_ARRAY(v->T, fl_word, 4 * nw);
    const fl_word *rxs = runs_of(v, x, true, w), *rys = runs_of(v, y, true, w + nw);
    const fl_word *rx = runs_of(v, x, false, w + 2 * nw), *ry = runs_of(v, y, false, w + 3 * nw);
    for (uint32_t k = 0; k < p->nentries; k++) {
        pg_pair pr;
        if (!fl_bs_test(rx, k) && !fl_bs_test(rxs, k))
            continue; /* x does not run in k */
        bool strong = concurrent(p, v->scratch, k, x, y, rxs, rys, true, &pr);
        if (!strong && !concurrent(p, v->scratch, k, x, y, rx, ry, false, &pr))
            continue;
        pg_doubt dw = pg_pair_syncs(p, &pr, x, y) ? PG_DOUBT_LOCKS : PG_SURE;
        /* each side with the locks its own thread's calls hold on the way there; code beside a
           thread, whichever thread runs it */
        uint32_t ty = pr.kind == PG_PAIR_SELF ? pr.k : pr.kind == PG_PAIR_OTHER ? pr.k2 : UINT32_MAX;
        pg_locks lx = locks_at_memo(v, x, pr.k, pr.k, false);
        pg_locks ly = locks_at_memo(v, y, ty, ty == UINT32_MAX ? pr.k : ty, ty == UINT32_MAX);
        lock_verdict lv = dw ? V_MAYBE : locks_exclude(p, &lx, &ly, pr.kind == PG_PAIR_SELF, x->loc, fixed, x, y);
        if (lv == V_PROTECTED)
            continue;
        if (lv == V_MAYBE)
            dw = PG_DOUBT_LOCKS;
        else if (!strong)
            dw = PG_DOUBT_WEAK;
        if (!found || dw == PG_SURE || (out->doubt == PG_DOUBT_WEAK && dw == PG_DOUBT_LOCKS)) {
            out->pr = pr;
            out->lx = lx;
            out->ly = ly;
            out->doubt = dw;
            found = true;
        }
        if (dw == PG_SURE)
            break;
    }
    return found;
}
