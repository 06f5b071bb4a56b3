/* cfg_build.c - building a function's CFG from its ast in one pass.
 *
 * The builder walks the body once, appending elements to the "current" block. Jumps whose
 * target block does not exist yet are pending edges chained into jump lists (as in Lua's
 * lparser.c) and patched once the target is created; so blocks are numbered roughly in
 * source order and each block is current exactly once, which lets all elements live in one
 * growing stream where every block owns a contiguous range. The only elements added to a block
 * after it was closed are the scope ends of a goto (known when labels are resolved at the end);
 * they go to a small side list.
 *
 * The current block may be "none" after a jump (return, break, goto...). Nothing falls through
 * from none; code reached only from none gets a fresh block without predecessors (unreachable).
 *
 * Lifetimes: every automatic variable whose CFG_DECL was emitted is pushed on a persistent
 * linked list (`live`, innermost first); a scope remembers the list head at its entry. Leaving
 * scopes (fall off the end, break, continue, return, goto) emits CFG_SCOPE_END for the list
 * entries deeper than the target, which is exactly "the variables declared so far in the scopes
 * being left, innermost scope first, each in reverse declaration order".
 *
 * Parameters die after everything else on the ways into the exit (return, falling off the
 * body, goto to an unknown label), in reverse order. Static and extern locals get a CFG_DECL
 * but no initializer elements (it is not run there) and never a scope end. A compound literal's
 * object gets a CFG_DECL whose node is the AST_COMPOUND_LIT itself (after its initializer,
 * before the literal's own CFG_EXPR) and dies with the enclosing block.
 *
 * Conditions: an integer literal as the condition of if/while/do/for/?: (`while (1)`,
 * `do ... while (0)`) keeps only the edge it takes; the block then has no `cond`.
 * The left operand of a value-context && / || is built as a condition too (so `x = a && b && c`
 * has one join, holding the outer operator; the inner && is not an element).
 * An indirect goto may reach every label (`&&label` is not distinguishable in the ast).
 */
#include "cfg.h"

#include <stdlib.h>
#include <string.h>

#include "../base/vec.h"
#include "../base/xalloc.h"

#define NONE UINT32_MAX

enum { ENTRY = 0, EXIT = 1 };

typedef struct bblock {
    uint32_t estart, eend;   /* range in the element stream */
    uint32_t lstart, nlate;  /* range in the late-element list (goto scope ends) */
    ast_node *term, *cond, *loop;
} bblock;

typedef struct edge {
    uint32_t from, to; /* to == NONE while pending */
    uint32_t next;     /* next edge of the same jump list */
    uint32_t tail;     /* the head of a jump list: its last edge, so that lists join in O(1) */
} edge;

typedef struct live {
    ast_var *var;
    uint32_t prev;  /* the previously declared live variable, NONE at the end */
    uint32_t depth; /* depth of the scope the variable belongs to */
} live;

typedef struct scope_node {
    uint32_t parent, depth;
} scope_node;

typedef struct label {
    const char *name;
    uint32_t block, scope;
} label;

typedef struct pending_goto {
    ast_node *node;
    uint32_t block, scope, live;
} pending_goto;

/* A break or continue destination: a known block, or the jump list in slot `list` (see the
   walk below), patched later. */
typedef struct target {
    uint32_t block, list;
    uint32_t depth; /* scope depth at the destination: deeper variables die on the jump */
} target;

typedef struct switch_ctx {
    uint32_t block;
    bool has_default;
} switch_ctx;

typedef struct task task; /* a construct being built: see the walk below */

typedef struct builder {
    fl_arena *arena;
    const ast_func *fn;
    FL_VEC(bblock) blocks;
    FL_VEC(cfg_elem) elems;
    FL_VEC(cfg_elem) late;
    FL_VEC(edge) edges;
    FL_VEC(live) lives;
    FL_VEC(scope_node) scopes;
    FL_VEC(label) labels;
    FL_VEC(pending_goto) gotos;
    uint32_t cur;       /* current block, NONE after a jump */
    uint32_t live_head; /* innermost declared variable, NONE if none */
    uint32_t scope;     /* current scope node */
    ast_node *loop;     /* innermost loop statement */
    uint32_t brk, cont; /* where break and continue go (b->targets), NONE outside loops */
    uint32_t sw;        /* the innermost switch (b->sws), NONE outside switches */
    /* the walk's stacks: constructs being built, their jump lists, targets, switches */
    FL_VEC(task) tasks;
    FL_VEC(uint32_t) lists;
    FL_VEC(target) targets;
    FL_VEC(switch_ctx) sws;
} builder;


/* ---- blocks, elements and edges ----------------------------------------------------------- */

static uint32_t add_block(builder *b)
{
    bblock nb = {0};
    nb.estart = nb.eend = (uint32_t)b->elems.len;
    nb.loop = b->loop;
    fl_vec_push(&b->blocks, nb);
    return (uint32_t)b->blocks.len - 1;
}

static void close_cur(builder *b)
{
    if (b->cur != NONE)
        b->blocks.items[b->cur].eend = (uint32_t)b->elems.len;
    b->cur = NONE;
}

/* Make a fresh block current (no edge from the previous one). */
static uint32_t start_block(builder *b)
{
    close_cur(b);
    uint32_t id = add_block(b);
    b->cur = id;
    return id;
}

/* Code reached only after a jump still needs a block to live in (an unreachable one). */
static void ensure_cur(builder *b)
{
    if (b->cur == NONE)
        start_block(b);
}

static void emit(builder *b, cfg_elem_kind kind, ast_node *node, ast_var *var)
{
    ensure_cur(b);
    cfg_elem e = {(uint8_t)kind, node, var};
    fl_vec_push(&b->elems, e);
}

static void add_edge(builder *b, uint32_t from, uint32_t to)
{
    edge e = {from, to, NONE, NONE};
    fl_vec_push(&b->edges, e);
}

/* A pending edge from `from`, pushed on jump list *list. */
static void add_pending(builder *b, uint32_t from, uint32_t *list)
{
    uint32_t id = (uint32_t)b->edges.len;
    edge e = {from, NONE, *list, *list == NONE ? id : b->edges.items[*list].tail};
    fl_vec_push(&b->edges, e);
    *list = id;
}

static void patch(builder *b, uint32_t list, uint32_t to)
{
    for (uint32_t i = list; i != NONE; i = b->edges.items[i].next)
        b->edges.items[i].to = to;
}

/* The jump list of l1's edges then l2's, in constant time (the order of a list does not
   matter: edges are numbered when made). */
static uint32_t concat(builder *b, uint32_t l1, uint32_t l2)
{
    if (l1 == NONE)
        return l2;
    if (l2 == NONE)
        return l1;
    edge *h = &b->edges.items[l1];
    b->edges.items[h->tail].next = l2;
    h->tail = b->edges.items[l2].tail;
    return l1;
}

/* The current block falls through along a pending edge on *list; no block is current after. */
static void jump_pending(builder *b, uint32_t *list)
{
    if (b->cur != NONE)
        add_pending(b, b->cur, list);
    close_cur(b);
}

/* The current block falls through to a known block. */
static void jump_to(builder *b, uint32_t to)
{
    if (b->cur != NONE)
        add_edge(b, b->cur, to);
    close_cur(b);
}

/* Continue at the target of jump list `list`, also reached by falling through. A new block
   is needed only when something jumps there; with nothing current and no jumps the code that
   follows is unreachable and gets a block lazily. */
static void enter_join(builder *b, uint32_t list)
{
    if (list == NONE)
        return;
    uint32_t prev = b->cur;
    uint32_t id = start_block(b);
    if (prev != NONE)
        add_edge(b, prev, id);
    patch(b, list, id);
}

/* Start a block that must exist (a label, a case, a loop head), falling through from the
   current one. */
static uint32_t enter_new(builder *b)
{
    uint32_t prev = b->cur;
    uint32_t id = start_block(b);
    if (prev != NONE)
        add_edge(b, prev, id);
    return id;
}

/* ---- lifetimes ---------------------------------------------------------------------------- */

static uint32_t scope_depth(const builder *b) { return b->scopes.items[b->scope].depth; }

static void scope_push(builder *b)
{
    scope_node n = {b->scope, scope_depth(b) + 1};
    fl_vec_push(&b->scopes, n);
    b->scope = (uint32_t)b->scopes.len - 1;
}

static void emit_decl(builder *b, ast_node *node, ast_var *var)
{
    emit(b, CFG_DECL, node, var);
    if (var && var->storage == STORAGE_LOCAL) {
        live l = {var, b->live_head, scope_depth(b)};
        fl_vec_push(&b->lives, l);
        b->live_head = (uint32_t)b->lives.len - 1;
    }
}

/* Scope ends, into the current block, for the live variables deeper than `depth`. */
static void end_lives(builder *b, uint32_t depth, ast_node *why)
{
    for (uint32_t l = b->live_head; l != NONE && b->lives.items[l].depth > depth;
         l = b->lives.items[l].prev)
        emit(b, CFG_SCOPE_END, why, b->lives.items[l].var);
}

static void end_params(builder *b, ast_node *why)
{
    for (uint32_t i = b->fn->nparams; i-- > 0;)
        if (b->fn->params[i])
            emit(b, CFG_SCOPE_END, why, b->fn->params[i]);
}

/* Leave the current scope by falling off its end (`why` = the compound or for statement).
   Unreachable ends emit nothing: no block would hold them. */
static void scope_pop(builder *b, ast_node *why)
{
    uint32_t depth = scope_depth(b) - 1;
    if (b->cur != NONE)
        end_lives(b, depth, why);
    while (b->live_head != NONE && b->lives.items[b->live_head].depth > depth)
        b->live_head = b->lives.items[b->live_head].prev;
    b->scope = b->scopes.items[b->scope].parent;
}

/* ---- branches ----------------------------------------------------------------------------- */

/* End the current block with a two-way branch on `cond`:
 *   [... cond] --true--> *t
 *              --false-> *f
 */
static void branch(builder *b, ast_node *cond, ast_node *term, uint32_t *t, uint32_t *f)
{
    ensure_cur(b);
    bblock *blk = &b->blocks.items[b->cur];
    blk->term = term;
    int k = ast_int_literal_truth(cond);
    if (k < 0) {
        blk->cond = cond;
        add_pending(b, b->cur, t);
        add_pending(b, b->cur, f);
    } else {
        add_pending(b, b->cur, k ? t : f);
    }
    close_cur(b);
}

/* ---- the walk: constructs as tasks on an explicit stack ------------------------------------
 *
 * A statement, expression or condition being built is a task; where the builder of a construct
 * would call itself on a kid, the task records the stage to resume at and pushes the kid's task
 * (child, call_cond). A task's jump lists (the outcomes of a condition, a join, a loop's break
 * and continue lists) live in slots of b->lists, numbered from the task's `slots`; a condition
 * writes its outcomes into the slots its parent names (t, f). Slots, targets and switch contexts
 * are taken in stack order, so a finished task gives back what it took by resetting lengths. */

typedef enum task_op {
    /* classify the node, then become one of the ops below */
    T_STMT, T_VALUE, T_COND,
    /* statements */
    T_COMPOUND, T_DECL_STMT, T_IF, T_WHILE, T_DO, T_FOR, T_SWITCH, T_GOTO, T_RETURN, T_STMT_KIDS,
    /* expressions for their value */
    T_PAREN, T_LOGICAL, T_GNU_VALUE, T_CONDITIONAL, T_EVAL,
    /* expressions for their truth */
    T_COND_LOGICAL, T_COND_GNU, T_COND_TERNARY, T_COND_TEST,
} task_op;

struct task {
    ast_node *n;
    ast_node *term;      /* conditions: the statement or operator that owns the final test */
    uint32_t t, f;       /* conditions: the slots that receive the true / false jump lists */
    uint8_t op;          /* task_op */
    uint8_t stage;       /* where to resume */
    uint32_t i, j;       /* kid indices */
    uint32_t slots;      /* its own slots start here (b->lists) */
    uint32_t tbase;      /* its targets start here (b->targets) */
    uint32_t swbase;     /* its switch context, if any, is here (b->sws) */
    uint32_t blk;        /* loops: the head block (do: the body block) */
    uint32_t brk, cont;  /* loops and switch: their targets */
    ast_node *saved_loop;
    uint32_t saved_brk, saved_cont, saved_sw;
};

/* The jump list in slot k (valid until the next slot is taken). */
static uint32_t *slot(builder *b, uint32_t k) { return &b->lists.items[k]; }

/* Task ti's first n slots, empty (a task takes them once, before its first child). */
static void take_slots(builder *b, uint32_t ti, uint32_t n)
{
    if (b->lists.len != b->tasks.items[ti].slots)
        fl_bug("cfg of %s: task slots taken twice", b->fn->name ? b->fn->name : "?");
    for (uint32_t i = 0; i < n; i++)
        fl_vec_push(&b->lists, NONE);
}

/* A break or continue destination (see `target`), whose jump list is slot `list`. */
static uint32_t new_target(builder *b, uint32_t block, uint32_t list)
{
    target tg = {block, list, scope_depth(b)};
    fl_vec_push(&b->targets, tg);
    return (uint32_t)b->targets.len - 1;
}

static uint32_t push_task(builder *b, task_op op, ast_node *n)
{
    /* Made in place, with the fields every task reads; the others are set by the tasks that
       use them. */
    fl_vec_reserve(&b->tasks, b->tasks.len + 1);
    task *t = &b->tasks.items[b->tasks.len];
    t->n = n;
    t->op = (uint8_t)op;
    t->stage = 0;
    t->i = t->j = 0;
    t->slots = (uint32_t)b->lists.len;
    t->tbase = (uint32_t)b->targets.len;
    t->swbase = (uint32_t)b->sws.len;
    return (uint32_t)b->tasks.len++;
}

/* Task ti (the top one) is done: it gives back its slots, targets and switch context. */
static void done(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    b->lists.len = k->slots;
    b->targets.len = k->tbase;
    b->sws.len = k->swbase;
    b->tasks.len = ti;
}

/* Task ti (the top one) is replaced by a task of op for n: a call in tail position. */
static void become(builder *b, uint32_t ti, task_op op, ast_node *n)
{
    done(b, ti);
    push_task(b, op, n);
}

/* Task ti resumes at `stage` once n is built (as op). */
static void child(builder *b, uint32_t ti, uint8_t stage, task_op op, ast_node *n)
{
    b->tasks.items[ti].stage = stage;
    push_task(b, op, n);
}

/* Task ti resumes at `stage` once e is built as a condition into slots t / f. */
static void call_cond(builder *b, uint32_t ti, uint8_t stage, ast_node *e, ast_node *term, uint32_t t, uint32_t f)
{
    b->tasks.items[ti].stage = stage;
    uint32_t ci = push_task(b, T_COND, e);
    task *c = &b->tasks.items[ci];
    c->term = term;
    c->t = t;
    c->f = f;
}

/* ---- conditions ---- */

/* Evaluate e for its truth, leaving jump lists in slots t / f for the true / false outcomes.
 * Logical operators branch directly and are not elements themselves:
 *   a && b:  [a] T-> [b] T-> t         a || b:  [a] F-> [b] F-> f
 *                F-> f    F-> f                   T-> t    T-> t
 *   !a:      [a] with t and f swapped
 *   c ? x : y:  [c] T-> [x] -> t | f     c ?: y:  [c] T-> t
 *                   F-> [y] -> t | f                  F-> [y] -> t | f
 *   other:   [... e] T-> t  F-> f   (e evaluated in post-order; cond = e)
 * `term` is the statement or operator that owns the final test. */
static void step_cond(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    ast_node *e = ast_strip_parens(k->n);
    k->n = e;
    if (e->kind == AST_BINARY && e->nkids == 2 && (e->op == BIN_LAND || e->op == BIN_LOR)) {
        k->op = T_COND_LOGICAL;
    } else if (e->kind == AST_UNARY && e->op == UN_LNOT && e->nkids == 1) {
        uint32_t t = k->t;
        k->n = e->kids[0];
        k->t = k->f;
        k->f = t;
    } else if (e->kind == AST_COND && (e->flags & AST_F_BINARY_COND) && e->nkids == 2) {
        k->op = T_COND_GNU;
    } else if (e->kind == AST_COND && e->nkids == 3) {
        k->op = T_COND_TERNARY;
    } else {
        k->op = T_COND_TEST;
    }
}

/* a && b, a || b; a ?: b (gnu) */
static void step_cond_logical(builder *b, uint32_t ti, bool gnu)
{
    task *k = &b->tasks.items[ti];
    ast_node *e = k->n;
    uint32_t s = k->slots; /* t1 f1 t2 f2 */
    switch (k->stage) {
    case 0:
        take_slots(b, ti, 4);
        call_cond(b, ti, 1, e->kids[0], e, s, s + 1);
        return;
    case 1:
        enter_join(b, !gnu && e->op == BIN_LAND ? *slot(b, s) : *slot(b, s + 1));
        call_cond(b, ti, 2, e->kids[1], k->term, s + 2, s + 3);
        return;
    }
    uint32_t t1 = *slot(b, s), f1 = *slot(b, s + 1), t2 = *slot(b, s + 2), f2 = *slot(b, s + 3);
    uint32_t *t = slot(b, k->t), *f = slot(b, k->f);
    if (!gnu && e->op == BIN_LAND) {
        *t = concat(b, t2, *t);
        *f = concat(b, f2, concat(b, *f, f1));
    } else {
        *t = concat(b, t2, concat(b, *t, t1));
        *f = concat(b, f2, *f);
    }
    done(b, ti);
}

/* c ? x : y */
static void step_cond_ternary(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    ast_node *e = k->n;
    uint32_t s = k->slots; /* tc fc t1 f1 t2 f2 */
    switch (k->stage) {
    case 0:
        take_slots(b, ti, 6);
        call_cond(b, ti, 1, e->kids[0], e, s, s + 1);
        return;
    case 1:
        enter_join(b, *slot(b, s));
        call_cond(b, ti, 2, e->kids[1], k->term, s + 2, s + 3);
        return;
    case 2:
        enter_join(b, *slot(b, s + 1));
        call_cond(b, ti, 3, e->kids[2], k->term, s + 4, s + 5);
        return;
    }
    uint32_t t1 = *slot(b, s + 2), f1 = *slot(b, s + 3), t2 = *slot(b, s + 4), f2 = *slot(b, s + 5);
    uint32_t *t = slot(b, k->t), *f = slot(b, k->f);
    *t = concat(b, t2, concat(b, t1, *t));
    *f = concat(b, f2, concat(b, f1, *f));
    done(b, ti);
}

/* any other expression: evaluated, then tested */
static void step_cond_test(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    if (k->stage == 0) {
        child(b, ti, 1, T_VALUE, k->n);
        return;
    }
    branch(b, k->n, k->term, slot(b, k->t), slot(b, k->f));
    done(b, ti);
}

/* ---- expressions ---- */

/* Post-order: [kids... e]. Parens are transparent; sizeof's operand is not evaluated;
 * a ({ ... }) runs its statements then is itself an element; a compound literal's object is
 * declared (CFG_DECL, node = the literal) after its initializer; a noreturn call ends its block
 * with no successor:  [... call] (dead end). */
static void step_value(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    ast_node *e = k->n;
    if (!e) {
        done(b, ti);
        return;
    }
    if (!ast_is_expr(e)) {
        become(b, ti, T_STMT, e);
        return;
    }
    switch (e->kind) {
    case AST_PAREN:
        k->op = T_PAREN;
        return;
    case AST_SIZEOF:
        emit(b, CFG_EXPR, e, NULL);
        done(b, ti);
        return;
    case AST_BINARY:
        k->op = (e->op == BIN_LAND || e->op == BIN_LOR) && e->nkids == 2 ? T_LOGICAL : T_EVAL;
        return;
    case AST_COND:
        k->op = e->nkids == 3 ? T_CONDITIONAL
                : e->nkids == 2 && (e->flags & AST_F_BINARY_COND) ? T_GNU_VALUE : T_EVAL;
        return;
    default:
        k->op = T_EVAL;
        return;
    }
}

/* Every kid of task ti's node built as op, one after the other; false when all are. */
static bool next_kid(builder *b, uint32_t ti, task_op op)
{
    task *k = &b->tasks.items[ti];
    if (k->i >= k->n->nkids)
        return false;
    child(b, ti, k->stage, op, k->n->kids[k->i++]);
    return true;
}

static void step_eval(builder *b, uint32_t ti)
{
    if (next_kid(b, ti, T_VALUE))
        return;
    ast_node *e = b->tasks.items[ti].n;
    if (e->kind == AST_COMPOUND_LIT && e->var)
        emit_decl(b, e, e->var);
    emit(b, CFG_EXPR, e, NULL);
    if (e->kind == AST_CALL && (e->flags & AST_F_NORETURN)) {
        b->blocks.items[b->cur].term = e;
        close_cur(b);
    }
    done(b, ti);
}

/* a && b (value):  [a] T-> [b] -> [join: &&]      a || b: the same with a's edges swapped
 *                      F-------->
 * a's own logical operators branch directly (as a condition). */
static void step_logical(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    ast_node *e = k->n;
    uint32_t s = k->slots; /* t f */
    bool land = e->op == BIN_LAND;
    switch (k->stage) {
    case 0:
        take_slots(b, ti, 2);
        call_cond(b, ti, 1, e->kids[0], e, s, s + 1);
        return;
    case 1:
        enter_join(b, *slot(b, land ? s : s + 1));
        child(b, ti, 2, T_VALUE, e->kids[1]);
        return;
    }
    enter_join(b, *slot(b, land ? s + 1 : s));
    emit(b, CFG_EXPR, e, NULL);
    done(b, ti);
}

/* c ? x : y (value):  [c] T-> [x] -> [join: ?:]      c ?: y:  [c] T-----------> [join: ?:]
 *                         F-> [y] ->                            F-> [y] ->
 * GNU's c is evaluated once as a value (it is the result when true). */
static void step_conditional(builder *b, uint32_t ti, bool gnu)
{
    task *k = &b->tasks.items[ti];
    ast_node *e = k->n;
    uint32_t s = k->slots; /* t f join */
    ast_node *c = gnu ? ast_strip_parens(e->kids[0]) : e->kids[0];
    switch (k->stage) {
    case 0:
        take_slots(b, ti, 3);
        if (gnu)
            child(b, ti, 1, T_VALUE, c);
        else
            call_cond(b, ti, 1, c, e, s, s + 1);
        return;
    case 1:
        if (gnu) {
            branch(b, c, e, slot(b, s), slot(b, s + 1));
            enter_join(b, *slot(b, s + 1));
        } else {
            enter_join(b, *slot(b, s));
        }
        child(b, ti, 2, T_VALUE, e->kids[1]);
        return;
    case 2:
        jump_pending(b, slot(b, s + 2));
        if (gnu) {
            enter_join(b, concat(b, *slot(b, s), *slot(b, s + 2)));
            break;
        }
        enter_join(b, *slot(b, s + 1));
        child(b, ti, 3, T_VALUE, e->kids[2]);
        return;
    case 3:
        jump_pending(b, slot(b, s + 2));
        enter_join(b, *slot(b, s + 2));
        break;
    }
    emit(b, CFG_EXPR, e, NULL);
    done(b, ti);
}

/* ---- statements ---- */

/* break / continue:  [scope-end(left scopes)] -> target */
static void build_jump(builder *b, ast_node *s, uint32_t ti)
{
    if (ti != NONE) {
        const target *tg = &b->targets.items[ti];
        end_lives(b, tg->depth, s);
        ensure_cur(b);
        b->blocks.items[b->cur].term = s;
        if (tg->block != NONE)
            add_edge(b, b->cur, tg->block);
        else
            add_pending(b, b->cur, slot(b, tg->list));
    }
    close_cur(b);
}

/* case v: S / default: S:  -> [label: S]  plus an edge from the switch block.
 * Case values are constants: not evaluated. L: S:  -> [L: S]   gotos are resolved after the
 * body. The substatement is built in the task's place. */
static void build_label_head(builder *b, ast_node *s)
{
    uint32_t id = enter_new(b);
    if (s->kind == AST_LABEL) {
        label l = {s->name, id, b->scope};
        fl_vec_push(&b->labels, l);
    } else if (b->sw != NONE) {
        switch_ctx *sw = &b->sws.items[b->sw];
        add_edge(b, sw->block, id);
        if (s->kind == AST_DEFAULT)
            sw->has_default = true;
    }
}

static void step_stmt(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    ast_node *s = k->n;
    if (!s) {
        done(b, ti);
        return;
    }
    if (ast_is_expr(s)) {
        become(b, ti, T_VALUE, s);
        return;
    }
    switch (s->kind) {
    case AST_COMPOUND: /* { s1; s2; }:  [s1 s2 scope-end(vars, reverse order)] */
        scope_push(b);
        k->op = T_COMPOUND;
        return;
    case AST_DECL_STMT: k->op = T_DECL_STMT; return;
    case AST_VAR:
        if (s->var)
            emit_decl(b, s, s->var);
        break;
    case AST_IF:
        if (s->nkids >= 2) {
            k->op = T_IF;
            return;
        }
        break;
    case AST_WHILE:
    case AST_DO:
        if (s->nkids == 2) {
            k->op = s->kind == AST_WHILE ? T_WHILE : T_DO;
            return;
        }
        break;
    case AST_FOR:
        if (s->nkids == 4) {
            k->op = T_FOR;
            return;
        }
        break;
    case AST_SWITCH:
        if (s->nkids >= 1) {
            k->op = T_SWITCH;
            return;
        }
        break;
    case AST_CASE:
    case AST_DEFAULT:
    case AST_LABEL:
        build_label_head(b, s);
        if (s->nkids) {
            become(b, ti, T_STMT, s->kids[s->kind == AST_LABEL ? 0 : s->nkids - 1]);
            return;
        }
        break;
    case AST_GOTO:
    case AST_INDIRECT_GOTO: k->op = T_GOTO; return;
    case AST_BREAK: build_jump(b, s, b->brk); break;
    case AST_CONTINUE: build_jump(b, s, b->cont); break;
    case AST_RETURN: k->op = T_RETURN; return;
    case AST_NULL_STMT:
    case AST_ASM:
        break;
    default: k->op = T_STMT_KIDS; return;
    }
    done(b, ti);
}

/* int a = x, b;:  [x decl(a) decl(b)]   static/extern variables: no initializer elements */
static void step_decl_stmt(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    ast_node *s = k->n;
    for (; k->i < s->nkids; k->i++, k->j = 0) {
        ast_node *v = s->kids[k->i];
        if (!v)
            continue;
        if (v->kind != AST_VAR || !v->var) {
            k->i++;
            child(b, ti, 0, T_VALUE, v);
            return;
        }
        if (v->var->storage == STORAGE_LOCAL && k->j < v->nkids) {
            child(b, ti, 0, T_VALUE, v->kids[k->j++]);
            return;
        }
        emit_decl(b, v, v->var);
    }
    done(b, ti);
}

/* if (c) A else B:  [.. c] T-> [A] -> [join]
 *                          F-> [B] ->
 * without else, the false edge goes to the join. */
static void step_if(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    ast_node *s = k->n;
    uint32_t sl = k->slots; /* t f join */
    bool has_else = s->nkids > 2 && s->kids[2];
    switch (k->stage) {
    case 0:
        take_slots(b, ti, 3);
        call_cond(b, ti, 1, s->kids[0], s, sl, sl + 1);
        return;
    case 1:
        enter_join(b, *slot(b, sl));
        child(b, ti, 2, T_STMT, s->nkids > 1 ? s->kids[1] : NULL);
        return;
    case 2:
        if (has_else) {
            jump_pending(b, slot(b, sl + 2));
            enter_join(b, *slot(b, sl + 1));
            child(b, ti, 3, T_STMT, s->kids[2]);
            return;
        }
        enter_join(b, *slot(b, sl + 1));
        break;
    case 3:
        enter_join(b, *slot(b, sl + 2));
        break;
    }
    done(b, ti);
}

/* Enter the body of a loop or switch: its targets become break's and continue's. */
static void enter_loop_body(builder *b, const task *k, bool loop)
{
    b->brk = k->brk;
    if (loop)
        b->cont = k->cont;
}

/* Leave it: the enclosing break and continue targets come back. */
static void leave_loop_body(builder *b, const task *k)
{
    b->brk = k->saved_brk;
    b->cont = k->saved_cont;
}

/* Start a loop statement: the enclosing loop, break and continue are saved, the loop's jump
   lists taken (slots: t, break list, continue list), its head block made, and its targets:
   break to the list, continue to the head (cont_at_head) or to a list patched later. */
static void start_loop(builder *b, uint32_t ti, bool cont_at_head)
{
    task *k = &b->tasks.items[ti];
    k->saved_loop = b->loop;
    k->saved_brk = b->brk;
    k->saved_cont = b->cont;
    take_slots(b, ti, 3);
    b->loop = k->n;
    k->blk = enter_new(b);
    k->brk = new_target(b, NONE, k->slots + 1);
    k->cont = new_target(b, cont_at_head ? k->blk : NONE, k->slots + 2);
}

/* End it: the enclosing loop is back, and the code after the loop starts where break goes. */
static void end_loop(builder *b, const task *k)
{
    b->loop = k->saved_loop;
    enter_join(b, *slot(b, k->slots + 1));
}

/* while (c) S:  -> [head: c] T-> [S] -> head
 *                            F-> [exit]          break -> exit, continue -> head */
static void step_while(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    ast_node *s = k->n;
    uint32_t sl = k->slots;
    switch (k->stage) {
    case 0:
        start_loop(b, ti, true);
        call_cond(b, ti, 1, s->kids[0], s, sl, sl + 1);
        return;
    case 1:
        enter_join(b, *slot(b, sl));
        enter_loop_body(b, k, true);
        child(b, ti, 2, T_STMT, s->kids[1]);
        return;
    }
    jump_to(b, k->blk);
    leave_loop_body(b, k);
    end_loop(b, k);
    done(b, ti);
}

/* do S while (c):  -> [body: S] -> [c] T-> body
 *                                      F-> [exit]  continue -> c, break -> exit
 * (c stays in S's last block when nothing continues) */
static void step_do(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    ast_node *s = k->n;
    uint32_t sl = k->slots;
    switch (k->stage) {
    case 0:
        start_loop(b, ti, false);
        enter_loop_body(b, &b->tasks.items[ti], true);
        child(b, ti, 1, T_STMT, s->kids[0]);
        return;
    case 1:
        leave_loop_body(b, k);
        enter_join(b, *slot(b, sl + 2));
        call_cond(b, ti, 2, s->kids[1], s, sl, sl + 1);
        return;
    }
    patch(b, *slot(b, sl), k->blk);
    end_loop(b, k);
    done(b, ti);
}

/* for (init; c; inc) S:  [init] -> [head: c] T-> [S] -> [inc] -> head
 *                                            F-> [exit: scope-end(init vars)]
 * no c: head falls into S (no false edge); no inc: S and continue go back to head.
 * continue -> inc, break -> exit. */
static void step_for(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    ast_node *s = k->n;
    ast_node *init = s->kids[0], *c = s->kids[1], *inc = s->kids[2], *body = s->kids[3];
    uint32_t sl = k->slots;
    switch (k->stage) {
    case 0:
        scope_push(b);
        child(b, ti, 1, T_STMT, init);
        return;
    case 1:
        start_loop(b, ti, false);
        k = &b->tasks.items[ti];
        if (c) {
            call_cond(b, ti, 2, c, s, sl, sl + 1);
            return;
        }
        k->stage = 2;
        return;
    case 2:
        if (c)
            enter_join(b, *slot(b, sl));
        enter_loop_body(b, k, true);
        child(b, ti, 3, T_STMT, body);
        return;
    case 3:
        leave_loop_body(b, k);
        if (inc) {
            enter_join(b, *slot(b, sl + 2));
            child(b, ti, 4, T_VALUE, inc);
            return;
        }
        patch(b, *slot(b, sl + 2), k->blk);
        break;
    }
    jump_to(b, k->blk);
    end_loop(b, k);
    scope_pop(b, s);
    done(b, ti);
}

/* switch (c) S:  [.. c] -> [case 1] -> [case 2] -> ... -> [exit]
 *                       -> [default]
 *                       -> [exit]        (only without default)
 * one successor per label in source order; cases fall through; break -> exit. */
static void step_switch(builder *b, uint32_t ti)
{
    task *k = &b->tasks.items[ti];
    ast_node *s = k->n;
    uint32_t sl = k->slots; /* the break list */
    switch (k->stage) {
    case 0:
        child(b, ti, 1, T_VALUE, s->kids[0]);
        return;
    case 1: {
        ensure_cur(b);
        switch_ctx sw = {b->cur, false};
        fl_vec_push(&b->sws, sw);
        b->blocks.items[b->cur].term = s;
        close_cur(b);
        take_slots(b, ti, 1);
        k->saved_brk = b->brk;
        k->saved_cont = b->cont;
        k->saved_sw = b->sw;
        k->brk = new_target(b, NONE, sl);
        enter_loop_body(b, k, false);
        b->sw = k->swbase;
        child(b, ti, 2, T_STMT, s->nkids > 1 ? s->kids[1] : NULL);
        return;
    }
    }
    leave_loop_body(b, k);
    b->sw = k->saved_sw;
    const switch_ctx *sw = &b->sws.items[k->swbase];
    if (!sw->has_default)
        add_pending(b, sw->block, slot(b, sl));
    if (b->cur != NONE)
        jump_pending(b, slot(b, sl));
    enter_join(b, *slot(b, sl));
    done(b, ti);
}

/* goto L:  [... scope-end(left scopes)] -> L   (scope ends added when L is known)
 * goto *p:  [.. p] -> every label */
static void step_goto(builder *b, uint32_t ti)
{
    ast_node *s = b->tasks.items[ti].n;
    if (s->kind == AST_INDIRECT_GOTO && next_kid(b, ti, T_VALUE))
        return;
    ensure_cur(b);
    b->blocks.items[b->cur].term = s;
    pending_goto g = {s, b->cur, b->scope, b->live_head};
    fl_vec_push(&b->gotos, g);
    close_cur(b);
    done(b, ti);
}

/* return v:  [.. v scope-end(all locals, innermost first) scope-end(params, reverse)] -> exit */
static void step_return(builder *b, uint32_t ti)
{
    if (next_kid(b, ti, T_VALUE))
        return;
    ast_node *s = b->tasks.items[ti].n;
    end_lives(b, 0, s);
    end_params(b, s);
    ensure_cur(b);
    b->blocks.items[b->cur].term = s;
    add_edge(b, b->cur, EXIT);
    close_cur(b);
    done(b, ti);
}

/* Build n as a statement (T_STMT), a value (T_VALUE); tasks run until n's is done. */
static void build(builder *b, task_op op, ast_node *n)
{
    size_t base = b->tasks.len;
    push_task(b, op, n);
    while (b->tasks.len > base) {
        uint32_t ti = (uint32_t)b->tasks.len - 1;
        switch ((task_op)b->tasks.items[ti].op) {
        case T_STMT: step_stmt(b, ti); break;
        case T_VALUE: step_value(b, ti); break;
        case T_COND: step_cond(b, ti); break;
        case T_COMPOUND:
            if (!next_kid(b, ti, T_STMT)) {
                scope_pop(b, b->tasks.items[ti].n);
                done(b, ti);
            }
            break;
        case T_DECL_STMT: step_decl_stmt(b, ti); break;
        case T_IF: step_if(b, ti); break;
        case T_WHILE: step_while(b, ti); break;
        case T_DO: step_do(b, ti); break;
        case T_FOR: step_for(b, ti); break;
        case T_SWITCH: step_switch(b, ti); break;
        case T_GOTO: step_goto(b, ti); break;
        case T_RETURN: step_return(b, ti); break;
        case T_STMT_KIDS:
        case T_PAREN:
            if (!next_kid(b, ti, b->tasks.items[ti].op == T_PAREN ? T_VALUE : T_STMT))
                done(b, ti);
            break;
        case T_LOGICAL: step_logical(b, ti); break;
        case T_GNU_VALUE: step_conditional(b, ti, true); break;
        case T_CONDITIONAL: step_conditional(b, ti, false); break;
        case T_EVAL: step_eval(b, ti); break;
        case T_COND_LOGICAL: step_cond_logical(b, ti, false); break;
        case T_COND_GNU: step_cond_logical(b, ti, true); break;
        case T_COND_TERNARY: step_cond_ternary(b, ti); break;
        case T_COND_TEST: step_cond_test(b, ti); break;
        }
    }
}

/* ---- gotos -------------------------------------------------------------------------------- */

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Depth of the innermost scope enclosing both scope nodes. */
static uint32_t common_depth(const builder *b, uint32_t x, uint32_t y)
{
    const scope_node *sc = b->scopes.items;
    while (sc[x].depth > sc[y].depth)
        x = sc[x].parent;
    while (sc[y].depth > sc[x].depth)
        y = sc[y].parent;
    while (x != y) {
        x = sc[x].parent;
        y = sc[y].parent;
    }
    return sc[x].depth;
}

/* Append scope ends for goto g's variables deeper than `depth` to block `blk` (closed). */
static void late_scope_ends(builder *b, const pending_goto *g, uint32_t blk, uint32_t depth, bool params)
{
    bblock *bb = &b->blocks.items[blk];
    if (bb->nlate == 0)
        bb->lstart = (uint32_t)b->late.len;
    for (uint32_t l = g->live; l != NONE && b->lives.items[l].depth > depth; l = b->lives.items[l].prev) {
        cfg_elem e = {CFG_SCOPE_END, g->node, b->lives.items[l].var};
        fl_vec_push(&b->late, e);
        b->blocks.items[blk].nlate++;
    }
    for (uint32_t i = params ? b->fn->nparams : 0; i-- > 0;) {
        if (!b->fn->params[i])
            continue;
        cfg_elem e = {CFG_SCOPE_END, g->node, b->fn->params[i]};
        fl_vec_push(&b->late, e);
        b->blocks.items[blk].nlate++;
    }
}

static bool has_deeper_live(const builder *b, uint32_t l, uint32_t depth)
{
    return l != NONE && b->lives.items[l].depth > depth;
}

/* Connect every goto to its label (a small open-addressing table: no quadratic lookups). A goto
   to an unknown label leaves the function like a return. An indirect goto may reach every label;
   when that leaves scopes, the scope ends go to a block of their own on that edge. */
static void resolve_gotos(builder *b)
{
    if (b->gotos.len == 0)
        return;
    uint32_t cap = 16;
    while (cap < b->labels.len * 2)
        cap *= 2;
    uint32_t *table = fl_xmalloc(cap * sizeof *table);
    memset(table, 0xff, cap * sizeof *table);
    for (uint32_t i = 0; i < b->labels.len; i++) {
        const char *name = b->labels.items[i].name;
        if (!name)
            continue;
        uint32_t h = hash_str(name) & (cap - 1);
        while (table[h] != NONE && strcmp(b->labels.items[table[h]].name, name) != 0)
            h = (h + 1) & (cap - 1);
        if (table[h] == NONE)
            table[h] = i;
    }
    for (uint32_t gi = 0; gi < b->gotos.len; gi++) {
        pending_goto g = b->gotos.items[gi];
        if (g.node->kind == AST_INDIRECT_GOTO) {
            for (uint32_t i = 0; i < b->labels.len; i++) {
                label l = b->labels.items[i];
                uint32_t depth = common_depth(b, g.scope, l.scope);
                if (!has_deeper_live(b, g.live, depth)) {
                    add_edge(b, g.block, l.block);
                    continue;
                }
                b->loop = b->blocks.items[l.block].loop;
                uint32_t tramp = add_block(b);
                late_scope_ends(b, &g, tramp, depth, false);
                add_edge(b, g.block, tramp);
                add_edge(b, tramp, l.block);
            }
            continue;
        }
        uint32_t found = NONE;
        if (g.node->name) {
            uint32_t h = hash_str(g.node->name) & (cap - 1);
            while (table[h] != NONE && strcmp(b->labels.items[table[h]].name, g.node->name) != 0)
                h = (h + 1) & (cap - 1);
            found = table[h];
        }
        if (found == NONE) {
            late_scope_ends(b, &g, g.block, 0, true);
            add_edge(b, g.block, EXIT);
        } else {
            label l = b->labels.items[found];
            late_scope_ends(b, &g, g.block, common_depth(b, g.scope, l.scope), false);
            add_edge(b, g.block, l.block);
        }
    }
    free(table);
}

/* ---- the final graph ---------------------------------------------------------------------- */

static void compute_rpo(fl_arena *arena, cfg *g)
{
    uint32_t n = g->nblocks;
    uint8_t *seen = fl_xcalloc(n, 1);
    uint32_t *stack = fl_xmalloc(n * sizeof *stack), *next = fl_xmalloc(n * sizeof *next);
    uint32_t *post = fl_xmalloc(n * sizeof *post);
    uint32_t sp = 0, np = 0;
    stack[sp] = g->entry;
    next[sp++] = 0;
    seen[g->entry] = 1;
    while (sp) {
        const cfg_block *blk = &g->blocks[stack[sp - 1]];
        if (next[sp - 1] < blk->nsuccs) {
            uint32_t s = blk->succs[next[sp - 1]++];
            if (!seen[s]) {
                seen[s] = 1;
                stack[sp] = s;
                next[sp++] = 0;
            }
        } else {
            post[np++] = stack[--sp];
        }
    }
    g->nrpo = np;
    g->rpo = fl_arena_alloc(arena, (np ? np : 1) * sizeof *g->rpo);
    for (uint32_t i = 0; i < np; i++)
        g->rpo[i] = post[np - 1 - i];
    free(seen);
    free(stack);
    free(next);
    free(post);
}

static cfg *finish(builder *b)
{
    fl_arena *arena = b->arena;
    cfg *g = FL_NEW(arena, cfg);
    g->fn = b->fn;
    g->entry = ENTRY;
    g->exit = EXIT;
    uint32_t n = (uint32_t)b->blocks.len;
    g->nblocks = n;
    g->blocks = FL_NEW_ARRAY(arena, cfg_block, n);

    size_t nel = b->elems.len + b->late.len;
    cfg_elem *elems = fl_arena_alloc(arena, (nel ? nel : 1) * sizeof *elems);
    size_t ne = b->edges.len;
    uint32_t *succs = fl_arena_alloc(arena, (ne ? ne : 1) * sizeof *succs);
    uint32_t *preds = fl_arena_alloc(arena, (ne ? ne : 1) * sizeof *preds);

    size_t pos = 0;
    for (uint32_t i = 0; i < n; i++) {
        const bblock *bb = &b->blocks.items[i];
        cfg_block *blk = &g->blocks[i];
        blk->id = i;
        blk->term = bb->term;
        blk->cond = bb->cond;
        blk->loop = bb->loop;
        blk->elems = elems + pos;
        uint32_t k = bb->eend - bb->estart;
        if (k)
            memcpy(elems + pos, b->elems.items + bb->estart, k * sizeof *elems);
        pos += k;
        if (bb->nlate)
            memcpy(elems + pos, b->late.items + bb->lstart, bb->nlate * sizeof *elems);
        pos += bb->nlate;
        blk->nelems = k + bb->nlate;
    }

    /* Counting sort of the edges by source (stable: successor order is insertion order) and
       by target. */
    for (size_t i = 0; i < ne; i++) {
        const edge *e = &b->edges.items[i];
        if (e->to == NONE)
            fl_bug("cfg of %s: edge from B%u never patched", b->fn->name ? b->fn->name : "?", e->from);
        g->blocks[e->from].nsuccs++;
        g->blocks[e->to].npreds++;
    }
    size_t so = 0, po = 0;
    for (uint32_t i = 0; i < n; i++) {
        g->blocks[i].succs = succs + so;
        g->blocks[i].preds = preds + po;
        so += g->blocks[i].nsuccs;
        po += g->blocks[i].npreds;
        g->blocks[i].nsuccs = g->blocks[i].npreds = 0;
    }
    for (size_t i = 0; i < ne; i++) {
        const edge *e = &b->edges.items[i];
        cfg_block *from = &g->blocks[e->from], *to = &g->blocks[e->to];
        from->succs[from->nsuccs++] = e->to;
        to->preds[to->npreds++] = e->from;
    }
    for (uint32_t i = 0; i < n; i++)
        if (g->blocks[i].nsuccs != 2)
            g->blocks[i].cond = NULL;
    compute_rpo(arena, g);
    return g;
}

cfg *cfg_build(fl_arena *arena, const ast_func *fn)
{
    builder b = {0};
    b.arena = arena;
    b.fn = fn;
    b.cur = NONE;
    b.live_head = NONE;
    b.brk = b.cont = b.sw = NONE;
    scope_node root = {NONE, 0};
    fl_vec_push(&b.scopes, root);
    b.scope = 0;
    add_block(&b); /* entry */
    add_block(&b); /* exit */
    b.cur = ENTRY;
    enter_new(&b);
    if (fn->body)
        build(&b, T_STMT, fn->body);
    if (b.cur != NONE) {
        if (fn->body)
            end_params(&b, fn->body);
        add_edge(&b, b.cur, EXIT);
        close_cur(&b);
    }
    resolve_gotos(&b);
    cfg *g = finish(&b);
    fl_vec_free(&b.blocks);
    fl_vec_free(&b.elems);
    fl_vec_free(&b.late);
    fl_vec_free(&b.edges);
    fl_vec_free(&b.lives);
    fl_vec_free(&b.scopes);
    fl_vec_free(&b.labels);
    fl_vec_free(&b.gotos);
    fl_vec_free(&b.tasks);
    fl_vec_free(&b.lists);
    fl_vec_free(&b.targets);
    fl_vec_free(&b.sws);
    return g;
}

/* ---- invariants --------------------------------------------------------------------------- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void cfg_verify(const cfg *g)
{
    const char *name = g->fn && g->fn->name ? g->fn->name : "?";
    if (g->nblocks < 2 || g->entry != ENTRY || g->exit != EXIT)
        fl_bug("cfg of %s: missing entry/exit", name);
    const cfg_block *ex = &g->blocks[EXIT];
    if (ex->nsuccs || ex->nelems)
        fl_bug("cfg of %s: exit block has successors or elements", name);
    if (g->blocks[ENTRY].npreds)
        fl_bug("cfg of %s: entry block has predecessors", name);
    size_t nsucc = 0, npred = 0;
    for (uint32_t i = 0; i < g->nblocks; i++) {
        const cfg_block *blk = &g->blocks[i];
        if (blk->id != i)
            fl_bug("cfg of %s: block %u has id %u", name, i, blk->id);
        for (uint32_t k = 0; k < blk->nsuccs; k++)
            if (blk->succs[k] >= g->nblocks)
                fl_bug("cfg of %s: B%u has successor %u out of range", name, i, blk->succs[k]);
        for (uint32_t k = 0; k < blk->npreds; k++)
            if (blk->preds[k] >= g->nblocks)
                fl_bug("cfg of %s: B%u has predecessor %u out of range", name, i, blk->preds[k]);
        if (blk->cond && blk->nsuccs != 2)
            fl_bug("cfg of %s: B%u has a condition but %u successors", name, i, blk->nsuccs);
        for (uint32_t k = 0; k < blk->nelems; k++) {
            const cfg_elem *e = &blk->elems[k];
            if (!e->node)
                fl_bug("cfg of %s: B%u element %u has no node", name, i, k + 1);
            if (e->kind > CFG_SCOPE_END)
                fl_bug("cfg of %s: B%u element %u has kind %u", name, i, k + 1, e->kind);
            if (e->kind != CFG_EXPR && !e->var)
                fl_bug("cfg of %s: B%u element %u has no variable", name, i, k + 1);
        }
        nsucc += blk->nsuccs;
        npred += blk->npreds;
    }
    if (nsucc != npred)
        fl_bug("cfg of %s: %zu successor edges but %zu predecessor edges", name, nsucc, npred);
    /* Compare the edge multisets seen from both ends. */
    uint64_t *a = fl_xmalloc((nsucc ? nsucc : 1) * sizeof *a), *p = fl_xmalloc((npred ? npred : 1) * sizeof *p);
    size_t na = 0, np = 0;
    for (uint32_t i = 0; i < g->nblocks; i++) {
        const cfg_block *blk = &g->blocks[i];
        for (uint32_t k = 0; k < blk->nsuccs; k++)
            a[na++] = (uint64_t)i << 32 | blk->succs[k];
        for (uint32_t k = 0; k < blk->npreds; k++)
            p[np++] = (uint64_t)blk->preds[k] << 32 | i;
    }
    qsort(a, na, sizeof *a, cmp_u64);
    qsort(p, np, sizeof *p, cmp_u64);
    bool same = memcmp(a, p, na * sizeof *a) == 0;
    free(a);
    free(p);
    if (!same)
        fl_bug("cfg of %s: predecessors do not mirror successors", name);
    /* rpo: starts at the entry, in range, each block at most once. */
    if (g->nrpo == 0 || g->nrpo > g->nblocks || g->rpo[0] != ENTRY)
        fl_bug("cfg of %s: bad reverse post-order", name);
    uint8_t *seen = fl_xcalloc(g->nblocks, 1);
    for (uint32_t i = 0; i < g->nrpo; i++) {
        if (g->rpo[i] >= g->nblocks || seen[g->rpo[i]])
            fl_bug("cfg of %s: bad reverse post-order at %u", name, i);
        seen[g->rpo[i]] = 1;
    }
    free(seen);
}

void cfg_mark_reach(const cfg *g, uint32_t from, bool backward, uint32_t stop, uint8_t *mark, uint8_t bit,
                    uint32_t *stack, bool (*enter)(const void *ctx, uint32_t block), const void *ctx)
{
    uint32_t top = 0;
    mark[from] |= bit;
    stack[top++] = from;
    while (top) {
        uint32_t b = stack[--top];
        const cfg_block *bl = &g->blocks[b];
        uint32_t n = backward ? bl->npreds : bl->nsuccs;
        for (uint32_t i = 0; b != stop && i < n; i++) {
            uint32_t x = backward ? bl->preds[i] : bl->succs[i];
            if (!(mark[x] & bit) && (!enter || enter(ctx, x))) {
                mark[x] |= bit;
                stack[top++] = x;
            }
        }
    }
}

cfg_after cfg_after_sites(fl_arena *arena, const cfg *g, const uint32_t *blocks, const uint32_t *elems, uint32_t n)
{
    cfg_after a = {NULL, NULL};
    if (!n)
        return a;
    uint32_t nb = g->nblocks;
    a.after = FL_NEW_ARRAY(arena, uint8_t, nb + 1);
    a.first = FL_NEW_ARRAY(arena, uint32_t, nb + 1);
    memset(a.first, 0xff, (nb + 1) * sizeof *a.first);
    uint32_t *stack = FL_NEW_ARRAY(arena, uint32_t, nb + 1);
    for (uint32_t k = 0; k < n; k++)
        if (elems[k] < a.first[blocks[k]])
            a.first[blocks[k]] = elems[k];
    /* from each site's block's successors: the block itself is after only through a loop */
    for (uint32_t b = 0; b < nb; b++)
        for (uint32_t s = 0; a.first[b] != UINT32_MAX && s < g->blocks[b].nsuccs; s++) {
            uint32_t t = g->blocks[b].succs[s];
            if (!a.after[t])
                cfg_mark_reach(g, t, false, UINT32_MAX, a.after, 1, stack, NULL, NULL);
        }
    return a;
}
