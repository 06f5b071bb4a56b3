/* use_after_move.c - use-after-move (E0382): a pointer used after its value was moved away
 * (into a MOVE/SENDS parameter, into a thread with fl_move, or to free).
 *
 * Which calls move which arguments is facts/moves.h's business (moves_call_arg); this check
 * follows the pointer variables of one function along every path:
 *
 *  1. Aliases (may, union), only when the function copies one tracked pointer into another
 *     (`q = p`, `T *q = (T *)p`): for the variables linked by such copies, a matrix of "may hold
 *     the same pointer". A move of p then moves every q that may alias it.
 *
 *  2. Moved values (may, union): one bit per (move site, variable of the moved variable's alias
 *     group), set by the move, cleared when the variable is assigned, declared again or dies;
 *     plus one bit per variable, "may still hold a value that was not moved", which tells a use
 *     moved on every path from one moved on some paths only. An edge callback un-moves the old
 *     pointer on the branch where realloc failed (`if (!tmp)`), and the thread argument on the
 *     branch where the spawn failed (`if (pthread_create(..., fl_move(job)) != 0)`): on those
 *     branches ownership never left.
 *
 * Then every reached block is replayed once, and each read of a variable whose moved bits are
 * set is reported with the move sites that reach it; later uses reached only by already
 * reported moves are not reported again (rustc does the same).
 *
 * Precision choices, towards silence: only locals and parameters of pointer type whose address
 * is never taken (through `&p` anything may reassign them); fields are not tracked; copies are
 * only plain variable-to-variable copies.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/bitset.h"
#include "../base/vec.h"
#include "../diag/diag.h"
#include "../facts/channels.h"
#include "../facts/moves.h"
#include "../facts/running.h"
#include "../facts/summary.h"
#include "../facts/threads.h"
#include "../ir/cond.h"
#include "../ir/dataflow.h"
#include "registry.h"

#define CHECK_NAME "use-after-move"
#define CHECK_CODE "E0382"

/* Largest alias group followed; the variables of a bigger one are not checked at all. */
#define MAX_GROUP 16
/* Move sites named in one report. */
#define MAX_SITES_SHOWN 3

typedef struct move_site {
    ast_node *call;     /* the moving call */
    ast_node *arg;      /* the argument as written */
    ast_node *ref;      /* the AST_REF of the moved variable inside it */
    uint32_t argi;
    move_kind kind;
    int32_t trk;        /* the moved variable */
    uint32_t block, elem; /* where the call is evaluated */
    ast_node *spawn;    /* the spawn the value moves into (fl_move as a thread argument), or NULL */
    const ast_callee *taker; /* ... not written so: the thread's function, which frees or takes
                           its argument (moves_thread_takes_arg); a use while that thread may still
                           run is data-race's question, a use after it surely ended is this check's */
    uint32_t bit0, nb;  /* its move bits: one per variable of the moved variable's alias group */
} move_site;

typedef struct copy_stmt {
    int32_t dst, src;   /* tracked indices */
    ast_node *node;     /* the assignment, or the AST_VAR of the declaration */
} copy_stmt;

/* A variable holding the result of a realloc or a spawn: `tmp = realloc(p, n)`, `rc = pthread_create(...)`. */
typedef struct result_var {
    ast_var *var;
    ast_node *call;
} result_var;

/* A use of a moved variable met while replaying: reported after the replay, in source order. */
typedef struct use_cand {
    ast_node *use;
    int32_t k;
    uint32_t block, elem;
    uint32_t *bits;     /* the variable's move bits set at the use */
    uint32_t nbits;
    bool some_paths;    /* the variable may also hold a value nothing moved */
} use_cand;

typedef FL_VEC(move_site) site_vec;
typedef FL_VEC(use_cand) cand_vec;
typedef FL_VEC(copy_stmt) copy_vec;
typedef FL_VEC(result_var) result_vec;
typedef FL_VEC(ast_node *) node_vec;

typedef struct uam {
    check_ctx *ctx;
    const cfg *g;
    fl_arena *A;
    uint32_t nvars;
    int32_t *trk_of;     /* var index -> tracked index, -1 if untracked */
    ast_var **trk_var;
    uint32_t ntrk;

    move_site *sites;    /* sorted by call node (for lookups), then argument */
    uint32_t nsites;
    copy_stmt *copies;
    uint32_t ncopies;
    result_var *results;
    uint32_t nresults;
    ast_node **assigned; /* AST_REF nodes that are not uses: targets of a plain `=`, null tests; sorted */
    uint32_t nassigned;

    /* alias groups */
    int32_t *group_of;   /* tracked -> group, -1: alone */
    uint32_t *gpos;      /* tracked -> position in its group */
    uint32_t *gsize, *gbase; /* per group: members, first alias bit */
    int32_t **gmembers;  /* per group: tracked indices */
    uint32_t ngroups;
    uint32_t nalias;     /* alias bits */
    df_result *alias;

    /* move bits */
    uint32_t nmb;        /* move bits; then ntrk "not moved" bits */
    uint32_t nbits, nw;
    int32_t *mb_trk;     /* move bit -> tracked variable */
    uint32_t *mb_site;   /* move bit -> site */
    uint32_t *vb_start, *vb_count, *vb; /* tracked -> its move bits */

    fl_word *al_scratch; /* alias state while replaying a block */
    fl_word *covered;    /* move bits already reported */
    cand_vec cands;      /* uses found by the replay */
    uint32_t *rpo_pos;   /* block -> position in reverse post-order (lazy, for reports) */
} uam;

/* ---- small helpers -------------------------------------------------------------------- */

static int32_t trk_index(const uam *u, const ast_var *v)
{
    if (!v || (v->storage != STORAGE_LOCAL && v->storage != STORAGE_PARAM) || v->index >= u->nvars)
        return -1;
    return u->trk_of[v->index];
}

/* The tracked variable an expression is, through parentheses and casts; -1 otherwise. */
static int32_t trk_of_expr(const uam *u, ast_node *e)
{
    e = ast_strip_casts(e);
    return e && e->kind == AST_REF && e->var ? trk_index(u, e->var) : -1;
}

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (void *const *)a, y = (uintptr_t) * (void *const *)b;
    return x < y ? -1 : x > y;
}

static int cmp_site(const void *a, const void *b)
{
    const move_site *x = a, *y = b;
    if (x->call != y->call)
        return (uintptr_t)x->call < (uintptr_t)y->call ? -1 : 1;
    return x->argi < y->argi ? -1 : x->argi > y->argi;
}

/* The sites of `call`: *first and the count (0 when it moves nothing we track). */
static uint32_t sites_of_call(const uam *u, const ast_node *call, uint32_t *first)
{
    uint32_t lo = 0, hi = u->nsites;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)u->sites[mid].call < (uintptr_t)call)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t n = 0;
    while (lo + n < u->nsites && u->sites[lo + n].call == call)
        n++;
    *first = lo;
    return n;
}

static bool is_not_a_use(const uam *u, ast_node *ref)
{
    return u->nassigned && bsearch(&ref, u->assigned, u->nassigned, sizeof *u->assigned, cmp_ptr);
}

static bool is_call_to(const ast_node *n, const char *name, uint16_t nargs)
{
    return n && n->kind == AST_CALL && n->name && n->nkids == nargs + 1 && strcmp(n->name, name) == 0;
}

/* ---- pass 1: aliases ------------------------------------------------------------------ */

static uint32_t alias_bit(const uam *u, int32_t a, int32_t b)
{
    int32_t g = u->group_of[a];
    return u->gbase[g] + u->gpos[a] * u->gsize[g] + u->gpos[b];
}

/* `a` holds a value unrelated to the others of its group. */
static void alias_kill(uam *u, fl_word *al, int32_t a)
{
    int32_t g = u->group_of[a];
    if (g < 0)
        return;
    for (uint32_t i = 0; i < u->gsize[g]; i++) {
        int32_t m = u->gmembers[g][i];
        fl_bs_clear(al, alias_bit(u, a, m));
        fl_bs_clear(al, alias_bit(u, m, a));
    }
}

/* `a = b`: a now holds what b holds, and aliases what b aliases. */
static void alias_copy(uam *u, fl_word *al, int32_t a, int32_t b)
{
    int32_t g = u->group_of[a];
    if (g < 0 || u->group_of[b] != g)
        return;
    alias_kill(u, al, a);
    for (uint32_t i = 0; i < u->gsize[g]; i++) {
        int32_t m = u->gmembers[g][i];
        if (m != a && (m == b || fl_bs_test(al, alias_bit(u, b, m)))) {
            fl_bs_set(al, alias_bit(u, a, m));
            fl_bs_set(al, alias_bit(u, m, a));
        }
    }
}

/* The variable a declaration or plain assignment sets, and the value: NULL node if neither. */
static ast_node *assignment(const uam *u, const cfg_elem *el, int32_t *dst)
{
    *dst = -1;
    if (el->kind == CFG_DECL) {
        *dst = trk_index(u, el->var);
        return el->node && el->node->nkids ? el->node->kids[0] : NULL;
    }
    ast_node *n = el->node;
    if (el->kind == CFG_EXPR && n->kind == AST_BINARY && n->op == BIN_ASSIGN) {
        ast_node *l = ast_strip_parens(n->kids[0]);
        if (l->kind == AST_REF && l->var)
            *dst = trk_index(u, l->var);
        return n->kids[1];
    }
    return NULL;
}

static void alias_step(uam *u, const cfg_elem *el, fl_word *al)
{
    if (el->kind == CFG_SCOPE_END) {
        int32_t k = trk_index(u, el->var);
        if (k >= 0)
            alias_kill(u, al, k);
        return;
    }
    int32_t dst;
    ast_node *val = assignment(u, el, &dst);
    if (dst < 0 || u->group_of[dst] < 0)
        return;
    int32_t src = val ? trk_of_expr(u, val) : -1;
    if (src >= 0 && src != dst)
        alias_copy(u, al, dst, src);
    else if (src != dst)
        alias_kill(u, al, dst);
}

static void alias_transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    for (uint32_t i = 0; i < b->nelems; i++)
        alias_step(ctx, &b->elems[i], st);
}

/* ---- pass 2: moved values ------------------------------------------------------------- */

static uint32_t not_moved_bit(const uam *u, int32_t k)
{
    return u->nmb + (uint32_t)k;
}

static bool var_moved(const uam *u, const fl_word *st, int32_t k)
{
    for (uint32_t i = 0; i < u->vb_count[k]; i++)
        if (fl_bs_test(st, u->vb[u->vb_start[k] + i]))
            return true;
    return false;
}

/* k holds a fresh value: nothing moved it. */
static void var_reset(const uam *u, fl_word *st, int32_t k)
{
    for (uint32_t i = 0; i < u->vb_count[k]; i++)
        fl_bs_clear(st, u->vb[u->vb_start[k] + i]);
    fl_bs_set(st, not_moved_bit(u, k));
}

/* Site s moves its variable and every variable that may alias it (al: alias state here). */
static void apply_move(const uam *u, fl_word *st, const fl_word *al, const move_site *s)
{
    for (uint32_t i = 0; i < s->nb; i++) {
        uint32_t bit = s->bit0 + i;
        int32_t k = u->mb_trk[bit];
        if (k != s->trk && (!al || !fl_bs_test(al, alias_bit(u, s->trk, k))))
            continue;
        for (uint32_t j = 0; j < u->vb_count[k]; j++)
            fl_bs_clear(st, u->vb[u->vb_start[k] + j]);
        fl_bs_set(st, bit);
        fl_bs_clear(st, not_moved_bit(u, k));
    }
}

/* Site s did not happen after all (the branch where realloc or the spawn failed). */
static void undo_move(const uam *u, fl_word *st, const move_site *s)
{
    for (uint32_t i = 0; i < s->nb; i++)
        if (fl_bs_test(st, s->bit0 + i)) {
            fl_bs_clear(st, s->bit0 + i);
            fl_bs_set(st, not_moved_bit(u, u->mb_trk[s->bit0 + i]));
        }
}

/* Remember a use of moved variable k at the current state. */
static void add_cand(uam *u, const fl_word *st, int32_t k, ast_node *use, uint32_t block, uint32_t elem)
{
    use_cand c = {use, k, block, elem, NULL, 0, fl_bs_test(st, not_moved_bit(u, k))};
    c.bits = fl_arena_alloc(u->A, (u->vb_count[k] + 1) * sizeof *c.bits);
    for (uint32_t i = 0; i < u->vb_count[k]; i++) {
        uint32_t bit = u->vb[u->vb_start[k] + i];
        if (fl_bs_test(st, bit))
            c.bits[c.nbits++] = bit;
    }
    fl_vec_push(&u->cands, c);
}

/* One element's effect on the moved state; `al` is the alias state before it (NULL: no
   aliases), `report_block` the block when replaying to report (UINT32_MAX otherwise). */
static void move_step(uam *u, const cfg_elem *el, uint32_t ei, fl_word *st, const fl_word *al,
                      uint32_t report_block)
{
    ast_node *n = el->node;
    switch ((cfg_elem_kind)el->kind) {
    case CFG_DECL:
    case CFG_SCOPE_END: {
        int32_t k = trk_index(u, el->var);
        if (k >= 0)
            var_reset(u, st, k);
        return;
    }
    case CFG_EXPR:
        break;
    }
    if (n->kind == AST_REF) {
        int32_t k = n->var ? trk_index(u, n->var) : -1;
        if (k >= 0 && var_moved(u, st, k) && !is_not_a_use(u, n) && report_block != UINT32_MAX)
            add_cand(u, st, k, n, report_block, ei);
        return;
    }
    if (n->kind == AST_BINARY && n->op == BIN_ASSIGN) {
        int32_t k = -1;
        assignment(u, el, &k);
        if (k >= 0)
            var_reset(u, st, k);
        return;
    }
    if (n->kind == AST_CALL) {
        uint32_t first, cnt = sites_of_call(u, n, &first);
        for (uint32_t i = 0; i < cnt; i++)
            apply_move(u, st, al, &u->sites[first + i]);
    }
}

static void move_transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    uam *u = ctx;
    (void)g;
    fl_word *al = NULL;
    if (u->alias) {
        al = u->al_scratch;
        fl_bs_copy(al, df_in(u->alias, b->id), fl_bs_words(u->nalias));
    }
    for (uint32_t i = 0; i < b->nelems; i++) {
        move_step(u, &b->elems[i], i, st, al, UINT32_MAX);
        if (al)
            alias_step(u, &b->elems[i], al);
    }
}

static void move_boundary(void *ctx, fl_word *st)
{
    uam *u = ctx;
    for (uint32_t k = 0; k < u->ntrk; k++)
        fl_bs_set(st, not_moved_bit(u, (int32_t)k));
}

static void undo_sites_of_call(const uam *u, fl_word *st, const ast_node *call)
{
    uint32_t first, cnt = sites_of_call(u, call, &first);
    for (uint32_t i = 0; i < cnt; i++)
        undo_move(u, st, &u->sites[first + i]);
}

/* `call` is of a push that may refuse, keeping what it was given where it returns non-zero. */
static bool refusing_push(const uam *u, const ast_node *call)
{
    return chan_push_refuses(&u->ctx->fx->sums, call->callee);
}

/* On the branch where `call` failed, take back what it moved: realloc failing (NULL) leaves the
   old block alone; a spawn failing (non-zero) never hands its argument to a thread. */
static void undo_failed(const uam *u, fl_word *st, ast_node *call, bool nonzero)
{
    if (is_call_to(call, "realloc", 2)) {
        if (!nonzero)
            undo_sites_of_call(u, st, call);
        return;
    }
    if (!nonzero)
        return;
    if (refusing_push(u, call)) {
        undo_sites_of_call(u, st, call);
        return;
    }
    for (uint32_t i = 0; i < u->nsites; i++) /* few sites; only on branches that test a spawn */
        if (u->sites[i].spawn == call)
            undo_move(u, st, &u->sites[i]);
}

static void move_edge(void *ctx, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    uam *u = ctx;
    (void)g;
    if (!b->cond || b->nsuccs != 2 || !u->nresults)
        return;
    bool negated; /* "true" means the tested value is zero */
    ast_node *v = cond_tested_value(b->cond, &negated);
    if (!v)
        return;
    bool nonzero = (succ == 0) != negated; /* the tested value on this edge */
    if (v->kind == AST_CALL) {
        for (uint32_t i = 0; i < u->nresults; i++)
            if (u->results[i].call == v) {
                undo_failed(u, st, v, nonzero);
                break;
            }
    } else if (v->kind == AST_REF && v->var) {
        for (uint32_t i = 0; i < u->nresults; i++)
            if (u->results[i].var == v->var)
                undo_failed(u, st, u->results[i].call, nonzero);
    }
}

/* ---- reporting -------------------------------------------------------------------------- */

static const char *ordinal(uint32_t i)
{
    static const char *const names[] = {"first", "second", "third", "fourth", "fifth", "sixth"};
    return i < sizeof names / sizeof names[0] ? names[i] : NULL;
}

static bool inside(fl_span outer, fl_span in)
{
    return outer.file == in.file && outer.begin <= in.begin && in.end <= outer.end;
}

/* True when the move at s reaches the use in block ub, element ue, only around a loop: some
   loop holds both, and the use comes first in the loop's reverse post-order. */
static bool previous_iteration(uam *u, const move_site *s, uint32_t ub, uint32_t ue)
{
    const cfg *g = u->g;
    if (!u->rpo_pos) {
        u->rpo_pos = fl_arena_alloc(u->A, (g->nblocks + 1) * sizeof *u->rpo_pos);
        for (uint32_t i = 0; i < g->nblocks; i++)
            u->rpo_pos[i] = UINT32_MAX;
        for (uint32_t i = 0; i < g->nrpo; i++)
            u->rpo_pos[g->rpo[i]] = i;
    }
    bool before = u->rpo_pos[ub] < u->rpo_pos[s->block] || (ub == s->block && ue <= s->elem);
    if (!before)
        return false;
    /* a loop containing both: the move's innermost loop or one around it that holds the use */
    const ast_node *lm = g->blocks[s->block].loop, *lu = g->blocks[ub].loop;
    if (!lm || !lu)
        return false;
    if (inside(lm->span, lu->span) || inside(lu->span, lm->span))
        return true;
    for (uint32_t i = 0; i < g->nblocks; i++) { /* report time only */
        const ast_node *l = g->blocks[i].loop;
        if (l && inside(l->span, lm->span) && inside(l->span, lu->span))
            return true;
    }
    return false;
}

static const char *callee_name(const move_site *s)
{
    return s->call->name ? s->call->name : NULL;
}

static const char *site_label(uam *u, const move_site *s, int32_t used, bool again_loop)
{
    const char *who = s->trk == used ? "value" : fl_arena_sprintf(u->A, "`%s`", u->trk_var[s->trk]->name);
    const char *what;
    if (s->kind == MOVE_FREED)
        what = "freed";
    else if (s->spawn || s->kind == MOVE_INTO_THREAD)
        what = "moved into the thread";
    else if (s->kind == MOVE_SENT)
        what = "sent";
    else
        what = "moved";
    return fl_arena_sprintf(u->A, "%s %s here%s", who, what, again_loop ? ", in previous iteration of loop" : "");
}

/* Where a callee declares that it takes the argument: a note naming it. */
static void note_callee(uam *u, diag *d, const move_site *s)
{
    const ast_callee *ce = s->call->callee;
    const char *name = callee_name(s);
    if (!ce || !name || strcmp(name, "free") == 0 || strcmp(name, "realloc") == 0 || strcmp(name, "fl_move") == 0)
        return;
    uint16_t pf = ce->param_flags && s->argi < ce->nparams ? ce->param_flags[s->argi] : 0;
    const ast_var *param = ce->def && s->argi < ce->def->nparams ? ce->def->params[s->argi] : NULL;
    const char *pname = param && param->name && param->name[0]
                            ? fl_arena_sprintf(u->A, "its parameter `%s`", param->name)
                            : ordinal(s->argi) ? fl_arena_sprintf(u->A, "its %s parameter", ordinal(s->argi))
                                               : "that parameter";
    if (pf & (PARAM_MOVE | PARAM_SENDS)) {
        /* the annotated declaration is where clang resolved the call; the definition's
           parameter is the better place only when that declaration is the definition */
        fl_span at = param && ce->def && inside(ce->def->span, ce->span) ? param->span : ce->span;
        const char *ann = pf & PARAM_SENDS ? "FL_SENDS" : "FL_MOVE";
        if (at.begin == ce->span.begin && at.file == ce->span.file)
            diag_note_at(d, at, "`%s` is declared here to take ownership of %s (`%s`)%s", name, pname, ann,
                         pf & PARAM_SENDS ? ", which may reach another thread" : "");
        else
            diag_note_at(d, at, "`%s` takes ownership of %s here (`%s`)%s", name, pname, ann,
                         pf & PARAM_SENDS ? ", which may reach another thread" : "");
        return;
    }
    const ast_callee *tf = s->taker;
    if (tf) {
        const ast_var *tp = tf->def && tf->def->nparams ? tf->def->params[0] : NULL;
        diag_note_at(d, tp ? tp->span : tf->span, "the thread runs `%s`, which %s its argument on every path", tf->name,
                     sum_of(&u->ctx->fx->sums, tf)->param[0] & SUMP_FREES ? "frees" : "takes ownership of");
        return;
    }
    const sum_sender *snd = s->kind == MOVE_SENT ? chan_sender_of(&u->ctx->fx->sums, ce, s->argi) : NULL;
    if (snd) {
        /* the queue is the global itself, or what the parameter points to */
        diag_note_at(d, snd->store->span, "`%s` links %s into the queue `%s`%s, on every path%s", name, pname,
                     snd->queue->name && snd->queue->name[0] ? snd->queue->name : "its argument",
                     snd->queue->storage == STORAGE_GLOBAL ? "" : " points to",
                     snd->refuses ? " where it does not refuse" : "");
        if (snd->pop)
            diag_note_at(d, snd->free_call->span, "`%s`, run by a thread, frees what `%s` takes out of that queue",
                         snd->consumer->name, snd->pop->name);
        else
            diag_note_at(d, snd->free_call->span, "`%s`, run by a thread, frees what it takes out of that queue",
                         snd->consumer->name);
        return;
    }
    fl_span at = param ? param->span : ce->span;
    if (s->kind == MOVE_FREED)
        diag_note_at(d, at, "`%s` frees %s on every path", name, pname);
    else if (s->kind == MOVE_INTO_THREAD)
        diag_note_at(d, at, "`%s` moves %s into the thread it starts", name, pname);
    else
        diag_note_at(d, at, "`%s` takes ownership of %s on every path", name, pname);
}

/* var: the moved variable; used: the one used (a copy of var, or var itself). */
static void help_for(uam *u, diag *d, const move_site *s, const char *var, const char *used, bool use_is_free)
{
    const char *name = callee_name(s);
    (void)u;
    if (s->kind == MOVE_FREED) {
        if (name && strcmp(name, "realloc") == 0)
            diag_help(d, "after a successful `realloc`, use the pointer it returned instead of `%s`", var);
        else if (use_is_free)
            diag_help(d, "free `%s` once: remove the second call, or set `%s` to NULL after the first", var, var);
        else if (strcmp(used, var) != 0)
            diag_help(d, "`%s` points to the same memory as `%s`: use it before `%s` is freed, or give it a new value first",
                      used, var, var);
        else
            diag_help(d, "use `%s` before it is freed, or give it a new value first", var);
    } else if (s->spawn) {
        diag_help(d, "`%s` now belongs to the thread; use it before moving it there, or give the thread its own copy",
                  var);
    } else if (s->kind == MOVE_INTO_THREAD) {
        diag_help(d, "`%s` moves `%s` into a new thread; use it before the call, or give the thread its own copy",
                  name ? name : "the call", var);
    } else if (name && strcmp(name, "fl_move") == 0) {
        diag_help(d, "`fl_move` gives `%s` away; if you need the data afterwards, use it before, or move a copy", var);
    } else if (s->kind == MOVE_SENT) {
        diag_help(d, "`%s` takes ownership of `%s`; if you need the data afterwards, use it before sending, or "
                     "send a copy",
                  name ? name : "the callee", var);
    } else {
        diag_help(d, "`%s` takes ownership of `%s`; if you need the data afterwards, use it before the call, or "
                     "pass a copy",
                  name ? name : "the callee", var);
    }
}

/* The copy statement that links a and b, for the "is a copy of" label. */
static const copy_stmt *find_copy(const uam *u, int32_t a, int32_t b)
{
    for (uint32_t i = 0; i < u->ncopies; i++) {
        const copy_stmt *c = &u->copies[i];
        if ((c->dst == a && c->src == b) || (c->dst == b && c->src == a))
            return c;
    }
    return NULL;
}

static int cmp_site_pos(const void *a, const void *b)
{
    const move_site *x = *(move_site *const *)a, *y = *(move_site *const *)b;
    return x->arg->span.begin < y->arg->span.begin ? -1 : x->arg->span.begin > y->arg->span.begin;
}

static int cmp_cand(const void *a, const void *b)
{
    const use_cand *x = a, *y = b;
    if (x->use->span.file != y->use->span.file)
        return x->use->span.file < y->use->span.file ? -1 : 1;
    if (x->use->span.begin != y->use->span.begin)
        return x->use->span.begin < y->use->span.begin ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}

/* A thread that took its argument (move_site.taker) and may still run at element elem of
   block: it may not have freed it yet. */
static bool taker_may_run(uam *u, const move_site *s, uint32_t block, uint32_t elem)
{
    const ast_func *fn = u->ctx->g->fn;
    const run_fn *rf = u->ctx->fx->running ? u->ctx->fx->running[fn->index] : NULL;
    int32_t k = rf ? run_spawn_of(rf, s->call) : -1;
    if (k < 0)
        return true;
    fl_word *st = FL_NEW_ARRAY(u->A, fl_word, rf->nwords + 1);
    run_replay c;
    run_replay_start(rf, block, st, &c);
    run_replay_to(&c, elem, st);
    return fl_bs_test(st, run_bit_r((uint32_t)k));
}

static void report(uam *u, const use_cand *c)
{
    int32_t k = c->k;
    ast_node *use = c->use;
    uint32_t block = c->block, elem = c->elem;
    /* a thread that took the value and may still run: not this check's (see move_site.taker) */
    for (uint32_t i = 0; i < c->nbits; i++) {
        const move_site *s = &u->sites[u->mb_site[c->bits[i]]];
        if (!s->taker || !taker_may_run(u, s, block, elem))
            break;
        if (i + 1 == c->nbits)
            return;
    }
    /* Report once per set of moves: skip a use that only moves already reported reach. */
    bool fresh = false;
    for (uint32_t i = 0; i < c->nbits; i++)
        if (!fl_bs_test(u->covered, c->bits[i]))
            fresh = true;
    if (!fresh)
        return;

    move_site *shown[64];
    uint32_t nshown = 0, nall = 0;
    bool all_freed = true;
    for (uint32_t i = 0; i < c->nbits; i++) {
        uint32_t bit = c->bits[i];
        fl_bs_set(u->covered, bit);
        move_site *s = &u->sites[u->mb_site[bit]];
        all_freed &= s->kind == MOVE_FREED;
        if (nshown < 64)
            shown[nshown++] = s;
        nall++;
    }
    qsort(shown, nshown, sizeof *shown, cmp_site_pos);

    const char *var = u->trk_var[k]->name;
    /* Is the use itself a move of the variable (the second free, the second send)? */
    move_site *again = NULL;
    for (uint32_t i = 0; i < u->nsites && !again; i++)
        if (u->sites[i].ref == use)
            again = &u->sites[i];
    bool use_is_free = again && again->kind == MOVE_FREED;

    diag *d;
    if (all_freed && use_is_free)
        d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "double free of `%s`", var);
    else if (all_freed)
        d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "use of freed value: `%s`", var);
    else
        d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "use of moved value: `%s`", var);

    /* A move in an earlier iteration at this very argument: one label, as rustc does. */
    bool self_loop = false;
    for (uint32_t i = 0; i < nshown; i++)
        if (shown[i]->ref == use && previous_iteration(u, shown[i], block, elem))
            self_loop = true;
    if (self_loop)
        diag_primary(d, use->span, "%s",
                     site_label(u, again ? again : shown[0], k, true));
    else if (use_is_free && all_freed)
        diag_primary(d, use->span, "value freed again here");
    else
        diag_primary(d, use->span, "value used here after %s", all_freed ? "free" : "move");

    uint32_t nlabels = 0;
    for (uint32_t i = 0; i < nshown && nlabels < MAX_SITES_SHOWN; i++) {
        move_site *s = shown[i];
        if (s->ref == use)
            continue;
        diag_secondary(d, s->arg->span, "%s", site_label(u, s, k, previous_iteration(u, s, block, elem)));
        nlabels++;
    }
    if (nall > nlabels + (self_loop ? 1u : 0u) && nall > MAX_SITES_SHOWN)
        diag_note(d, "`%s` is also %s at %u other places", var, all_freed ? "freed" : "moved",
                  nall - nlabels - (self_loop ? 1u : 0u));

    /* Copies: the moved variable is not the one used. */
    for (uint32_t i = 0; i < nshown; i++) {
        int32_t src = shown[i]->trk;
        if (src == k || (i > 0 && shown[i - 1]->trk == src))
            continue;
        const copy_stmt *c = find_copy(u, k, src);
        const char *sn = u->trk_var[src]->name;
        if (c && c->dst == k)
            diag_secondary(d, c->node->span, "`%s` is a copy of `%s`", var, sn);
        else if (c)
            diag_secondary(d, c->node->span, "`%s` is a copy of `%s`", sn, var);
        else
            diag_note(d, "`%s` may hold the same pointer as `%s`", var, sn);
        break;
    }

    /* A move in an earlier iteration already says the first iteration is fine. */
    bool all_loop = true;
    for (uint32_t i = 0; i < nshown && all_loop; i++)
        all_loop = previous_iteration(u, shown[i], block, elem);
    if (c->some_paths && !all_loop)
        diag_note(d, "`%s` is %s on some of the paths that reach this use", var, all_freed ? "freed" : "moved");
    note_callee(u, d, shown[0]);
    help_for(u, d, shown[0], u->trk_var[shown[0]->trk]->name, var, use_is_free);
    diag_sink_add(u->ctx->sink, d);
}

/* ---- setup ------------------------------------------------------------------------------- */

static void note_skipped(uam *u, ast_node *arg, const ast_var *v, const char *why)
{
    if (!u->ctx->verbose)
        return;
    diag *d = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME, "not following `%s` after this move: %s", v->name, why);
    diag_primary(d, arg->span, NULL);
    diag_sink_add(u->ctx->sink, d);
}

/* Does the function contain a call that moves one of its own pointer variables? */
static bool has_move(const sum_table *sums, const cfg *g)
{
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            ast_node *n = el->node;
            if (el->kind != CFG_EXPR || n->kind != AST_CALL)
                continue;
            for (uint32_t a = 0; a + 1 < n->nkids; a++) {
                ast_node *r = ast_strip_casts(n->kids[a + 1]);
                if (r && r->kind == AST_REF && r->var && (r->var->ty & TY_POINTER) &&
                    moves_call_arg(sums, n, a) != MOVE_NONE)
                    return true;
            }
        }
    return false;
}

static int32_t uf_find(int32_t *parent, int32_t x)
{
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

/* Group the variables linked by copies; those of oversized groups are not tracked at all. */
static void build_groups(uam *u)
{
    u->group_of = fl_arena_alloc(u->A, (u->ntrk + 1) * sizeof *u->group_of);
    u->gpos = fl_arena_zalloc(u->A, (u->ntrk + 1) * sizeof *u->gpos);
    for (uint32_t k = 0; k < u->ntrk; k++)
        u->group_of[k] = -1;
    if (!u->ncopies)
        return;
    int32_t *parent = fl_arena_alloc(u->A, u->ntrk * sizeof *parent);
    uint32_t *size = fl_arena_zalloc(u->A, u->ntrk * sizeof *size);
    for (uint32_t k = 0; k < u->ntrk; k++)
        parent[k] = (int32_t)k;
    for (uint32_t i = 0; i < u->ncopies; i++) {
        int32_t a = uf_find(parent, u->copies[i].dst), b = uf_find(parent, u->copies[i].src);
        if (a != b)
            parent[a] = b;
    }
    for (uint32_t k = 0; k < u->ntrk; k++)
        size[uf_find(parent, (int32_t)k)]++;
    int32_t *gid = fl_arena_alloc(u->A, u->ntrk * sizeof *gid);
    for (uint32_t k = 0; k < u->ntrk; k++)
        gid[k] = -1;
    u->gsize = fl_arena_zalloc(u->A, u->ntrk * sizeof *u->gsize);
    u->gbase = fl_arena_zalloc(u->A, u->ntrk * sizeof *u->gbase);
    u->gmembers = fl_arena_zalloc(u->A, u->ntrk * sizeof *u->gmembers);
    for (uint32_t k = 0; k < u->ntrk; k++) {
        int32_t r = uf_find(parent, (int32_t)k);
        if (size[r] < 2)
            continue;
        if (size[r] > MAX_GROUP) {
            u->trk_of[u->trk_var[k]->index] = -1; /* too tangled to follow: stay silent */
            continue;
        }
        if (gid[r] < 0) {
            gid[r] = (int32_t)u->ngroups;
            u->gmembers[u->ngroups] = fl_arena_alloc(u->A, size[r] * sizeof(int32_t));
            u->gbase[u->ngroups] = u->nalias;
            u->nalias += size[r] * size[r];
            u->ngroups++;
        }
        int32_t g = gid[r];
        u->group_of[k] = g;
        u->gpos[k] = u->gsize[g];
        u->gmembers[g][u->gsize[g]++] = (int32_t)k;
    }
}

/* Sites, copies, assignment targets, realloc/spawn result variables. */
static void collect(uam *u, site_vec *sites, copy_vec *copies, result_vec *results, node_vec *assigned)
{
    const cfg *g = u->g;
    node_vec spawns = {0};
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        ast_node *c = ast_strip_casts(b->cond);
        if (c && c->kind == AST_REF && c->var && trk_index(u, c->var) >= 0)
            fl_vec_push(assigned, c); /* `if (p)`: a null test too */
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_node *n = el->node;
            int32_t dst;
            ast_node *val = assignment(u, el, &dst);
            if (el->kind == CFG_EXPR && n->kind == AST_BINARY && n->op == BIN_ASSIGN) {
                ast_node *l = ast_strip_parens(n->kids[0]);
                if (l->kind == AST_REF && l->var && trk_index(u, l->var) >= 0)
                    fl_vec_push(assigned, l);
            }
            if (val) {
                int32_t src = dst >= 0 ? trk_of_expr(u, val) : -1;
                if (src >= 0 && src != dst) {
                    copy_stmt c = {dst, src, el->kind == CFG_DECL ? el->node : n};
                    fl_vec_push(copies, c);
                }
                ast_node *call = ast_strip_casts(val);
                ast_node *l = el->kind == CFG_DECL ? NULL : ast_strip_parens(n->kids[0]);
                ast_var *v = el->kind == CFG_DECL ? el->var : l->kind == AST_REF ? l->var : NULL;
                if (v && call && call->kind == AST_CALL &&
                    (is_call_to(call, "realloc", 2) || thr_classify(&u->ctx->fx->sums, call).kind == THR_SPAWN ||
                     refusing_push(u, call))) {
                    result_var r = {v, call};
                    fl_vec_push(results, r);
                }
            }
            /* A null test of a moved pointer reads nothing behind it, and its null-ness did not
               change: `free(node); return node != NULL;` is a common, harmless idiom. */
            if (el->kind == CFG_EXPR) {
                ast_node *t = NULL;
                if (n->kind == AST_UNARY && n->op == UN_LNOT)
                    t = n->kids[0];
                else if (n->kind == AST_BINARY && (n->op == BIN_EQ || n->op == BIN_NE) && cond_is_zero(n->kids[1]))
                    t = n->kids[0];
                else if (n->kind == AST_BINARY && (n->op == BIN_EQ || n->op == BIN_NE) && cond_is_zero(n->kids[0]))
                    t = n->kids[1];
                t = ast_strip_casts(t);
                if (t && t->kind == AST_REF && t->var && trk_index(u, t->var) >= 0)
                    fl_vec_push(assigned, t);
            }
            if (el->kind != CFG_EXPR || n->kind != AST_CALL)
                continue;
            thr_call tc = thr_classify(&u->ctx->fx->sums, n);
            if (tc.kind == THR_SPAWN)
                fl_vec_push(&spawns, n);
            else if (refusing_push(u, n)) {
                result_var r = {NULL, n}; /* `if (push(q, m) != 0)`: the branch where it refused */
                fl_vec_push(results, r);
            }
            for (uint32_t a = 0; a + 1 < n->nkids; a++) {
                ast_node *r = ast_strip_casts(n->kids[a + 1]);
                if (!r || r->kind != AST_REF || !r->var || !(r->var->ty & TY_POINTER))
                    continue;
                move_kind mk = moves_call_arg(&u->ctx->fx->sums, n, a);
                if (mk == MOVE_NONE)
                    continue;
                int32_t k = trk_index(u, r->var);
                if (k < 0) {
                    if (r->var->flags & AST_VAR_ADDRESS_TAKEN)
                        note_skipped(u, n->kids[a + 1], r->var, "its address is taken, so it may change out of sight");
                    continue;
                }
                move_site s = {0};
                s.call = n;
                s.arg = n->kids[a + 1];
                s.ref = r;
                s.argi = a;
                s.kind = mk;
                s.trk = k;
                s.block = bi;
                s.elem = i;
                s.spawn = mk == MOVE_INTO_THREAD ? n : NULL;
                s.taker = mk == MOVE_INTO_THREAD ? moves_thread_takes_arg(&u->ctx->fx->sums, n, a) : NULL;
                fl_vec_push(sites, s);
            }
        }
    }
    /* fl_move(x) written as a spawn's argument: x moves into the thread. And a spawn moving
       anything is a call whose failure branch undoes the move. */
    for (size_t i = 0; i < spawns.len; i++) {
        ast_node *sp = spawns.items[i];
        thr_call tc = thr_classify(&u->ctx->fx->sums, sp);
        ast_node *arg = ast_strip_casts(tc.arg);
        bool feeds = false;
        for (size_t s = 0; s < sites->len; s++) {
            move_site *ms = &sites->items[s];
            if (ms->call == sp && ms->kind == MOVE_INTO_THREAD)
                feeds = true;
            if (arg && ms->call == arg) {
                ms->spawn = sp;
                feeds = true;
            }
        }
        if (feeds) {
            result_var r = {NULL, sp};
            fl_vec_push(results, r);
        }
    }
    fl_vec_free(&spawns);
}

void check_use_after_move(check_ctx *ctx)
{
    const cfg *g = ctx->g;
    if (!g || !has_move(&ctx->fx->sums, g))
        return;
    uam u = {0};
    u.ctx = ctx;
    u.g = g;
    u.A = ctx->arena;
    u.nvars = ctx->fn->nvars;
    u.trk_of = fl_arena_alloc(u.A, (u.nvars + 1) * sizeof *u.trk_of);
    u.trk_var = fl_arena_alloc(u.A, (u.nvars + 1) * sizeof *u.trk_var);
    for (uint32_t i = 0; i < u.nvars; i++) {
        ast_var *v = ctx->fn->vars[i];
        u.trk_of[i] = -1;
        if ((v->storage == STORAGE_LOCAL || v->storage == STORAGE_PARAM) && (v->ty & TY_POINTER) &&
            !(v->flags & AST_VAR_ADDRESS_TAKEN)) {
            u.trk_var[u.ntrk] = v;
            u.trk_of[i] = (int32_t)u.ntrk++;
        }
    }

    site_vec sites = {0};
    copy_vec copies = {0};
    result_vec results = {0};
    node_vec assigned = {0};
    collect(&u, &sites, &copies, &results, &assigned);
    if (!sites.len)
        goto out;
    u.copies = copies.items;
    u.ncopies = (uint32_t)copies.len;
    build_groups(&u);
    /* sites of variables dropped from tracking by build_groups go too */
    size_t kept = 0;
    for (size_t i = 0; i < sites.len; i++)
        if (u.trk_of[u.trk_var[sites.items[i].trk]->index] >= 0)
            sites.items[kept++] = sites.items[i];
    sites.len = kept;
    if (!sites.len)
        goto out;
    qsort(sites.items, sites.len, sizeof *sites.items, cmp_site);
    if (assigned.len > 1)
        qsort(assigned.items, assigned.len, sizeof *assigned.items, cmp_ptr);
    u.sites = sites.items;
    u.nsites = (uint32_t)sites.len;
    u.results = results.items;
    u.nresults = (uint32_t)results.len;
    u.assigned = assigned.items;
    u.nassigned = (uint32_t)assigned.len;

    /* Move bits: each site, times the variables of its alias group. */
    for (uint32_t s = 0; s < u.nsites; s++) {
        move_site *ms = &u.sites[s];
        int32_t gr = u.group_of[ms->trk];
        ms->bit0 = u.nmb;
        ms->nb = gr < 0 ? 1 : u.gsize[gr];
        u.nmb += ms->nb;
    }
    u.mb_trk = fl_arena_alloc(u.A, u.nmb * sizeof *u.mb_trk);
    u.mb_site = fl_arena_alloc(u.A, u.nmb * sizeof *u.mb_site);
    u.vb_start = fl_arena_zalloc(u.A, (u.ntrk + 1) * sizeof *u.vb_start);
    u.vb_count = fl_arena_zalloc(u.A, (u.ntrk + 1) * sizeof *u.vb_count);
    u.vb = fl_arena_alloc(u.A, u.nmb * sizeof *u.vb);
    for (uint32_t s = 0; s < u.nsites; s++) {
        move_site *ms = &u.sites[s];
        int32_t gr = u.group_of[ms->trk];
        for (uint32_t i = 0; i < ms->nb; i++) {
            int32_t k = gr < 0 ? ms->trk : u.gmembers[gr][i];
            u.mb_trk[ms->bit0 + i] = k;
            u.mb_site[ms->bit0 + i] = s;
            u.vb_count[k]++;
        }
    }
    for (uint32_t k = 1; k <= u.ntrk; k++)
        u.vb_start[k] = u.vb_start[k - 1] + u.vb_count[k - 1];
    uint32_t *fill = fl_arena_zalloc(u.A, (u.ntrk + 1) * sizeof *fill);
    for (uint32_t bit = 0; bit < u.nmb; bit++) {
        int32_t k = u.mb_trk[bit];
        u.vb[u.vb_start[k] + fill[k]++] = bit;
    }

    if (u.nalias) {
        df_problem pa = {0};
        pa.nbits = u.nalias;
        pa.ctx = &u;
        pa.transfer = alias_transfer;
        u.alias = df_run(u.A, g, &pa);
        u.al_scratch = fl_arena_zalloc(u.A, fl_bs_words(u.nalias) * sizeof(fl_word));
    }

    df_problem pm = {0};
    u.nbits = u.nmb + u.ntrk;
    u.nw = fl_bs_words(u.nbits);
    pm.nbits = u.nbits;
    pm.ctx = &u;
    pm.boundary = move_boundary;
    pm.transfer = move_transfer;
    pm.edge = move_edge;
    df_result *r = df_run(u.A, g, &pm);

    /* Replay every reached block in reverse post-order and report the uses. */
    u.covered = fl_arena_zalloc(u.A, fl_bs_words(u.nmb) * sizeof(fl_word));
    fl_word *st = fl_arena_alloc(u.A, u.nw * sizeof *st);
    for (uint32_t ri = 0; ri < g->nrpo; ri++) {
        const cfg_block *b = &g->blocks[g->rpo[ri]];
        if (!r->reached[b->id])
            continue;
        fl_bs_copy(st, df_in(r, b->id), u.nw);
        fl_word *al = NULL;
        if (u.alias) {
            al = u.al_scratch;
            fl_bs_copy(al, df_in(u.alias, b->id), fl_bs_words(u.nalias));
        }
        for (uint32_t i = 0; i < b->nelems; i++) {
            move_step(&u, &b->elems[i], i, st, al, b->id);
            if (al)
                alias_step(&u, &b->elems[i], al);
        }
    }
    if (u.cands.len > 1)
        qsort(u.cands.items, u.cands.len, sizeof *u.cands.items, cmp_cand);
    for (size_t i = 0; i < u.cands.len; i++)
        report(&u, &u.cands.items[i]);
out:
    fl_vec_free(&u.cands);
    fl_vec_free(&sites);
    fl_vec_free(&copies);
    fl_vec_free(&results);
    fl_vec_free(&assigned);
}
