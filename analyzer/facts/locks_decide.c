/* locks_decide.c - the branch that decides whether a lock is held at a point (see locks.h,
 * lock_decider).
 *
 * `if (rand() % 2) lock(&m); ...; unlock(&m);` holds `m` at the unlock on some paths only. The
 * split of locks.h follows a flag variable through the branches that test it; a condition it
 * cannot follow (a call, a field, a global that changes) leaves the join "held on some paths",
 * about which the checks say nothing, since the paths that disagree may never run together
 * (`if (cfg->locking) lock(&m); ... if (cfg->locking) unlock(&m);`). One shape is not in doubt:
 * the lock operation alone on one arm of a branch whose condition nothing else in the function
 * tests again. Whatever that condition is, both of its values lead on, and the path of the other
 * arm is as real as the one through the lock operation.
 *
 * Cost: each query walks the function's conditions and blocks once (O(blocks + sites)); the
 * callers give each function a budget of LOCKS_DECIDER_BUDGET queries, so a function with many
 * such points stays linear.
 */
#include "locks_impl.h"
#include "../ir/cond.h"

#include <string.h>

/* Names a condition mentions: its variables, the fields of variables it reads (`rb->shared`, a
   variable and the field names on the way), and the functions it calls. */
#define MAX_NAMES 16
#define MAX_WALK 64
#define MAX_FIELDS 4

typedef struct cond_field {
    const ast_var *var;
    const char *names[MAX_FIELDS]; /* innermost last */
    uint32_t n;
} cond_field;

typedef struct cond_names {
    const ast_var *vars[MAX_NAMES];
    const char *calls[MAX_NAMES];
    cond_field fields[MAX_NAMES];
    uint32_t nvars, ncalls, nfields;
    bool overflow;
} cond_names;

/* A chain of fields on a variable (`rb->shared`, `s.cfg.mode`), as a cond_field; false for any
   other expression. */
static bool field_chain(const ast_node *x, cond_field *f)
{
    const char *names[MAX_FIELDS];
    uint32_t n = 0;
    while (x && x->kind == AST_MEMBER && x->nkids == 1 && x->name && n < MAX_FIELDS) {
        names[n++] = x->name;
        x = ast_strip_parens(x->kids[0]);
    }
    if (!n || !x || x->kind != AST_REF || !x->var)
        return false;
    f->var = x->var;
    f->n = n;
    for (uint32_t i = 0; i < n; i++)
        f->names[i] = names[n - 1 - i];
    return true;
}

static bool same_field(const cond_field *a, const cond_field *b)
{
    if (a->var != b->var || a->n != b->n)
        return false;
    for (uint32_t i = 0; i < a->n; i++)
        if (strcmp(a->names[i], b->names[i]) != 0)
            return false;
    return true;
}

/* A variable or a chain of fields on one (`n`, `b->pinned`). */
static bool var_or_field(ast_node *x)
{
    cond_field f;
    x = ast_strip_parens(x);
    return x && ((x->kind == AST_REF && x->var) || (x->kind == AST_MEMBER && field_chain(x, &f)));
}

/* The names condition e tests. With `fresh_only`, not a variable or field that e assigns
   itself (`(t = pop(q)) != NULL`, `--b->pinned == 0`): the value e tests is a new one each
   time, which no other test saw. A post-increment (`b->users-- > 1`) tests the value before. */
static void collect_names(const ast_node *e, cond_names *cn, bool fresh_only)
{
    const ast_node *stack[MAX_WALK];
    uint32_t n = 0;
    stack[n++] = e;
    while (n) {
        const ast_node *x = stack[--n];
        if (!x)
            continue;
        cond_field f;
        if (x->kind == AST_MEMBER && field_chain(x, &f)) {
            if (cn->nfields == MAX_NAMES) {
                cn->overflow = true;
                return;
            }
            cn->fields[cn->nfields++] = f;
            continue; /* the field, not the variable: `rb->head` tests nothing `rb->shared` says */
        }
        if (fresh_only && x->kind == AST_UNARY && (x->op == UN_PRE_INC || x->op == UN_PRE_DEC) && x->nkids == 1 &&
            var_or_field(x->kids[0]))
            continue;
        if (fresh_only && x->kind == AST_BINARY && x->op >= BIN_ASSIGN && x->op <= BIN_OR_ASSIGN && x->nkids == 2 &&
            var_or_field(x->kids[0])) {
            if (n == MAX_WALK) {
                cn->overflow = true;
                return;
            }
            stack[n++] = x->kids[1];
            continue;
        }
        if (x->kind == AST_REF && x->var) {
            if (cn->nvars == MAX_NAMES) {
                cn->overflow = true;
                return;
            }
            cn->vars[cn->nvars++] = x->var;
        } else if (x->kind == AST_CALL && x->name) {
            if (cn->ncalls == MAX_NAMES) {
                cn->overflow = true;
                return;
            }
            cn->calls[cn->ncalls++] = x->name;
        }
        for (uint16_t k = 0; k < x->nkids; k++) {
            if (n == MAX_WALK) {
                cn->overflow = true;
                return;
            }
            stack[n++] = x->kids[k];
        }
    }
}

static void collect(const ast_node *e, cond_names *cn)
{
    collect_names(e, cn, false);
}

typedef struct avoid {
    const lock_fn *lf;
    uint32_t l;
    bool releases; /* avoid releases of l, else acquires */
    uint32_t target; /* entered whatever it does after the point in it */
} avoid;

static bool enter_block(const void *ctx, uint32_t b)
{
    const avoid *a = ctx;
    if (b == a->target)
        return true;
    for (uint32_t k = a->lf->site_first[a->l]; k < a->lf->site_first[a->l + 1]; k++) {
        const lock_site *s = &a->lf->sites[a->lf->site_list[k]];
        if (s->block == b && (a->releases ? s->op == LOCK_RELEASE : lock_op_acquires(s->op) || s->op == LOCK_MAYBE))
            return false;
    }
    return true;
}

static uint32_t branch_above(const cfg *g, uint32_t x, int *arm);

/* Do two conditions' names share something (a variable, a call, a field, a variable and one
   of its fields)? */
static bool names_overlap(const cond_names *cn, const cond_names *other)
{
    if (other->overflow)
        return true;
    for (uint32_t i = 0; i < cn->nvars; i++)
        for (uint32_t j = 0; j < other->nvars; j++)
            if (cn->vars[i] == other->vars[j])
                return true;
    for (uint32_t i = 0; i < cn->ncalls; i++)
        for (uint32_t j = 0; j < other->ncalls; j++)
            if (strcmp(cn->calls[i], other->calls[j]) == 0)
                return true;
    for (uint32_t i = 0; i < cn->nfields; i++)
        for (uint32_t j = 0; j < other->nfields; j++)
            if (same_field(&cn->fields[i], &other->fields[j]))
                return true;
    /* a whole variable against one of its fields (`if (rb)` and `rb->shared`) */
    for (uint32_t i = 0; i < cn->nfields; i++)
        for (uint32_t j = 0; j < other->nvars; j++)
            if (cn->fields[i].var == other->vars[j])
                return true;
    for (uint32_t i = 0; i < cn->nvars; i++)
        for (uint32_t j = 0; j < other->nfields; j++)
            if (cn->vars[i] == other->fields[j].var)
                return true;
    return false;
}

/* Does the condition of block b test something cn names? */
static bool block_tests(const cfg *g, uint32_t b, const cond_names *cn)
{
    const ast_node *c = g->blocks[b].cond;
    if (!c)
        return false;
    cond_names other = {0};
    collect_names(c, &other, true);
    return names_overlap(cn, &other);
}

/* Another branch of the function tests something the condition of block b names. */
static bool tested_again(const lock_fn *lf, uint32_t b, const cond_names *cn)
{
    const cfg *g = lf->g;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        if (bi != b && lf->df->reached[bi] && block_tests(g, bi, cn))
            return true;
    return false;
}

/* Does element el write something cn names (the variable, the field, or the variable a field
   is read through)? *truth: the truth of the constant it stores (-1: not a constant). */
static bool writes_names(const cfg_elem *el, const cond_names *cn, int *truth)
{
    if (el->kind == CFG_EXPR && !el->node)
        return false;
    const ast_var *v = cond_written_var(el);
    ast_node *lv = el->kind == CFG_EXPR ? cond_node_written_lvalue(el->node) : NULL;
    cond_field f;
    bool hit = false;
    for (uint32_t i = 0; v && i < cn->nvars && !hit; i++)
        hit = cn->vars[i] == v;
    for (uint32_t i = 0; v && i < cn->nfields && !hit; i++)
        hit = cn->fields[i].var == v;
    if (!hit && lv && lv->kind == AST_MEMBER && field_chain(ast_strip_parens(lv), &f))
        for (uint32_t i = 0; i < cn->nfields && !hit; i++)
            hit = same_field(&cn->fields[i], &f);
    if (!hit)
        return false;
    ast_var *w;
    ast_node *val = cond_stored_value(el, &w);
    const ast_node *n = el->node;
    *truth = val && n && n->kind == AST_BINARY && n->op == BIN_ASSIGN ? ast_int_literal_truth(ast_strip_casts(val))
                                                                       : -1;
    return true;
}

/* The arm of a test of the names alone (`if (c->shared)`, `if (!c->shared)`) that a stored
   constant of truth t takes; -1 for any other condition, or no constant. */
static int arm_for(const ast_node *cond, const cond_names *cn, int t)
{
    if (t < 0 || !cond)
        return -1;
    bool neg = false;
    const ast_node *e = ast_strip_parens((ast_node *)cond);
    while (e && e->kind == AST_UNARY && e->op == UN_NOT && e->nkids == 1) {
        neg = !neg;
        e = ast_strip_parens(e->kids[0]);
    }
    cond_field f;
    bool alone = e && ((e->kind == AST_REF && cn->nvars == 1 && !cn->nfields && e->var == cn->vars[0]) ||
                       (e->kind == AST_MEMBER && cn->nfields == 1 && !cn->nvars && field_chain(e, &f) &&
                        same_field(&f, &cn->fields[0])));
    if (!alone)
        return -1;
    return (t != 0) != neg ? 0 : 1;
}

/* LOCKS_DECIDE_REWRITES (locks.h): from the arm of d's branch that does not lock, a path to
   target avoiding acquires of l, on which every test of what the branch tested (cn) comes after
   a write of it, and one such write does; a test of the names alone after a constant follows
   the arm the constant takes. The target itself must hang under a test of the names, or under
   no branch. The first write on such a path, or NULL. A walk over (block, what was written)
   pairs: linear. */
static const ast_node *rewritten_reach(fl_arena *A, const lock_fn *lf, const lock_decider *d, uint32_t l,
                                       uint32_t target, const cond_names *cn)
{
    const cfg *g = lf->g;
    int tarm;
    uint32_t guard = branch_above(g, target, &tarm);
    if (guard != UINT32_MAX && !block_tests(g, guard, cn))
        return NULL;
    /* states: 0 not written, 1 written (value unknown), 2 written zero, 3 written non-zero */
    enum { NS = 4 };
    uint8_t *mark = fl_arena_zalloc(A, (g->nblocks + 1) * NS);
    const ast_node **first = fl_arena_zalloc(A, (g->nblocks + 1) * NS * sizeof *first);
    uint32_t *stack = fl_arena_alloc(A, ((g->nblocks + 1) * NS) * sizeof *stack);
    uint32_t n = 0;
    uint32_t from = g->blocks[d->branch].succs[1 - d->arm];
    avoid a = {lf, l, false, target};
    if (!enter_block(&a, from))
        return NULL;
    stack[n++] = from * NS;
    mark[from * NS] = 1;
    while (n) {
        uint32_t sb = stack[--n], b = sb / NS, st = sb % NS;
        const ast_node *w = first[sb];
        if (b == target) {
            if (st)
                return w;
            continue;
        }
        /* a write inside the block's own condition (`c->users-- > 1`) comes after its test
           reads the value, as far as this test goes */
        const cfg_block *cb = &g->blocks[b];
        uint32_t tested = st;
        for (uint32_t i = 0; i < cb->nelems; i++) {
            int t;
            const ast_node *en = cb->elems[i].node;
            if (writes_names(&cb->elems[i], cn, &t)) {
                st = t < 0 ? 1 : t ? 3 : 2;
                if (!cb->cond || !en || !fl_span_within(en->span, cb->cond->span))
                    tested = st;
                if (!w)
                    w = en;
            }
        }
        int only = -1;
        if (cb->nsuccs > 1 && block_tests(g, b, cn)) {
            if (!tested)
                continue; /* the value the branch saw: this test agrees with it */
            only = tested >= 2 ? arm_for(cb->cond, cn, tested == 3) : -1;
        }
        for (uint32_t k = 0; k < cb->nsuccs; k++) {
            uint32_t s = cb->succs[k], ss = s * NS + st;
            if ((only >= 0 && (int)k != only) || mark[ss] || !enter_block(&a, s))
                continue;
            mark[ss] = 1;
            first[ss] = w;
            stack[n++] = ss;
        }
    }
    return NULL;
}

/* The two-way branch that block x hangs under through blocks of one predecessor each, and the
   arm (its succs index) that leads to x; UINT32_MAX when a join of paths comes first. */
static uint32_t branch_above(const cfg *g, uint32_t x, int *arm)
{
    uint32_t b = x;
    for (uint32_t guard = 0; guard < g->nblocks && g->blocks[b].npreds == 1; guard++) {
        uint32_t p = g->blocks[b].preds[0];
        const cfg_block *pb = &g->blocks[p];
        if (pb->nsuccs == 2 && pb->succs[0] != pb->succs[1]) {
            *arm = pb->succs[0] == b ? 0 : 1;
            return p;
        }
        b = p;
    }
    return UINT32_MAX;
}

bool locks_site_unconditional(const lock_fn *lf, const lock_site *s)
{
    int arm;
    return branch_above(lf->g, s->block, &arm) == UINT32_MAX;
}

const ast_node *locks_site_condition(const lock_fn *lf, const lock_site *s)
{
    int arm;
    uint32_t b = branch_above(lf->g, s->block, &arm);
    return b == UINT32_MAX ? NULL : lf->g->blocks[b].cond;
}

static bool other_arm_reaches(fl_arena *A, const lock_fn *lf, const lock_decider *d, uint32_t l, uint32_t target,
                              bool avoid_releases);

/* Try site x (a blocking-kind try, its status tested by the branch that calls it: `if
   (pthread_mutex_trylock(&m) == 0)`) is one of the last operations on l before target: does its
   success arm go on to target holding l, through branches whose conditions nothing else in the
   function tests? The status is a new value no other test saw; each of those conditions may go
   either way. Then a path that took the lock by the try reaches target, and the decider is the
   try's branch, its success arm. A walk over the blocks the success arm reaches before target
   without another operation on l (O(blocks)). */
static bool try_leads_on(fl_arena *A, const lock_fn *lf, uint32_t x, uint32_t l, uint32_t target, lock_decider *out)
{
    const cfg *g = lf->g;
    const lock_site *s = &lf->sites[x];
    if (!s->edge_only || s->maybe || s->op != LOCK_TRY || s->block >= g->nblocks)
        return false;
    uint32_t b = s->block;
    int arm = -1;
    for (uint32_t t = lf->test_first[b]; t < lf->test_first[b + 1]; t++)
        if (lf->tests[t].site == x)
            arm = lf->tests[t].true_is_success ? 0 : 1;
    if (arm < 0 || g->blocks[b].nsuccs != 2 || g->blocks[b].succs[0] == g->blocks[b].succs[1])
        return false;
    const ast_node *term = g->blocks[b].term;
    if (term && (term->kind == AST_WHILE || term->kind == AST_DO || term->kind == AST_FOR))
        return false;
    uint8_t *mark = fl_arena_zalloc(A, g->nblocks + 1);
    uint32_t *stack = fl_arena_alloc(A, (g->nblocks + 1) * sizeof *stack);
    uint32_t n = 0;
    stack[n++] = g->blocks[b].succs[arm];
    mark[stack[0]] = 1;
    bool reached = false;
    while (n) {
        uint32_t c = stack[--n];
        if (c == target) {
            reached = true;
            continue; /* nothing past it counts */
        }
        if (c == b)
            return false; /* round a loop to the try again */
        if (locks_block_has_op(lf, c, l, UINT32_MAX))
            continue;
        const cfg_block *cb = &g->blocks[c];
        if (cb->nsuccs > 1 && cb->cond) {
            cond_names cn = {0};
            collect(cb->cond, &cn);
            if (cn.overflow || lf->test_first[c] != lf->test_first[c + 1] ||
                (lf->split_var && ast_mentions_var(cb->cond, lf->split_var)) || tested_again(lf, c, &cn))
                return false;
        } else if (cb->nsuccs > 1)
            return false; /* a switch: not followed */
        for (uint32_t k = 0; k < cb->nsuccs; k++)
            if (!mark[cb->succs[k]]) {
                mark[cb->succs[k]] = 1;
                stack[n++] = cb->succs[k];
            }
    }
    if (!reached)
        return false;
    *out = (lock_decider){b, arm, x, false, true, NULL};
    return true;
}

bool locks_decider(fl_arena *A, const lock_fn *lf, const fl_word *st, uint32_t l, uint32_t target, unsigned modes,
                   uint32_t *budget, lock_decider *out)
{
    if (!*budget)
        return false;
    --*budget;
    const cfg *g = lf->g;
    uint32_t last[4];
    uint32_t nl = locks_last_sites(lf, st, l, last, 4);
    fl_word *bst = NULL;
    for (uint32_t i = 0; i < nl && i < 4; i++) {
        const lock_site *x = &lf->sites[last[i]];
        lock_decider tried;
        if ((modes & LOCKS_DECIDE_TRIES) && x->edge_only && try_leads_on(A, lf, last[i], l, target, &tried)) {
            if (!bst)
                bst = fl_arena_alloc(A, (lf->nwords + 1) * sizeof *bst);
            locks_state_out(lf, x->block, bst); /* before the try's edges */
            if (fl_bs_test(bst, locks_bit_h(l)))
                continue;
            tried.entry_unknown = fl_bs_test(bst, locks_bit_e(l));
            *out = tried;
            return true;
        }
        if (x->edge_only || x->maybe || x->op == LOCK_MAYBE || lock_op_shared(x->op) ||
            (x->op != LOCK_RELEASE && !lock_op_blocks(x->op)))
            continue;
        int arm = 0;
        uint32_t b = branch_above(g, x->block, &arm);
        if (b == UINT32_MAX || !g->blocks[b].cond || !lf->df->reached[b])
            continue;
        /* a loop's own test runs again each time round: not one decision */
        const ast_node *term = g->blocks[b].term;
        if (term && (term->kind == AST_WHILE || term->kind == AST_DO || term->kind == AST_FOR))
            continue;
        /* x is the arm's first operation on l (`if (c) { wrlock(&rw); unlock(&rw); }` leaves
           the arm's state to the pair, not to x alone) */
        bool first = true;
        for (uint32_t k = lf->site_first[l]; k < lf->site_first[l + 1] && first; k++) {
            const lock_site *o = &lf->sites[lf->site_list[k]];
            if (o == x)
                continue;
            for (uint32_t c = g->blocks[b].succs[arm], guard = 0; guard < g->nblocks; guard++) {
                if (o->block == c && (c != x->block || o->elem < x->elem))
                    first = false;
                if (c == x->block || g->blocks[c].nsuccs != 1)
                    break;
                c = g->blocks[c].succs[0];
            }
        }
        if (!first)
            continue;
        /* a test of a lock call's status is the lock analysis's own business */
        bool status = lf->test_first[b] != lf->test_first[b + 1];
        for (uint32_t k = lf->site_first[l]; k < lf->site_first[l + 1] && !status; k++)
            status = lf->sites[lf->site_list[k]].block == b && lf->sites[lf->site_list[k]].edge_only;
        if (status)
            continue;
        cond_names cn = {0};
        collect(g->blocks[b].cond, &cn);
        if (cn.overflow || (lf->split_var && ast_mentions_var(g->blocks[b].cond, lf->split_var)))
            continue;
        bool again = tested_again(lf, b, &cn);
        if (again && (!(modes & LOCKS_DECIDE_REWRITES) || !lock_op_acquires(x->op)))
            continue;
        if (!bst)
            bst = fl_arena_alloc(A, (lf->nwords + 1) * sizeof *bst);
        locks_state_out(lf, b, bst);
        /* before the branch: held on every path when the arm releases it, on none of this
           function's when the arm takes it */
        if (x->op == LOCK_RELEASE ? !locks_must_held(bst, l) : fl_bs_test(bst, locks_bit_h(l)))
            continue;
        lock_decider cand = {b, arm, last[i], x->op != LOCK_RELEASE && fl_bs_test(bst, locks_bit_e(l)), false, NULL};
        /* the other value goes on to the point too, without the opposite operation on the way:
           otherwise this branch decides nothing there (its other arm returns, or another
           operation on the lock decides) */
        if (again ? !(cand.rewrite = rewritten_reach(A, lf, &cand, l, target, &cn))
                  : !other_arm_reaches(A, lf, &cand, l, target, x->op == LOCK_RELEASE))
            continue;
        *out = cand;
        return true;
    }
    return false;
}

static bool other_arm_reaches(fl_arena *A, const lock_fn *lf, const lock_decider *d, uint32_t l, uint32_t target,
                              bool avoid_releases)
{
    const cfg *g = lf->g;
    uint32_t from = g->blocks[d->branch].succs[1 - d->arm];
    uint8_t *mark = fl_arena_zalloc(A, g->nblocks + 1);
    uint32_t *stack = fl_arena_alloc(A, (g->nblocks + 1) * sizeof *stack);
    avoid a = {lf, l, avoid_releases, target};
    if (!enter_block(&a, from))
        return false;
    cfg_mark_reach(g, from, false, UINT32_MAX, mark, 1, stack, enter_block, &a);
    return mark[target] != 0;
}
