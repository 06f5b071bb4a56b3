/* data_race.c - data-race (FL0201): two threads may access the same location at once, at least
 * one writing, with no lock in common.
 *
 * Runs once per program (check_ctx.prog), on facts/program.h: the program's accesses grouped by
 * location (globals and statics, fields of the object a thread gets as its argument matched with
 * the object each spawn passes), and the locks held at each access (the function's own, plus
 * those every caller holds). Whether two accesses may run at once, and how, is facts/parallel.h's
 * answer; this file decides what to report and says why.
 *
 * A pair of accesses races when one writes, they may run at once through strong calls, and no
 * lock is held at both (for a write, its write side). Locations written only by code that runs
 * once, and pairs with a side that runs while no other thread exists, are not races. A lock
 * fearless cannot name, barriers and semaphores, and pairs concurrent only through weak calls
 * (a guess among function pointers, a dispatch over many implementations, the way out of a failed
 * assertion) are "maybes", explained under --verbose only. One report per location: the first
 * pair found, primary on the write.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/bitset.h"
#include "../base/strbuf.h"
#include "../base/xalloc.h"
#include "../diag/diag.h"
#include "../facts/parallel.h"
#include "../facts/program.h"
#include "pair_names.h"
#include "registry.h"

#define CHECK_NAME "data-race"
#define CHECK_CODE "FL0201"

typedef struct dr {
    check_ctx *ctx;
    const program *p;
    fl_arena *A;
    pg_lockview v;          /* the locks at each side, as each thread runs it */
    fl_word *scratch;       /* v.scratch */
} dr;

static const char *fname(const dr *d, uint32_t id)
{
    return pg_func(d->p, id)->name;
}

/* A lock as the reader knows it in entry t (UINT32_MAX: none): one the thread's function reaches
   through its argument (`q->mu`, keyed on its first parameter) by the object its one spawn
   passes when that names a variable (`&a`: `a.mu`), else as written. */
static const char *lock_name(dr *d, uint32_t t, uint32_t key)
{
    const program *p = d->p;
    const char *k = p->keys[key], *name = p->key_names[key];
    if (t >= p->nentries || p->threads[t].multiple || !p->threads[t].spawn || !p->threads[t].spawn->arg ||
        strncmp(k, "a:", 2) != 0)
        return name;
    char *end;
    unsigned long fn = strtoul(k + 2, &end, 10);
    if (*end != ':' || fn != p->threads[t].fn || (end[1] != '.' && end[1] != '['))
        return name;
    const ast_node *arg = ast_strip_casts((ast_node *)p->threads[t].spawn->arg);
    if (!arg || arg->kind != AST_UNARY || arg->op != UN_ADDR_OF || arg->nkids != 1)
        return name;
    arg = ast_strip_parens(arg->kids[0]);
    if (!arg || arg->kind != AST_REF || !arg->var || !arg->var->name)
        return name;
    return fl_arena_concat(d->A, arg->var->name, end + 1);
}

/* The file-scope array named by the first of a key's objects ("g:locks[?]", "s:<file>:locks@<off>[?]"),
   or NULL. */
static const char *global_array_of(dr *d, const char *objs)
{
    if (!objs || (objs[0] != 'g' && objs[0] != 's') || objs[1] != ':')
        return NULL;
    const char *b = strstr(objs, "[?]");
    const char *n = objs + 2;
    if (objs[0] == 's') {
        const char *at = strchr(n, '@');
        if (!at || at > b)
            return NULL;
        for (const char *c = n; c < at; c++)
            if (*c == ':')
                n = c + 1;
        b = at;
    }
    return b && b > n ? fl_arena_strndup(d->A, n, (size_t)(b - n)) : NULL;
}

/* Two threads running one entry k hold "the same" lock of their argument, but each spawn
   passes its own element of an array (program.key_per_instance): say that it is not one
   lock, naming it through the spawn's argument (`&args[i]` and `.mu`: `args[i].mu`). */
static void note_own_locks(dr *d, diag *g, uint32_t k, const pg_access *ax, const pg_access *ay, const pg_locks *x,
                           const pg_locks *y)
{
    const program *p = d->p;
    for (uint32_t i = 0; i < x->n; i++)
        for (uint32_t j = 0; j < y->n; j++) {
            uint32_t key = x->keys[i];
            if (key != y->keys[j] || (!p->key_per_instance[key] && pg_instances_lock(p, key, ax, ay) != INST_DIFFER))
                continue;
            const char *name = p->key_names[key], *arr = NULL, *elem = NULL;
            const char *path = strchr(p->keys[key] + 2, ':');
            const ast_node *a = p->threads[k].spawn ? ast_strip_casts((ast_node *)p->threads[k].spawn->arg) : NULL;
            if (a && a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids == 1) {
                const ast_node *e = ast_strip_parens(a->kids[0]);
                const ast_node *b = e && e->kind == AST_INDEX && e->nkids == 2 ? ast_strip_parens(e->kids[0]) : NULL;
                const ast_node *ix = b ? ast_strip_casts(e->kids[1]) : NULL;
                if (b && b->kind == AST_REF && b->var && ix && ix->kind == AST_REF && ix->var) {
                    arr = b->var->name;
                    elem = fl_arena_sprintf(d->A, "%s[%s]%s", arr, ix->var->name, path ? path + 1 : "");
                }
            }
            const char *via = path && strchr(path, '*') ? global_array_of(d, p->key_objs[key]) : NULL;
            if (elem && via)
                diag_note(g, "`%s` is a different lock in each of these threads: each spawn passes its own "
                             "element of `%s`, which points to its own element of `%s`", name, arr, via);
            else if (elem)
                diag_note(g, "`%s` is a different lock in each of these threads: each spawn passes its own "
                             "element of `%s`, whose lock is `%s`", name, arr, elem);
            else
                diag_note(g, "`%s` is a different lock in each of these threads: each spawn passes its own object",
                          name);
            return;
        }
}

/* Access z takes locks under a test of its thread's argument (`int locked = o->sync; if (locked)
   lock(&m);`, an "i:" flag): say which, and that some spawn gives the other value. */
static void note_arg_flag_locks(dr *d, diag *g, const pg_access *z, const char *ent)
{
    const char *key = z->a->if_cond.key;
    if (!key || !acc_key_is_instance(key) || !z->if_locks.n)
        return;
    const char *path = key + 2;
    const char *what = strcmp(path, "=") == 0 ? "its argument"
                       : strcmp(path, "*") == 0 ? "what its argument points to"
                       : path[0] == '*' && path[1] == '.' ? fl_arena_sprintf(d->A, "field `%s` of its argument", path + 2)
                                                          : NULL;
    if (!what)
        return;
    const char *val = z->a->if_cond.nonzero ? "non-zero" : "zero";
    diag_note(g, "`%s` takes `%s` there only when %s is %s, and a spawn gives it %s", ent,
              d->p->key_names[z->if_locks.keys[0]], what, val, z->a->if_cond.nonzero ? "zero" : "a non-zero value");
}

/* A lock in a local of some function, passed to the helper that takes it ("t:" keys,
   facts/access.h): each call of that function has its own, so it keeps no two threads apart. */
static void note_frame_locks(dr *d, diag *g, const pg_locks *x, const pg_locks *y)
{
    const program *p = d->p;
    for (int side = 0; side < 2; side++) {
        const pg_locks *s = side ? y : x;
        for (uint32_t i = 0; i < s->n; i++) {
            const char *k = p->keys[s->keys[i]];
            const char *at = k[0] == 't' ? strchr(k, '@') : NULL;
            const char *obj = at ? strchr(at, ':') : NULL;
            const char *fn = at ? at : NULL;
            while (fn && fn > k && fn[-1] != ':')
                fn--;
            if (!obj || !fn)
                continue;
            const char *fname = fl_arena_strndup(d->A, fn, (size_t)(at - fn));
            if (strcmp(p->key_names[s->keys[i]], obj + 1) == 0)
                diag_note(g, "`%s` is a local of `%s`: each call of `%s` has its own, so it keeps no two threads apart",
                          obj + 1, fname, fname);
            else
                diag_note(g, "`%s` is `%s`, a local of `%s`: each call of `%s` has its own, so it keeps no two threads "
                             "apart",
                          p->key_names[s->keys[i]], obj + 1, fname, fname);
            return;
        }
    }
}

/* Both sides hold an element of one array of locks by an index not known ("E:" keys), and the
   location is one object whatever the index: say why that lock does not count. */
static void note_element_locks(dr *d, diag *g, const pg_locks *x, const pg_locks *y, const char *what)
{
    const program *p = d->p;
    for (uint32_t i = 0; i < x->n; i++)
        for (uint32_t j = 0; j < y->n; j++)
            if (x->keys[i] == y->keys[j] && strncmp(p->keys[x->keys[i]], "E:", 2) == 0) {
                diag_note(g, "`%s` is an element of an array of locks picked by an index: two threads may hold "
                             "different elements, while `%s` is one object whichever element is held",
                          p->key_names[x->keys[i]], what);
                return;
            }
}

/* "holds `a`, `b`" as entry `in` names them (UINT32_MAX: as written). */
static const char *locks_text(dr *d, const pg_locks *s, uint32_t in)
{
    if (!s->n)
        return s->unknown ? "holds only locks fearless cannot name" : "holds no lock";
    const char *t = "holds";
    for (uint32_t i = 0; i < s->n; i++)
        t = fl_arena_sprintf(d->A, "%s%s `%s`%s", t, i ? "," : "", lock_name(d, in, s->keys[i]),
                             s->excl[i] ? "" : " (read side)");
    return t;
}

/* An access of some element (a "[?]" key) that meets every element's: a walk of the whole array
   (`data[i]` by a loop counter), not a thread's access of the element it was given (`&args[i]`),
   even of all of it (`copy = *a;`). */
static bool meets_all(const pg_access *z)
{
    return z->a->whole && !(z->spawn && z->spawn->obj && acc_key_some_element(z->spawn->obj));
}

/* x, the spawner's, is of the element spawn y's thread was given (acc_access.spawn_elem): the
   same element, not each thread's own. */
static bool spawned_element(const pg_access *x, const pg_access *y)
{
    return x->a->spawn_elem && !x->spawn && y->spawn && y->spawn->call == x->a->spawn_elem;
}

/* ---- reporting ------------------------------------------------------------------------------- */

/* An access that reaches a local through the global pointer holding its address (`*g_ctx`
   after `g_ctx = &ctx;`): any thread may make it. */
static bool via_global(const pg_access *x)
{
    return x->a->loc != x->loc && (x->a->loc[0] == 'g' || x->a->loc[0] == 's');
}

static void note_reach(dr *d, diag *g, uint32_t k, uint32_t to);

/* A spawn of entry k in a function that an entry m starting it reaches (by strong calls); with
   `twice`, only for an m that runs twice at once. False when no entry starts k so. */
static bool started_by(const program *p, uint32_t k, bool twice, uint32_t *m_out, const acc_event **ev_out,
                       uint32_t *f_out)
{
    uint32_t ne = p->nentries;
    for (uint32_t u = 0; u < p->nunits; u++)
        for (uint32_t e = 0; e < p->units[u].acc->nevents; e++) {
            const acc_event *ev = &p->units[u].acc->events[e];
            if (ev->starter || !fl_bs_test(p->ev_entries[u][e], k))
                continue;
            uint32_t f = pg_id(p, u, ev->fn);
            for (uint32_t m = 0; m < ne; m++)
                if (m != k && p->starts_strong[(size_t)m * ne + k] && !p->starts_strong[(size_t)k * ne + m] &&
                    fl_bs_test(p->threads[m].reach_strong, f) && (!twice || p->threads[m].overlaps_itself_strong)) {
                    *m_out = m;
                    *ev_out = ev;
                    *f_out = f;
                    return true;
                }
        }
    return false;
}

/* Where a thread started by another thread is started, and how that thread gets there. Nothing
   for a thread only the spawning side starts. */
static void note_started_in(dr *d, diag *g, uint32_t k)
{
    uint32_t m, f;
    const acc_event *ev;
    if (!started_by(d->p, k, false, &m, &ev, &f))
        return;
    diag_note_at(g, ev->call->span, "thread `%s` is started here, by thread `%s`", fname(d, d->p->threads[k].fn),
                 fname(d, d->p->threads[m].fn));
    note_reach(d, g, m, f);
}

/* A thread more than one instance of which runs because it is started by a thread that runs
   twice at once: that thread's spawn, and how it gets to the spawn of this one. */
static void note_starter_twice(dr *d, diag *g, uint32_t k)
{
    const program *p = d->p;
    uint32_t m, f;
    const acc_event *ev;
    if (!started_by(p, k, true, &m, &ev, &f) || !p->threads[m].spawn)
        return;
    diag_note_at(g, p->threads[m].spawn->call->span,
                 "more than one thread running `%s` may be started here, and each starts threads running `%s`",
                 fname(d, p->threads[m].fn), fname(d, p->threads[k].fn));
    note_reach(d, g, m, f);
}

/* Why y runs while entry k may be running, as notes a reader can follow: the event of y's own
   function that started k (a spawn, or a call that returns with it running), or the call of the
   spawning side through which y's function is reached while k runs. For a thread started by a
   thread, the same for the thread that starts it, and where that one starts k. */
static void note_why_beside(dr *d, diag *g, uint32_t k, const pg_access *y, bool strong)
{
    const program *p = d->p;
    const ast_node *const *par_call = strong ? p->par_call_strong : p->par_call;
    const uint32_t *par_from = strong ? p->par_from_strong : p->par_from;
    uint32_t ne = p->nentries;
    if (y->a->run) {
        const pg_fn *f = &p->fns[y->fn];
        const acc_unit *a = p->units[f->unit].acc;
        for (uint32_t e = 0; e < a->nevents; e++) {
            const acc_event *ev = &a->events[e];
            if (ev->fn != f->index || !fl_bs_test(y->a->run, run_bit_r(ev->bit)))
                continue;
            uint32_t via = pg_nested_via(p, p->ev_entries[f->unit][e], k, strong);
            if (via == UINT32_MAX)
                continue;
            const char *ent = fname(d, p->threads[via].fn);
            if (ev->starter)
                diag_note_at(g, ev->call->span, "`%s` starts thread `%s` here and returns while it may still run",
                             ev->target ? ev->target->name : "this call", ent);
            else
                diag_note_at(g, ev->call->span, "thread `%s` is started here, and may still run at the conflicting access",
                             ent);
            if (via != k)
                note_started_in(d, g, k);
            return;
        }
    }
    uint32_t via = pg_nested_via(p, strong ? p->par_strong[y->fn] : p->par[y->fn], k, strong);
    if (via == UINT32_MAX)
        return;
    const char *ent = fname(d, p->threads[via].fn);
    /* up the callers to the call made while the thread runs */
    uint32_t f = y->fn, hops = 0;
    const char *chain = NULL;
    while (!par_call[(size_t)f * ne + via] && hops++ < p->nfns) {
        uint32_t from = par_from[(size_t)f * ne + via];
        chain = chain ? fl_arena_sprintf(d->A, "`%s`, %s", fname(d, from), chain)
                      : fl_arena_sprintf(d->A, "`%s`", fname(d, from));
        f = from;
    }
    const ast_node *call = par_call[(size_t)f * ne + via];
    if (!call)
        return;
    uint32_t caller = par_from[(size_t)f * ne + via];
    if (f == y->fn)
        diag_note_at(g, call->span, "`%s` calls `%s` here while thread `%s` may be running", fname(d, caller),
                     fname(d, f), ent);
    else
        diag_note_at(g, call->span, "`%s` calls `%s` here while thread `%s` may be running; `%s` is reached from it through %s",
                     fname(d, caller), fname(d, f), ent, fname(d, y->fn), chain);
    if (via != k)
        note_started_in(d, g, k);
}

/* When thread k reaches function `to` through a call through a function pointer, a note at that
   call: the reader cannot follow it by name. */
static void note_pointer_path(dr *d, diag *g, uint32_t k, uint32_t to)
{
    uint32_t caller, entered;
    const ast_node *call = pg_pointer_call_to(d->p, k, to, &caller, &entered);
    if (!call)
        return;
    if (entered == to)
        diag_note_at(g, call->kids[0]->span, "`%s` calls `%s` here, through a function pointer", fname(d, caller),
                     fname(d, to));
    else
        diag_note_at(g, call->kids[0]->span, "`%s` calls `%s` here, through a function pointer, which leads to `%s`",
                     fname(d, caller), fname(d, entered), fname(d, to));
}

/* How thread k's root reaches function `to`, when that is not the root itself: a note naming
   the functions on a shortest path of strong calls (at most 8 of them), so that a reader can
   follow it. */
static void note_reach(dr *d, diag *g, uint32_t k, uint32_t to)
{
    const program *p = d->p;
    uint32_t root = p->threads[k].fn, n = p->nfns;
    if (to == root || !fl_bs_test(p->threads[k].reach_strong, to))
        return;
    uint32_t *prev = fl_xmalloc((n + 1) * sizeof *prev), *queue = fl_xmalloc((n + 1) * sizeof *queue);
    for (uint32_t i = 0; i < n; i++)
        prev[i] = UINT32_MAX;
    uint32_t qh = 0, qt = 0;
    prev[root] = root;
    queue[qt++] = root;
    /* a thread whose flags decide some of its calls: the calls they leave it, as it found them */
    const uint32_t *via = p->threads[k].via_strong;
    if (via)
        memcpy(prev, via, n * sizeof *prev);
    while (!via && qh < qt && prev[to] == UINT32_MAX) {
        uint32_t f = queue[qh++];
        for (uint32_t i = 0; i < p->ncallees[f]; i++) {
            uint32_t c = p->callees[f][i];
            if (!p->callee_weak[f][i] && prev[c] == UINT32_MAX && fl_bs_test(p->threads[k].reach_strong, c)) {
                prev[c] = f;
                queue[qt++] = c;
            }
        }
    }
    if (prev[to] != UINT32_MAX) {
        /* the path backwards, root excluded, then named from the root: the first 8 hops */
        uint32_t total = 0;
        for (uint32_t f = prev[to]; f != root && total < n; f = prev[f])
            queue[total++] = f; /* the queue is done with: reused for the path, nearest `to` first */
        if (!total) {
            diag_note(g, "thread `%s` calls `%s`", fname(d, root), fname(d, to));
        } else {
            fl_strbuf via = {0};
            uint32_t shown = total < 8 ? total : 8;
            for (uint32_t i = 0; i < shown; i++)
                fl_sb_printf(&via, "%s`%s`", i ? ", " : "", fname(d, queue[total - 1 - i]));
            if (total > shown)
                fl_sb_printf(&via, " and %u more", total - shown);
            diag_note(g, "thread `%s` reaches `%s` through %s", fname(d, root), fname(d, to), fl_sb_str(&via));
            fl_sb_free(&via);
        }
    }
    free(prev);
    free(queue);
}

/* The pointer an access through it is written with: `p` for `*p` and `p->n`. */
static const char *pointer_name(dr *d, const char *written)
{
    const char *s = written[0] == '*' ? written + 1 : written;
    size_t n = strcspn(s, "-.[");
    return fl_arena_strndup(d->A, s, n);
}

static void report(dr *d, const pg_access *x, const pg_access *y, const pg_pair *pr,
                   const pg_locks *lx, const pg_locks *ly)
{
    uint32_t k = pr->k, k2 = pr->k2;
    pg_pair_kind pk = pr->kind;
    const program *p = d->p;
    const char *ent = fname(d, p->threads[k].fn);
    const char *xt, *yt;
    pair_names(p, d->A, d->scratch, pr, y, &xt, &yt);
    const char *name = x->spawn && !y->spawn ? y->a->name : x->a->name;
    /* what a pointer points to, by its own name (`count` for `*p`), and an object by what is
       freed or written as a whole of it (`*p` rather than the field a thread uses) */
    if (x->a->pointee || y->a->pointee)
        name = x->a->pointee ? x->a->pointee : y->a->pointee;
    if ((x->a->whole || y->a->whole) && !x->a->pointee && !y->a->pointee)
        name = x->a->frees || (x->a->whole && !y->a->frees) ? x->a->name : y->a->name;
    bool frees = x->a->frees || y->a->frees;
    /* the primary is the write; of two writes, the one holding fewer locks (the culprit) */
    bool x_primary = x->a->write && (!y->a->write || lx->n + lx->unknown <= ly->n + ly->unknown);
    if (!x->a->write && !y->a->write)
        x_primary = true;
    if (x->a->frees != y->a->frees)
        x_primary = x->a->frees; /* freeing what another thread uses is the culprit */
    if (x->a->atomic != y->a->atomic)
        x_primary = y->a->atomic; /* a plain write beside atomic updates is */
    const pg_access *pa = x_primary ? x : y, *sa = x_primary ? y : x;
    const pg_locks *lp = x_primary ? lx : ly;
    const char *pt = x_primary ? xt : yt, *st = x_primary ? yt : xt;
    if (pk == PG_PAIR_SELF) {
        /* two instances of one thread: which is "another" does not depend on the order */
        pt = xt;
        st = yt;
    }
    bool locked = lp->n || lp->unknown;
    diag *g = frees ? diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "data race on `%s`: freed while another thread may use it",
                               name)
                    : diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "data race on `%s`", name);
    if (pa->a->node == sa->a->node)
        diag_primary(g, pa->a->node->span, "`%s` is %s here by %s and by %s%s", pa->a->name,
                     pa->a->frees ? "freed" : pa->a->write ? "written" : "read", pt, st, locked ? "" : ", without a lock");
    else {
        diag_primary(g, pa->a->node->span, "`%s` is %s here by %s%s", pa->a->name,
                     pa->a->frees ? "freed" : pa->a->write ? "written" : "read", pt, locked ? "" : " without a lock");
        diag_secondary(g, sa->a->node->span, sa->a->frees ? "freed in %s" : "conflicting %s in %s",
                       sa->a->frees ? st : sa->a->atomic ? "atomic write" : sa->a->write ? "write" : "read", st);
    }
    for (int side = 0; side < 2; side++) {
        const pg_access *z = side ? sa : pa;
        if (z->a->pointee && !z->a->pointee_def && (side == 0 || !pa->a->pointee || strcmp(z->a->name, pa->a->name)))
            diag_note(g, "`%s` is `%s`: `%s` holds its address from its initializer on, and is never assigned",
                      z->a->name, z->a->pointee, pointer_name(d, z->a->name));
        if (!z->a->pointee_def || (side == 1 && z->a->pointee_def == pa->a->pointee_def))
            continue;
        if (z->a->pointee_def->kind == AST_CALL) /* a helper's access through its parameter */
            diag_secondary(g, z->a->pointee_def->span,
                           strcmp(z->a->name, z->a->pointee) ? "`%s` is `%s` at this call" : "`%s` is reached through this call",
                           z->a->name, z->a->pointee);
        else if (z->spawn && z->a->arg && z->a->loc[2] == '.') { /* a pointer field of the thread's object */
            uint32_t zt = z == x || pk != PG_PAIR_OTHER ? k : k2;
            diag_secondary(g, z->a->pointee_def->span, "field `%.*s` of the object passed to `%s` points to `%.*s` from here",
                           (int)strcspn(z->a->loc + 3, "*"), z->a->loc + 3, fname(d, p->threads[zt].fn),
                           (int)(z->a->pointee_len ? z->a->pointee_len : strlen(z->a->pointee)), z->a->pointee);
        }
        else /* the object itself, without the path the access follows into it */
            diag_secondary(g, z->a->pointee_def->span,
                           z->a->pointee_def->kind == AST_RETURN ? "`%s` returns the address of `%.*s` here"
                                                                  : "`%s` points to `%.*s` from here",
                           pointer_name(d, z->a->name),
                           (int)(z->a->pointee_len ? z->a->pointee_len : strlen(z->a->pointee)), z->a->pointee);
    }
    if (x->spawn && x->spawn->arg)
        diag_secondary(g, x->spawn->arg->span, "the object passed as arg to `%s`", ent);
    if (x->spawn && x->spawn->via && x->spawn->via->name)
        diag_secondary(g, x->spawn->via->span, "`%s` starts `%s` on the object passed here", x->spawn->via->name, ent);
    if (pk == PG_PAIR_SELF && p->threads[k].spawn)
        diag_secondary(g, p->threads[k].spawn->call->kids[0]->span,
                       "more than one thread running `%s` may be started here", ent);
    if (x->spawn) {
        /* the path inside the object the spawn passes (`.count`, or nothing for the whole object) */
        const char *in = x->a->arg ? x->a->loc + 2 : x->loc + strlen(x->spawn->obj);
        const char *rest = strrchr(in, '.'), *star = strchr(in, '*');
        if (star && in[0] == '.' && !strchr(in, '['))
            diag_note(g, "`%s` is reached through field `%.*s` of the object passed as arg to `%s`", x->a->name,
                      (int)(star - in - 1), in + 1, ent);
        else if (rest && !strchr(rest, '['))
            diag_note(g, "`%s` is field `%s` of the object passed as arg to `%s`", x->a->name, rest + 1, ent);
        else if (!rest && x->a->name[0] && x->a->name[strlen(x->a->name) - 1] == ']')
            diag_note(g, "`%s` is an element of the array passed as arg to `%s`", x->a->name, ent);
        else
            diag_note(g, "`%s` is the object passed as arg to `%s`", x->a->name, ent);
    }
    if (pk == PG_PAIR_SELF && x == y)
        diag_note(g, "each thread running `%s` %s there", ent, locks_text(d, lx, UINT32_MAX));
    if (pk == PG_PAIR_SELF)
        note_own_locks(d, g, k, x, y, lx, ly);
    note_arg_flag_locks(d, g, x, ent);
    if (y != x && y->a->if_cond.key != x->a->if_cond.key)
        note_arg_flag_locks(d, g, y, ent);
    note_element_locks(d, g, lx, ly, x->a->name);
    if (!(pk == PG_PAIR_SELF && x == y)) {
        /* the entry each side runs in, to name the locks through its argument */
        uint32_t ty = pk == PG_PAIR_OTHER ? k2 : pk == PG_PAIR_SELF ? k : UINT32_MAX;
        diag_note(g, "%s %s there; %s %s there", pt, locks_text(d, lp, x_primary ? k : ty), st,
                  locks_text(d, x_primary ? ly : lx, x_primary ? ty : k));
    }
    note_frame_locks(d, g, lx, ly);
    for (int side = 0; side < 2; side++) {
        const pg_access *z = side ? y : x;
        const pg_locks *lz = side ? ly : lx;
        const pg_fn *f = &p->fns[z->fn];
        const ast_node *t = p->units[f->unit].acc->fns[f->index].unchecked_try;
        if (t && !lz->n && (side == 0 || y->fn != x->fn) && t->span.begin < z->a->node->span.begin)
            diag_note_at(g, t->span, "`%s` may fail here, and its status is not checked: nothing after it holds the lock",
                         t->name ? t->name : "the trylock");
    }
    if (!x->spawn)
        note_reach(d, g, k, x->fn);
    if (pk == PG_PAIR_SELF && !y->spawn && y->fn != x->fn)
        note_reach(d, g, k, y->fn);
    if (pk == PG_PAIR_OTHER && !y->spawn)
        note_reach(d, g, k2, y->fn);
    if (!x->spawn)
        note_pointer_path(d, g, k, x->fn);
    if (pk == PG_PAIR_OTHER && !y->spawn)
        note_pointer_path(d, g, k2, y->fn);
    if (pk == PG_PAIR_SIDE)
        note_why_beside(d, g, k, y, true);
    if (pk == PG_PAIR_SELF)
        note_starter_twice(d, g, k);
    if (pk == PG_PAIR_OTHER) {
        note_started_in(d, g, k);
        note_started_in(d, g, k2);
    }
    /* two names of one memory location */
    bool bits = strstr(pa->loc, ".{bits}") != NULL, in_union = strstr(pa->loc, ".{union}") != NULL;
    if ((bits || in_union) && strcmp(pa->a->name, sa->a->name) != 0)
        diag_note(g, bits ? "`%s` and `%s` are bit-fields of one struct: a write of either reads and rewrites the "
                            "memory both are stored in"
                          : "`%s` and `%s` are members of one union: they are the same memory",
                  pa->a->name, sa->a->name);
    if (frees)
        diag_help(g, "free it only after every thread that uses it is joined or done with it");
    else if (bits)
        diag_help(g, "protect both accesses with the same mutex, or make them separate (non-bit-field) members");
    else if (sa->a->atomic)
        diag_help(g, "write it atomically too (`__atomic_store_n`, `atomic_store`), as the other thread does");
    else if (x->a->whole || y->a->whole)
        diag_help(g, "protect both accesses with the same mutex"); /* memset cannot write an _Atomic object */
    else
        diag_help(g, "protect both accesses with the same mutex, or make `%s` _Atomic", name);
    diag_sink_add(d->ctx->sink, g);
}

typedef enum doubt { D_NONE, D_LOCKS, D_GUESS, D_DIES, D_DISPATCH } doubt;

/* What a pair that is concurrent only through weak calls rests on. */
static doubt weak_reason(const dr *d, const pg_access *x, const pg_access *y, const pg_pair *pr)
{
    switch (pg_pair_weakness(d->p, x, y, pr)) {
    case PG_WEAK_DIES: return D_DIES;
    case PG_WEAK_DISPATCH: return D_DISPATCH;
    default: return D_GUESS;
    }
}

/* The first of the program's accesses (sorted by location) at location `key` or after it. */
static uint32_t first_access_at(const program *p, const char *key)
{
    uint32_t lo = 0, hi = p->naccs;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (strcmp(p->accs[mid].loc, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The object a global pointer points to ("g:buf*..."), accessed at p->accs[i..j): one object
   only while the pointer keeps its value. A write of the pointer that may run at once with one
   of those accesses may make two of them name two objects: the location is left alone (a race
   on the pointer itself is the pointer's own location). A write ordered against each access (in
   code that runs once, while no other thread exists, or after the threads are joined) comes
   before both or after both of any two that run at once. Beyond 64 accesses, every write not
   in such code counts. */
static const pg_access *pointer_changes(dr *d, const char *loc, uint32_t i, uint32_t j)
{
    const char *star = strchr(loc, '*');
    if (!star)
        return NULL;
    const program *p = d->p;
    const char *base = fl_arena_strndup(d->A, loc, (size_t)(star - loc));
    for (uint32_t a = first_access_at(p, base); a < p->naccs && strcmp(p->accs[a].loc, base) == 0; a++) {
        const pg_access *w = &p->accs[a];
        if (!w->a->write || (w->region & (ACC_ONCE | ACC_SINGLE)))
            continue;
        if (j - i > 64)
            return w;
        for (uint32_t b = i; b < j; b++)
            if (pg_overlap(&d->v, w, &p->accs[b]))
                return w;
    }
    return NULL;
}

/* Access x runs once per program, before whatever the once construct lets pass: in a once block
   or what only such code calls, with no thread of its function's own running there (a function
   called once that starts threads itself is not ordered before them). */
static bool once_ordered(const pg_access *x)
{
    return (x->region & ACC_ONCE) && ((x->a->region & ACC_ONCE) || !x->a->run);
}

/* A flag key as the program names it for access z: "a:" keys through z's spawn's object; none
   for keys through a helper's other parameters. */
static const char *flag_key(dr *d, const pg_access *z, const char *key)
{
    const char *rest;
    int param = acc_key_param(key, &rest);
    if (param < 0)
        return key;
    return param == 0 && z->spawn && z->spawn->obj ? fl_arena_concat(d->A, z->spawn->obj, rest) : NULL;
}

/* Every write of location `key` in the program sets it to a non-zero constant outside loops
   (a handshake flag is set once, never reset); *once: every one of them is a set made once
   (acc_access.flag_once), so that threads that all run the code that sets it set it once
   between them. */
static bool set_only(const dr *d, const char *key, bool *once)
{
    const program *p = d->p;
    bool any = false;
    *once = true;
    for (uint32_t a = first_access_at(p, key); a < p->naccs && strcmp(p->accs[a].loc, key) == 0; a++)
        /* (set up before any thread; the object's free ends the flag, it does not reset it) */
        if (p->accs[a].a->write && !p->accs[a].a->frees && !(p->accs[a].region & ACC_SINGLE)) {
            if (!p->accs[a].a->flag_set)
                return false;
            *once &= p->accs[a].a->flag_once;
            any = true;
        }
    return any;
}

/* s runs before a flag it sets on every path to its function's return, w after that flag was
   seen set, and the flag is set once only: s happens before w. The thread running s must be one
   (two instances would each signal, and the wait ends at the first), unless every set of the
   flag is made once (set_only). */
static bool signal_then_wait(dr *d, const pg_access *s, const pg_access *w, bool s_single)
{
    /* the flags s sets after it; and s itself when it sets one (`atomic_store(&c->stop, 1)`
       against the free after `while (!atomic_load(&c->stop))`) */
    for (uint32_t i = 0; i < s->a->signals.n + (s->a->flag_set ? 1 : 0); i++) {
        const char *fs = i < s->a->signals.n ? flag_key(d, s, s->a->signals.k[i]) : s->loc;
        for (uint32_t j = 0; fs && j < w->a->waited.n; j++) {
            /* a counter's wait ("#key") ends once every thread counted: many may signal it */
            const char *kw = w->a->waited.k[j];
            bool counter = kw[0] == '#';
            const char *fw = flag_key(d, w, counter ? kw + 1 : kw);
            bool once;
            if (fw && strcmp(fs, fw) == 0 && set_only(d, fs, &once) && (s_single || counter || once))
                return true;
        }
    }
    return false;
}

/* The pair is ordered by a condition-variable handshake, one way or the other. */
static bool handshake_orders(dr *d, const pg_access *x, const pg_access *y, const pg_pair *pr)
{
    const program *p = d->p;
    const pg_thread *tx = &p->threads[pr->k];
    /* two instances of one thread: only a flag set once between them orders them */
    bool x_single = pr->kind != PG_PAIR_SELF && !tx->multiple && !tx->overlaps_itself;
    bool y_single = pr->kind == PG_PAIR_SIDE ||
                    (pr->kind == PG_PAIR_OTHER && !p->threads[pr->k2].multiple && !p->threads[pr->k2].overlaps_itself);
    return signal_then_wait(d, x, y, x_single) || signal_then_wait(d, y, x, y_single);
}

/* The unit whose facts hold event ev. */
static uint32_t unit_of_event(const program *p, const acc_event *ev)
{
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        if (a->nevents && ev >= a->events && ev < a->events + a->nevents)
            return u;
    }
    return UINT32_MAX;
}

/* x runs in thread k's start function after it took lock L on every path, y in the function
   that spawns k, after the spawn, with L held since before the spawn: k's lock of L waits
   for y's side to release it, so y comes first (one spawn of k). Either role may be the pair's
   first access. */
static bool creator_lock_first(dr *d, const pg_access *x, uint32_t k, const pg_access *y)
{
    const program *p = d->p;
    if (!x->a->acquired || !y->a->nheld)
        return false;
    const pg_thread *t = &p->threads[k];
    if (t->multiple || !t->spawn || x->fn != t->fn)
        return false;
    uint32_t u = unit_of_event(p, t->spawn);
    if (u == UINT32_MAX || y->fn != pg_id(p, u, t->spawn->fn))
        return false;
    for (uint32_t h = 0; h < y->a->nheld; h++) {
        if (y->a->held[h].spawn != t->spawn->bit)
            continue;
        for (uint32_t a = 0; a < x->a->nlock_keys; a++) {
            if (!fl_bs_test(x->a->acquired, a) || !x->a->lock_keys[a])
                continue;
            const char *k = flag_key(d, x, x->a->lock_keys[a]);
            if (k && strcmp(k, y->a->held[h].lock) == 0)
                return true;
        }
    }
    return false;
}

static bool creator_lock_orders(dr *d, const pg_access *x, const pg_access *y, const pg_pair *pr)
{
    if (pr->kind == PG_PAIR_SELF)
        return false;
    return creator_lock_first(d, x, pr->k, y) || (pr->kind == PG_PAIR_OTHER && creator_lock_first(d, y, pr->k2, x));
}

/* x is a thread's access to the object its spawn moved to it with fl_move, and y an access of
   the spawning function itself. */
static bool moved_to(const program *p, const pg_access *x, const pg_access *y)
{
    if (!x->spawn || y->spawn || !x->spawn->arg)
        return false;
    const ast_node *a = ast_strip_casts((ast_node *)x->spawn->arg);
    return a && a->kind == AST_CALL && a->name && strcmp(a->name, "fl_move") == 0 &&
           y->fn == pg_id(p, x->spawn_unit, x->spawn->fn);
}

static void check_location(dr *d, uint32_t i, uint32_t j)
{
    const program *p = d->p;
    const pg_access *moved = pointer_changes(d, p->accs[i].loc, i, j);
    if (moved) {
        if (d->ctx->verbose) {
            diag *g = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                               "not reporting `%s`: the pointer it is reached through changes while threads run, so "
                               "two accesses may name two objects",
                               p->accs[i].a->name);
            diag_primary(g, p->accs[i].a->node->span, NULL);
            diag_secondary(g, moved->a->node->span, "`%s` changes here", moved->a->name);
            diag_sink_add(d->ctx->sink, g);
        }
        return;
    }
    const pg_access *maybe = NULL, *gx = NULL, *gy = NULL, *self_x = NULL, *self_y = NULL;
    pg_race self_r;
    pg_pair gpr = {0};
    doubt why = D_NONE;
    /* written only by code that runs once (an ovsthread_once block, what only it calls): the
       once construct orders the writes before every pass that finds it done */
    const pg_access *w = NULL;
    bool once_only = true, single_only = true, any_single = false;
    for (uint32_t a = i; a < j; a++)
        if (p->accs[a].a->write) {
            w = w ? w : &p->accs[a];
            once_only &= once_ordered(&p->accs[a]) || (p->accs[a].region & ACC_SINGLE);
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
                               : (w->a->region & ACC_ONCE)
                                   ? "not reporting `%s`: every write to it is in code that runs once per program "
                                     "(after a once construct said \"first\"), which orders it before the other "
                                     "accesses"
                                   : "not reporting `%s`: every write to it is in code that runs once per program, "
                                     "before the threads it starts (called only from `main` before its threads, or "
                                     "from such code)",
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
            /* atomic writes race with no atomic access, nor with a plain read (a counter read for
               a progress line); a plain write beside them loses their updates */
            if ((!x->a->write && !y->a->write) || (x->a->atomic && (y->a->atomic || !y->a->write)) ||
                (y->a->atomic && !x->a->write))
                continue;
            /* some element each (`data[id]`): most often each thread's own; only an access of
               the whole array meets them all */
            if (!meets_all(x) && !meets_all(y) && strstr(x->loc, "[?]") && !spawned_element(x, y) &&
                !spawned_element(y, x))
                continue;
            /* code that runs while no other thread exists races with nothing; nor does code that
               runs once per program, which the once construct orders before every pass that
               finds it done (as for a location only such code writes, above) */
            if (((x->region | y->region) & ACC_SINGLE) || once_ordered(x) || once_ordered(y))
                continue;
            /* an object of a spawning function's activation (its local, or what its local pointer
               gives a spawn): two threads running that function have one each; it is shared only
               with the threads spawned with it */
            if (!x->spawn && !y->spawn && (x->loc[0] == 'v' || x->loc[0] == 'p') && !via_global(x) && !via_global(y))
                continue;
            /* `pthread_create(..., fl_move(job))`: the spawning function's later uses of the
               object are use-after-move's findings */
            if (moved_to(p, x, y) || moved_to(p, y, x))
                continue;
            pg_race r;
            if (!pg_race_of(&d->v, x, y, &r))
                continue;
            const char *order = creator_lock_orders(d, x, y, &r.pr)
                                    ? "the thread first takes a lock its creator holds from before the spawn until "
                                      "after the other access"
                                : handshake_orders(d, x, y, &r.pr)
                                    ? "a handshake orders it (one side sets a flag after it, the other saw that "
                                      "flag set before it: waiting on a condition variable, by an atomic load, "
                                      "under a lock, or setting it itself once under a lock)"
                                    : NULL;
            if (order) {
                if (d->ctx->verbose) {
                    diag *g = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME, "not reporting this pair on `%s`: %s",
                                       x->a->name, order);
                    diag_primary(g, x->a->node->span, NULL);
                    diag_secondary(g, y->a->node->span, "the other access");
                    diag_sink_add(d->ctx->sink, g);
                }
                continue;
            }
            if (r.doubt == PG_SURE && r.pr.kind != PG_PAIR_SELF) {
                report(d, x, y, &r.pr, &r.lx, &r.ly);
                return;
            }
            if (r.doubt == PG_SURE) { /* two instances of one thread: shown only if no other pair is */
                if (!self_x) {
                    self_x = x, self_y = y;
                    self_r = r;
                }
                continue;
            }
            doubt dw = r.doubt == PG_DOUBT_LOCKS ? D_LOCKS : D_GUESS;
            if (!maybe || (why == D_GUESS && dw == D_LOCKS)) {
                maybe = x->a->write ? x : y;
                why = dw;
                gx = x, gy = y, gpr = r.pr;
            }
        }
    }
    if (self_x) {
        report(d, self_x, self_y, &self_r.pr, &self_r.lx, &self_r.ly);
        return;
    }
    if (maybe && d->ctx->verbose) {
        if (why == D_GUESS)
            why = weak_reason(d, gx, gy, &gpr);
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
                                 "through a struct field reaches one of the several functions stored in that field (which "
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
    pg_lockview_init(&d.v, p, d.A);
    d.scratch = d.v.scratch;
    for (uint32_t i = 0; i < p->naccs;) {
        uint32_t j = i;
        while (j < p->naccs && strcmp(p->accs[j].loc, p->accs[i].loc) == 0)
            j++;
        uint32_t lock_id;
        /* a C library function's state is mt-unsafe-call's; a lock's own word (a hand-made
           spinlock read while spinning, stored 0 to release) is how threads synchronize */
        if (strncmp(p->accs[i].loc, "c:", 2) != 0 &&
            !(fl_strmap_get(&p->key_ids, p->accs[i].loc, &lock_id) && p->key_lock[lock_id]))
            check_location(&d, i, j);
        i = j;
    }
    pg_lockview_free(&d.v);
}
