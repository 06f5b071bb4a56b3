/* lock_leak.c - lock-leak (FL0103): a function returns with a lock held that it holds on every
 * path to that return, while it releases it before another return: the classic
 * `lock(m); if (err) return -1; ...; unlock(m); return 0;`.
 *
 * Reads the per-function locksets of facts/locks.h at each edge into the exit block. Not a
 * leak:
 *  - a lock held at every return: the function is an acquire helper (its callers get it, see
 *    the summaries in locks.h), or annotated FL_ACQUIRE, or FL_REQUIRES/FL_RELEASE (held on
 *    entry);
 *  - a function that never releases the lock (it hands it over: to its caller, to a thread);
 *  - a return that hands the locked object to the caller (`return c;` or `*out = c`) while `c`
 *    is the pointer the lock is reached through (lookup-and-lock functions);
 *  - a conditional acquire helper: `lock; if (bad) { unlock; return -1; } return 0;`, told
 *    apart from the bug by the value returned with the lock held: reported when the function
 *    returns nothing, or an error-like value (negative, NULL, false), or the same value as a
 *    return that released the lock, or (a global lock) when its callers in the unit never
 *    release the lock nor pass the value on; otherwise silent (--verbose explains).
 */
#include <string.h>

#include "../diag/diag.h"
#include "../facts/locks.h"
#include "../ir/cond.h"
#include "registry.h"

#define CHECK_NAME "lock-leak"
#define CHECK_CODE "FL0103"

/* The value of pointer v leaves the function's locals: stored through a pointer or into a
   global, or (with `calls`) passed to a call that is not a lock operation. Parameters are only
   checked for stores: passing them on (`log_line(lg)`) is what functions do with them. */
static bool escapes(const lock_fn *lf, const ast_var *v, bool calls)
{
    const cfg *g = lf->g;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        for (uint32_t i = 0; i < b->nelems; i++) {
            const ast_node *n = b->elems[i].node;
            if (b->elems[i].kind != CFG_EXPR || !n)
                continue;
            if (n->kind == AST_BINARY && n->op == BIN_ASSIGN) {
                ast_node *r = ast_strip_casts(n->kids[1]);
                ast_node *l = ast_strip_parens(n->kids[0]);
                if (r && r->kind == AST_REF && r->var == v &&
                    !(l->kind == AST_REF && l->var && l->var->storage == STORAGE_LOCAL))
                    return true;
            } else if (calls && n->kind == AST_CALL) {
                bool lock_op = false;
                for (uint32_t s = 0; s < lf->nsites && !lock_op; s++)
                    lock_op = lf->sites[s].call == n;
                if (lock_op)
                    continue;
                for (uint16_t k = 1; k < n->nkids; k++) {
                    ast_node *a = ast_strip_casts(n->kids[k]);
                    if (a && a->kind == AST_REF && a->var == v)
                        return true;
                }
            }
        }
    }
    return false;
}

static const ast_node *ret_value(const cfg_block *b)
{
    return b->term && b->term->kind == AST_RETURN && b->term->nkids ? b->term->kids[0] : NULL;
}

static bool error_like(const ast_node *v)
{
    ast_node *x = ast_strip_parens((ast_node *)v);
    if (!x)
        return false;
    if (x->kind == AST_UNARY && x->op == UN_MINUS)
        return true;
    if (x->kind == AST_REF && x->name && strcmp(x->name, "false") == 0)
        return true;
    ast_node *y = ast_strip_casts(x);
    if ((x->ty & TY_POINTER) && y && y->kind == AST_LITERAL && y->name && strcmp(y->name, "0") == 0)
        return true; /* NULL */
    if (y && y->kind == AST_LITERAL && y->name && y->name[0] == '-')
        return true;
    if (x->kind == AST_COND && x->nkids == 3) /* `closed ? -EPIPE : -EAGAIN` */
        return error_like(x->kids[1]) && error_like(x->kids[2]);
    return false;
}

/* An error value, or a local the function defines once as one (`int rc = closed ? -EPIPE :
   -EAGAIN; return rc;`). *defs from cond_single_defs, made at the first need. */
static bool error_value(fl_arena *A, const lock_fn *lf, ast_node ***defs, const ast_node *v)
{
    if (error_like(v))
        return true;
    const ast_node *r = ast_strip_casts((ast_node *)v);
    if (!r || r->kind != AST_REF || !r->var || r->var->storage != STORAGE_LOCAL)
        return false;
    if (!*defs)
        *defs = cond_single_defs(A, lf->fn, lf->g);
    const ast_node *d = cond_def_of(lf->fn, *defs, (ast_node *)r);
    return d && error_like(d);
}

/* Same constant spelling (`return 0;` and `return 0;`). */
static bool same_constant(const ast_node *a, const ast_node *b)
{
    a = ast_strip_casts((ast_node *)a);
    b = ast_strip_casts((ast_node *)b);
    if (!a || !b || a->kind != b->kind)
        return false;
    if (a->kind == AST_LITERAL || (a->kind == AST_REF && (a->flags & AST_F_ENUM_REF)))
        return a->name && b->name && strcmp(a->name, b->name) == 0;
    if (a->kind == AST_UNARY && a->op == b->op && a->nkids == 1 && b->nkids == 1)
        return same_constant(a->kids[0], b->kids[0]);
    return false;
}

/* A returned value that unlocking first leaves unchanged, so that the unlock can go right before
   the return as a fix (diag/fixit.h): none, a constant, or a local variable or parameter. A
   value read from shared memory (`return s->count;`) would then be read without the lock. */
static bool value_after_unlock(const ast_node *v)
{
    const ast_node *x = ast_strip_casts((ast_node *)v);
    if (!v)
        return true;
    if (x && x->kind == AST_UNARY && x->op == UN_MINUS && x->nkids == 1)
        x = ast_strip_casts(x->kids[0]);
    if (!x)
        return false;
    if (x->kind == AST_LITERAL || (x->kind == AST_REF && (x->flags & AST_F_ENUM_REF)))
        return true;
    if (x->kind == AST_REF && x->name && strcmp(x->name, "false") == 0)
        return true;
    return x->kind == AST_REF && x->var && (x->var->storage == STORAGE_LOCAL || x->var->storage == STORAGE_PARAM) &&
           !(x->var->flags & AST_VAR_ADDRESS_TAKEN);
}

static const char *release_api(const char *api)
{
    if (!api)
        return "pthread_mutex_unlock";
    if (strncmp(api, "pthread_rwlock_", 15) == 0)
        return "pthread_rwlock_unlock";
    if (strncmp(api, "pthread_spin_", 13) == 0)
        return "pthread_spin_unlock";
    if (strncmp(api, "mtx_", 4) == 0)
        return "mtx_unlock";
    return "pthread_mutex_unlock";
}

/* `&s->mu` for {s, "*.mu"}, `m` for {m, "*"}. */
static const char *arg_text(fl_arena *A, place p)
{
    size_t n = strlen(p.path);
    if (n && p.path[n - 1] == '*')
        return place_str(A, (place){p.root, fl_arena_strndup(A, p.path, n - 1)});
    return fl_arena_sprintf(A, "&%s", place_str(A, p));
}

static void verbose_note(check_ctx *c, fl_span at, const char *msg, const char *name)
{
    if (!c->verbose)
        return;
    diag *n = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME, msg, name);
    diag_primary(n, at, NULL);
    diag_sink_add(c->sink, n);
}

/* Whether the callers in this unit show that fn is no conditional lock helper: it is called in
   the unit, and no function calling it gives back the global lock at p (for a lock through a
   parameter, any lock), or hands the call's value on to its own caller (`return f(x);`, `return
   !o->done && f(o);`; main has no caller). A helper's caller tests the value and unlocks where it
   was taken; a caller that never unlocks it, with no caller to pass the value to, is not using a
   helper. */
static bool callers_never_release(const check_ctx *c, const ast_func *fn, place p)
{
    const lock_unit *u = c->fx->locks;
    bool global = p.root && (p.root->storage == STORAGE_GLOBAL || p.root->storage == STORAGE_STATIC_LOCAL);
    if (!p.root || (!global && p.root->storage != STORAGE_PARAM) || !c->cfgs)
        return false;
    uint32_t n;
    const lock_call_ref *calls = locks_calls_of(u, fn->index, &n);
    for (uint32_t k = 0; k < n; k++) {
        const cfg *g = c->cfgs[calls[k].caller];
        if (!g || g->fn == fn)
            return false;
        /* a return whose value holds the call's (`return !o->done && f(o);`, the call in a
           block of its own before the return's) */
        for (uint32_t j = 0; !ast_func_is_main(g->fn) && j < g->blocks[g->exit].npreds; j++) {
            const ast_node *v = ret_value(&g->blocks[g->blocks[g->exit].preds[j]]);
            if (v && ast_contains(v, calls[k].call))
                return false;
        }
        const lock_fn *cf = locks_unit_fn(u, calls[k].caller);
        if (!global) {
            for (uint32_t l = 0; cf && l < cf->nlocks; l++)
                if (locks_fn_releases(cf, l))
                    return false;
            continue;
        }
        uint32_t l = cf ? locks_find(cf, p) : 0;
        if (cf && l < cf->nlocks && locks_fn_releases(cf, l))
            return false;
    }
    return n > 0;
}

/* Under one value of the split variable (merged: the function as a whole, NULL for that pass
   itself), report only what the whole did not: returns where the lock is held only on the paths
   of that value. */
static void check_fn(check_ctx *c, const lock_fn *lf, const lock_fn *merged, int k)
{
    const cfg *g = lf->g;
    const cfg_block *exit = &g->blocks[g->exit];
    if (!lf->df->reached[g->exit])
        return;
    const fl_word *at_exit = df_in(lf->df, g->exit);
    fl_word *st = fl_arena_alloc(c->arena, lf->nwords * sizeof *st);
    fl_word *st2 = fl_arena_alloc(c->arena, lf->nwords * sizeof *st2);
    fl_span end = lf->fn->body ? lf->fn->body->span : lf->fn->span;
    if (end.end > end.begin)
        end.begin = end.end - 1;
    ast_node **defs = NULL;
    for (uint32_t l = 0; l < lf->nlocks; l++) {
        const lock_info *li = &lf->locks[l];
        if (li->required || li->declared_acquire || li->soft || locks_must_held(at_exit, l) ||
            !fl_bs_test(at_exit, locks_bit_h(l)))
            continue;
        /* the function releases it somewhere (else it may be handing it over, not leaking it) */
        if (!locks_fn_releases(lf, l))
            continue;
        /* a return that released it */
        const cfg_block *clean = NULL;
        for (uint32_t k = 0; k < exit->npreds && !clean; k++) {
            const cfg_block *q = &g->blocks[exit->preds[k]];
            if (!lf->df->reached[q->id])
                continue;
            locks_state_out(lf, q->id, st2);
            /* not held by this function on any path there (the caller's part is the caller's),
               because this function released it: a return taken before the lock is ever
               touched (an early `return 1` of a test's setup) or after a failed lock released
               nothing, and a function whose every return after a successful lock holds it is
               not leaking it on one */
            uint32_t last[4];
            uint32_t nl = locks_last_sites(lf, st2, l, last, 4);
            bool released = false;
            for (uint32_t i = 0; i < nl && i < 4; i++)
                released |= lf->sites[last[i]].op == LOCK_RELEASE;
            if (!fl_bs_test(st2, locks_bit_h(l)) &&
                (fl_bs_test(st2, locks_bit_u(l)) || fl_bs_test(st2, locks_bit_e(l))) && released)
                clean = q;
        }
        if (!clean)
            continue;
        ast_var *root = li->where.root;
        for (uint32_t k = 0; k < exit->npreds; k++) {
            const cfg_block *p = &g->blocks[exit->preds[k]];
            if (!lf->df->reached[p->id])
                continue;
            locks_state_out(lf, p->id, st);
            if (!locks_must_held(st, l))
                continue;
            if (merged) {
                locks_state_out(merged, p->id, st2);
                if (locks_must_held(st2, l))
                    continue; /* reported by the pass over the whole function */
            }
            bool is_ret = p->term && p->term->kind == AST_RETURN;
            fl_span at = is_ret ? p->term->span : end;
            const ast_node *v = ret_value(p);
            if (v && ast_mentions_var(v, root)) {
                verbose_note(c, at, "not reporting: this return hands `%s`'s object to the caller with it locked",
                             li->name);
                continue;
            }
            if ((root->storage == STORAGE_LOCAL || root->storage == STORAGE_PARAM) && escapes(lf, root, root->storage == STORAGE_LOCAL)) {
                verbose_note(c, at, "not reporting: the object of `%s` is stored or passed elsewhere with it locked",
                             li->name);
                continue;
            }
            if (v && !error_value(c->arena, lf, &defs, v)) {
                /* the same value as every return that released the lock: no status to tell the caller */
                bool same = true;
                for (uint32_t j = 0; j < exit->npreds && same; j++) {
                    const cfg_block *q = &g->blocks[exit->preds[j]];
                    if (q == p || !lf->df->reached[q->id])
                        continue;
                    locks_state_out(lf, q->id, st2);
                    if (locks_must_held(st2, l))
                        continue;
                    same = ret_value(q) && same_constant(ret_value(q), v);
                }
                /* a thread's start that nothing calls returns to pthread_join, which unlocks nothing */
                if (!same && !locks_unit_thread_start(c->fx->locks, lf->fn->index) &&
                    !callers_never_release(c, lf->fn, li->where)) {
                    verbose_note(c, at,
                                 "not reporting: the value returned here may tell the caller that `%s` is held "
                                 "(a conditional lock helper)",
                                 li->name);
                    continue;
                }
            }
            uint32_t last[4];
            uint32_t nl = locks_last_sites(lf, st, l, last, 4);
            const char *fname = lf->fn->name;
            diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` returns with `%s` still locked", fname,
                               li->name);
            if (is_ret)
                diag_primary(d, at, "returns here with `%s` still locked", li->name);
            else
                diag_primary(d, at, "`%s` ends here with `%s` still locked", fname, li->name);
            const char *api = NULL;
            for (uint32_t i = 0; i < nl && i < 2; i++) {
                const lock_site *s = &lf->sites[last[i]];
                if (!api)
                    api = s->api;
                if (s->via_helper)
                    diag_secondary(d, s->call->span, "`%s` locked here by `%s`", li->name, s->api);
                else
                    diag_secondary(d, s->call->span, "`%s` locked here", li->name);
            }
            /* where the other return unlocks it */
            uint32_t rel[2];
            locks_state_out(lf, clean->id, st2);
            const lock_site *r = NULL;
            if (locks_last_sites(lf, st2, l, rel, 2) && lf->sites[rel[0]].op == LOCK_RELEASE)
                r = &lf->sites[rel[0]];
            if (r)
                diag_note_at(d, r->call->span, "`%s` is unlocked here, on the path to another return", li->name);
            if (merged) {
                const ast_node *cond = g->blocks[lf->split_test].cond;
                diag_note_at(d, cond->span, "on the paths where `%s` is %s, as on this one, `%s` is locked",
                             lf->split_var->name, locks_split_value(lf, k), li->name);
            }
            diag_note(d, "every later attempt to lock `%s`, in this thread or another, waits forever", li->name);
            const char *rel_api = r && !r->via_helper ? r->api : release_api(api);
            if (r && r->via_helper)
                diag_help(d, "release the lock before returning: call `%s` here too, or jump to the cleanup code that "
                             "does",
                          r->api);
            else if (li->imprecise)
                diag_help(d, "unlock it with `%s` before returning, or jump to the cleanup code that does", rel_api);
            else if (merged)
                diag_help(d, "unlock it before returning when `%s` is %s, as the other return does: `%s(%s);`, or jump "
                             "to the cleanup code that does",
                          lf->split_var->name, locks_split_value(lf, k), rel_api, arg_text(c->arena, li->where));
            else if (is_ret && !merged && value_after_unlock(v)) { /* under one value: `if (v) unlock`, a judgment */
                const char *call = fl_arena_sprintf(c->arena, "%s(%s);", rel_api, arg_text(c->arena, li->where));
                diag_help_insert_stmt(d, at, call, "unlock before returning: `%s`, or jump to the cleanup code that does",
                                      call);
            } else
                diag_help(d, "unlock before returning: `%s(%s);`, or jump to the cleanup code that does", rel_api,
                          arg_text(c->arena, li->where));
            diag_sink_add(c->sink, d);
        }
    }
}

typedef struct no_release {
    const lock_fn *lf;
    uint32_t l;
} no_release;

static bool releases_not(const void *ctx, uint32_t b)
{
    const no_release *nr = ctx;
    return !locks_block_releases(nr->lf, b, nr->l, UINT32_MAX);
}

/* Every definition of local v that reaches the end of block ab gives an error-like value (`rc
   = -EINVAL;` in ab, or `int rc = -1;` at the top with no assignment on the way): backwards over
   the CFG from ab, each path stopping at its last write of v; one reaching the entry without a
   write, or a write of another value (a step, `rc += 2`), says no. Every subexpression is an
   element of its own, the conditions' too, so a write inside one (`if ((rc = f()) < 0)`) is
   met on the way. O(blocks + elements). */
static bool reaching_error(fl_arena *A, const lock_fn *lf, uint32_t ab, const ast_var *v)
{
    const cfg *g = lf->g;
    uint8_t *seen = fl_arena_zalloc(A, g->nblocks + 1);
    uint32_t *stack = fl_arena_alloc(A, (g->nblocks + 1) * sizeof *stack);
    uint32_t sp = 0;
    stack[sp++] = ab;
    seen[ab] = 1;
    while (sp) {
        const cfg_block *b = &g->blocks[stack[--sp]];
        bool found = false;
        for (uint32_t e = b->nelems; e-- > 0 && !found;) {
            ast_node *val;
            if (cond_local_write(lf->fn, &b->elems[e], &val) == v) {
                if (!val || !error_like(val))
                    return false;
                found = true;
            }
        }
        if (found)
            continue;
        if (b->id == g->entry || !b->npreds)
            return false;
        for (uint32_t k = 0; k < b->npreds; k++)
            if (!seen[b->preds[k]]) {
                seen[b->preds[k]] = 1;
                stack[sp++] = b->preds[k];
            }
    }
    return true;
}

/* The goto ending block ab jumps to a return of a local (`out: return rc;`), directly or through
   cleanup code that runs straight on to it (`out_free: free(copy); out: return rc;`) and does
   not set it, and every value of it reaching the goto is error-like (`rc = -EINVAL; goto out;`,
   or `int rc = -1;` never set since): a failure, which no caller takes as "you hold the lock
   now". */
static bool gives_error(fl_arena *A, const lock_fn *lf, const cfg_block *ab)
{
    const cfg *g = lf->g;
    uint32_t chain[16], n = 0;
    for (uint32_t t = ab->succs[0]; n < 16; t = g->blocks[t].succs[0]) {
        chain[n++] = t;
        const cfg_block *b = &g->blocks[t];
        if (b->term && b->term->kind == AST_RETURN)
            break;
        if (b->nsuccs != 1 || (b->term && b->term->kind != AST_GOTO) || b->cond)
            return false;
    }
    const cfg_block *to = &g->blocks[chain[n - 1]];
    const ast_node *v = ast_strip_casts((ast_node *)ret_value(to));
    if (!v || v->kind != AST_REF || !v->var || v->var->storage != STORAGE_LOCAL ||
        (v->var->flags & AST_VAR_ADDRESS_TAKEN))
        return false;
    for (uint32_t i = 0; i < n; i++) {
        const cfg_block *b = &g->blocks[chain[i]];
        ast_node *val;
        for (uint32_t e = 0; e < b->nelems; e++)
            if (cond_local_write(lf->fn, &b->elems[e], &val) == v->var)
                return false; /* the cleanup or the return block sets it itself */
    }
    return reaching_error(A, lf, ab->id, v->var);
}

/* `for (...) { lock(&m); if (full) break; ...; unlock(&m); }` with nothing after the loop that
   unlocks: the `break` leaves with `m` held, and the function returns through the same return as
   the paths that gave it back, so no value can tell the caller. Only where every return gives the
   same constant or nothing, the function releases the lock itself somewhere, the lock is not
   reached through a pointer (but through a parameter it never writes: locks_param_fixed), and no path
   from the jump to the exit releases it. */
static void check_jump_out_held(check_ctx *c, const lock_fn *lf, bool *reported)
{
    const cfg *g = lf->g;
    if (!lf->df->reached[g->exit])
        return;
    const fl_word *at_exit = df_in(lf->df, g->exit);
    const cfg_block *exit = &g->blocks[g->exit];
    /* every return the same: nothing, or one constant */
    const ast_node *v0 = NULL;
    bool same = true;
    for (uint32_t k = 0; k < exit->npreds && same; k++) {
        const ast_node *v = ret_value(&g->blocks[exit->preds[k]]);
        if (v && (v0 ? !same_constant(v0, v) : (v0 = v, !same_constant(v, v))))
            same = false;
    }
    uint32_t n = g->nblocks;
    uint8_t *bad = fl_arena_alloc(c->arena, n + 1);
    uint32_t *stack = fl_arena_alloc(c->arena, (n + 1) * sizeof *stack);
    fl_word *st = fl_arena_alloc(c->arena, (lf->nwords + 1) * sizeof *st);
    for (uint32_t l = 0; l < lf->nlocks; l++) {
        const lock_info *li = &lf->locks[l];
        if (li->required || li->declared_acquire || li->soft || li->imprecise ||
            locks_must_held(at_exit, l) || !fl_bs_test(at_exit, locks_bit_h(l)) || !fl_bs_test(at_exit, locks_bit_u(l)))
            continue;
        if (!locks_fn_releases(lf, l))
            continue;
        /* not reached through a pointer: a loop may move it (`ipt = &ipts[i]`, one lock each);
           one the function never moves is one lock (`jq->lock`, jq a parameter it never writes,
           and no other dereference on the way) */
        const char *path = li->where.path;
        bool through_ptr = strchr(path, '*') && !(path[0] == '*' && !strpbrk(path + 1, "*[") &&
                                                  locks_param_fixed(lf, li->where.root));
        /* blocks from which the exit is reached with no release of l on the way */
        memset(bad, 0, n + 1);
        no_release nr = {lf, l};
        cfg_mark_reach(g, g->exit, true, UINT32_MAX, bad, 1, stack, releases_not, &nr);
        /* a jump (break, goto) out of a loop, held on every path, into that release-free part;
           or a goto outside loops to a return that gives an error found on its way (`rc =
           -EINVAL; goto out;` past the `out_unlock:` label) */
        for (uint32_t a = 0; a < n; a++) {
            const cfg_block *ab = &g->blocks[a];
            if (!lf->df->reached[a] || !ab->term || ab->nsuccs != 1 || !bad[ab->succs[0]] ||
                (ab->term->kind != AST_BREAK && ab->term->kind != AST_GOTO))
                continue;
            bool leaves_loop = ab->loop && g->blocks[ab->succs[0]].loop != ab->loop;
            if (leaves_loop ? !same || through_ptr
                            : ab->loop || ab->term->kind != AST_GOTO || !(same || gives_error(c->arena, lf, ab)))
                continue;
            locks_state_out(lf, a, st);
            uint32_t last[2];
            uint32_t nl = locks_last_sites(lf, st, l, last, 2);
            if (!locks_must_held(st, l) || !nl)
                continue;
            const char *what = leaves_loop ? "leaves the loop" : "jumps";
            diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` returns with `%s` still locked when it %s here",
                               lf->fn->name, li->name, what);
            diag_primary(d, ab->term->span, "%s with `%s` locked; nothing after it unlocks it", what, li->name);
            diag_secondary(d, lf->sites[last[0]].call->span, "`%s` locked here", li->name);
            diag_note(d, "the other %s give `%s` back, and every later attempt to lock it waits forever after this one",
                      leaves_loop ? "ways out of the loop" : "paths to the return", li->name);
            diag_help(d, "unlock `%s` before %s: `%s(%s);`%s", li->name, leaves_loop ? "leaving the loop" : "jumping",
                      release_api(lf->sites[last[0]].api), arg_text(c->arena, li->where),
                      leaves_loop ? "" : ", or jump to the label that does");
            diag_sink_add(c->sink, d);
            reported[l] = true;
            break;
        }
    }
}

static bool pushes_cleanup(const cfg *g);

/* Where a thread's start ends, for a report: the return that ends block p, when p (a block
   before the exit, or NULL) ends in one, else the function's closing brace. */
static fl_span thread_end(const lock_fn *lf, const cfg_block *p)
{
    if (p && p->term && p->term->kind == AST_RETURN)
        return p->term->span;
    fl_span at = lf->fn->body->span;
    if (at.end > at.begin)
        at.begin = at.end - 1;
    return at;
}

/* A thread's start that returns with a lock held on the paths of one value of a condition that
   nothing else tests (locks_decider): `lock(&m); ...; if (done) unlock(&m); return 0;`. Only
   where no return holds it on every path (check_fn's leak). */
static void thread_exit_decided(check_ctx *c, const lock_fn *lf, uint32_t l, const fl_word *at_exit, uint32_t *budget)
{
    const cfg *g = lf->g;
    const cfg_block *exit = &g->blocks[g->exit];
    const lock_info *li = &lf->locks[l];
    fl_word *st = fl_arena_alloc(c->arena, (lf->nwords + 1) * sizeof *st);
    for (uint32_t k = 0; k < exit->npreds; k++) {
        if (!lf->df->reached[exit->preds[k]])
            continue;
        locks_state_out(lf, exit->preds[k], st);
        if (locks_must_held(st, l))
            return;
    }
    lock_decider d;
    if (!locks_decider(c->arena, lf, at_exit, l, g->exit, 0, budget, &d))
        return;
    const lock_site *x = &lf->sites[d.site];
    bool release = x->op == LOCK_RELEASE;
    const ast_node *cond = g->blocks[d.branch].cond;
    const char *held_when = (d.arm == 0) != release ? "true" : "false";
    fl_span at = thread_end(lf, exit->npreds == 1 ? &g->blocks[exit->preds[0]] : NULL);
    diag *dg = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "thread `%s` ends with `%s` still locked when this "
                        "condition is %s", lf->fn->name, li->name, held_when);
    diag_primary(dg, at, "the thread ends here with `%s` still locked when the condition is %s", li->name,
                 held_when);
    if (release) {
        diag_secondary(dg, cond->span, "when this is %s, `%s` is not unlocked", held_when, li->name);
        diag_secondary(dg, x->call->span, "`%s` is unlocked only when the condition is %s", li->name,
                       d.arm == 0 ? "true" : "false");
    } else {
        diag_secondary(dg, cond->span, "when this is %s ...", held_when);
        diag_secondary(dg, x->call->span, "... `%s` is locked here, and nothing after it unlocks it", li->name);
    }
    diag_note(dg, "nothing else in `%s` tests what this condition tests, so both of its values reach the end",
              lf->fn->name);
    diag_note(dg, "a lock its thread still holds when it ends is never released: every later attempt to lock "
                  "`%s` waits forever",
              li->name);
    diag_help(dg, "unlock `%s` on every path before the thread returns", li->name);
    diag_sink_add(c->sink, dg);
}

/* A thread's start that returns, on every path, with a lock it took: nobody will give it back. */
static void check_thread_exit(check_ctx *c, const lock_unit *u, const lock_fn *lf, const bool *reported)
{
    const cfg *g = lf->g;
    if (!locks_unit_thread_start(u, lf->fn->index) || locks_unit_has_nonplain_mutex(u) || !lf->df->reached[g->exit])
        return;
    const fl_word *at_exit = df_in(lf->df, g->exit);
    uint32_t budget = LOCKS_DECIDER_BUDGET;
    for (uint32_t l = 0; l < lf->nlocks; l++) {
        const lock_info *li = &lf->locks[l];
        if (li->required || li->declared_acquire || li->soft || li->imprecise || !fl_bs_test(at_exit, locks_bit_h(l)))
            continue;
        uint32_t last[2];
        uint32_t nl = locks_last_sites(lf, at_exit, l, last, 2);
        if (!nl || locks_handed_over_by(u, lf, li))
            continue;
        if (!locks_must_held(at_exit, l)) {
            /* not a jump out of a loop (reported there), nor with a cleanup handler pushed (it
               usually unlocks, and glibc's pthread_cleanup_push is itself a branch) */
            if (!reported[l] && !pushes_cleanup(lf->g))
                thread_exit_decided(c, lf, l, at_exit, &budget);
            continue;
        }
        const cfg_block *exit = &g->blocks[g->exit];
        fl_span at = thread_end(lf, exit->npreds ? &g->blocks[exit->preds[0]] : NULL);
        const lock_site *s = &lf->sites[last[0]];
        diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "thread `%s` ends with `%s` still locked",
                           lf->fn->name, li->name);
        diag_primary(d, at, "the thread ends here with `%s` still locked", li->name);
        diag_secondary(d, s->call->span, "`%s` locked here", li->name);
        diag_note(d, "a lock its thread still holds when it ends is never released: every later attempt to lock "
                     "`%s` waits forever",
                  li->name);
        diag_help(d, "unlock it before the thread returns: `%s(%s);`", release_api(s->api), arg_text(c->arena, li->where));
        diag_sink_add(c->sink, d);
    }
}

/* Does the function push a cleanup handler (`pthread_cleanup_push`: glibc's macro registers
   it with __pthread_register_cancel, others call a function of that name)? pthread_exit runs
   it, and it usually unlocks. */
static bool pushes_cleanup(const cfg *g)
{
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind == CFG_EXPR && n && n->kind == AST_CALL && n->name &&
                (strcmp(n->name, "__pthread_register_cancel") == 0 || strstr(n->name, "cleanup_push")))
                return true;
        }
    return false;
}

/* Each call of one of `names` in a block the function reaches, with a cursor on the lock state
   right before it. */
typedef void (*call_visit)(check_ctx *c, const lock_unit *u, const lock_fn *lf, const ast_node *n,
                           const locks_cursor *lc);

static void each_call_of(check_ctx *c, const lock_unit *u, const lock_fn *lf, const char *const *names, size_t nnames,
                         call_visit visit)
{
    const cfg *g = lf->g;
    fl_word *st = fl_arena_alloc(c->arena, (lf->nwords + 1) * sizeof *st);
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        if (!lf->df->reached[bi])
            continue;
        const cfg_block *b = &g->blocks[bi];
        locks_cursor lc = {0};
        bool started = false;
        for (uint32_t i = 0; i < b->nelems; i++) {
            const ast_node *n = b->elems[i].node;
            if (b->elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL || !n->name)
                continue;
            bool named = false;
            for (size_t k = 0; k < nnames && !named; k++)
                named = strcmp(n->name, names[k]) == 0;
            if (!named)
                continue;
            if (!started) {
                locks_cursor_start(&lc, lf, bi, st);
                started = true;
            }
            locks_cursor_to(&lc, i);
            visit(c, u, lf, n, &lc);
        }
    }
}

/* `pthread_exit()` (or `thrd_exit()`) with a lock held on every path there that the function
   gives back on its other ways out, or in a thread's start: the thread ends holding it, as a
   return would (and no return is there to see). Not when a cleanup handler is pushed. */
static void exit_at(check_ctx *c, const lock_unit *u, const lock_fn *lf, const ast_node *n, const locks_cursor *lc)
{
    bool start = locks_unit_thread_start(u, lf->fn->index);
    for (uint32_t l = 0; l < lf->nlocks; l++) {
        const lock_info *li = &lf->locks[l];
        if (li->required || li->declared_acquire || li->soft || li->imprecise || !locks_must_held(lc->st, l) ||
            (!start && !locks_fn_releases(lf, l)) || locks_handed_over_by(u, lf, li))
            continue;
        uint32_t last[2];
        if (!locks_cursor_last_sites(lc, l, last, 2))
            continue;
        const lock_site *s = &lf->sites[last[0]];
        diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` ends its thread with `%s` still locked",
                           lf->fn->name, li->name);
        diag_primary(d, n->span, "the thread ends here with `%s` still locked", li->name);
        diag_secondary(d, s->call->span, "`%s` locked here", li->name);
        diag_note(d, "`%s` does not return: a lock its thread still holds is never released, and every later "
                     "attempt to lock `%s` waits forever",
                  n->name, li->name);
        diag_help(d, "unlock it before ending the thread: `%s(%s);`", release_api(s->api),
                  arg_text(c->arena, li->where));
        diag_sink_add(c->sink, d);
    }
}

static void check_exit_calls(check_ctx *c, const lock_unit *u, const lock_fn *lf)
{
    static const char *const names[] = {"pthread_exit", "thrd_exit"};
    if (!locks_unit_has_nonplain_mutex(u) && !pushes_cleanup(lf->g))
        each_call_of(c, u, lf, names, sizeof names / sizeof names[0], exit_at);
}

/* A branch tests the status of one of these lock sites: the program may count on the lock
   failing (glibc's tests lock a mutex expecting EINVAL, then destroy it). */
static bool status_tested(const lock_fn *lf, const uint32_t *sites, uint32_t n)
{
    const cfg *g = lf->g;
    for (uint32_t b = 0; b < g->nblocks; b++) {
        for (uint32_t t = lf->test_first[b]; t < lf->test_first[b + 1]; t++)
            for (uint32_t k = 0; k < n; k++)
                if (lf->tests[t].site == sites[k])
                    return true;
        /* compared with anything (`pthread_mutex_lock(&m) != EINVAL`) */
        for (uint32_t i = 0; i < g->blocks[b].nelems; i++) {
            const ast_node *e = g->blocks[b].elems[i].node;
            if (g->blocks[b].elems[i].kind != CFG_EXPR || !e || e->kind != AST_BINARY ||
                (e->op != BIN_EQ && e->op != BIN_NE) || e->nkids != 2)
                continue;
            for (uint32_t k = 0; k < n; k++)
                if (ast_strip_casts(e->kids[0]) == lf->sites[sites[k]].call ||
                    ast_strip_casts(e->kids[1]) == lf->sites[sites[k]].call)
                    return true;
        }
    }
    return false;
}

/* pthread_mutex_destroy and the like on a lock this function holds on every path: destroying a
   locked mutex is undefined, and whoever waits for it waits forever. */
static void destroy_at(check_ctx *c, const lock_unit *u, const lock_fn *lf, const ast_node *n, const locks_cursor *lc)
{
    (void)u;
    if (n->nkids != 2)
        return;
    uint32_t l = locks_find(lf, locks_place_of_arg(c->arena, lf->g, n->kids[1]));
    if (l >= lf->nlocks || lf->locks[l].imprecise || lf->locks[l].soft)
        return;
    uint32_t last[4];
    uint32_t nl = locks_cursor_last_sites(lc, l, last, 4);
    if (!locks_must_held(lc->st, l) || !nl || nl > 4 || status_tested(lf, last, nl))
        return;
    const char *name = lf->locks[l].name;
    diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` is destroyed while `%s` still holds it", name,
                       lf->fn->name);
    diag_primary(d, n->span, "`%s` destroyed here, locked", name);
    if (lf->sites[last[0]].call != n)
        diag_secondary(d, lf->sites[last[0]].call->span, "`%s` locked here", name);
    diag_note(d, "destroying a locked mutex is undefined behaviour: a thread waiting for it, or locking it "
                 "later, may wait forever");
    diag_help(d, "unlock `%s` before destroying it", name);
    diag_sink_add(c->sink, d);
}

static void check_destroys(check_ctx *c, const lock_unit *u, const lock_fn *lf)
{
    static const char *const names[] = {"pthread_mutex_destroy", "pthread_rwlock_destroy", "pthread_spin_destroy",
                                        "mtx_destroy"};
    /* an error-checking mutex's destroy returns EBUSY, which tests check on purpose */
    if (!locks_unit_has_nonplain_mutex(u) && !locks_unit_has_recursive(u))
        each_call_of(c, u, lf, names, sizeof names / sizeof names[0], destroy_at);
}

void check_lock_leak(check_ctx *ctx)
{
    const lock_unit *u = ctx->fx->locks;
    if (!ctx->fn || !u)
        return;
    const lock_fn *lf = locks_unit_fn(u, ctx->fn->index);
    if (!lf)
        return;
    check_fn(ctx, lf, NULL, -1);
    bool *jumped = fl_arena_zalloc(ctx->arena, (lf->nlocks + 1) * sizeof(bool));
    check_jump_out_held(ctx, lf, jumped);
    check_thread_exit(ctx, u, lf, jumped);
    check_exit_calls(ctx, u, lf);
    check_destroys(ctx, u, lf);
    for (int k = 0; k < 2 && lf->split_var; k++)
        check_fn(ctx, lf->split_view[k], lf, k);
}
