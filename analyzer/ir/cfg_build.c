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

#include <ctype.h>
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

/* A break or continue destination: a known block, or a jump list patched later. */
typedef struct target {
    uint32_t block, list;
    uint32_t depth; /* scope depth at the destination: deeper variables die on the jump */
} target;

typedef struct switch_ctx {
    uint32_t block;
    bool has_default;
} switch_ctx;

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
    target *brk, *cont;
    switch_ctx *sw;
} builder;

static void build_stmt(builder *b, ast_node *s);
static void build_value(builder *b, ast_node *e);

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
    edge e = {from, to, NONE};
    fl_vec_push(&b->edges, e);
}

/* A pending edge from `from`, pushed on jump list *list. */
static void add_pending(builder *b, uint32_t from, uint32_t *list)
{
    edge e = {from, NONE, *list};
    fl_vec_push(&b->edges, e);
    *list = (uint32_t)b->edges.len - 1;
}

static void patch(builder *b, uint32_t list, uint32_t to)
{
    for (uint32_t i = list; i != NONE; i = b->edges.items[i].next)
        b->edges.items[i].to = to;
}

static uint32_t concat(builder *b, uint32_t l1, uint32_t l2)
{
    if (l1 == NONE)
        return l2;
    uint32_t i = l1;
    while (b->edges.items[i].next != NONE)
        i = b->edges.items[i].next;
    b->edges.items[i].next = l2;
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

/* ---- conditions --------------------------------------------------------------------------- */

/* 1 or 0 for an integer literal condition, -1 for anything else. */
static int const_truth(ast_node *e)
{
    e = ast_strip_casts(e);
    if (!e || e->kind != AST_LITERAL || !(e->ty & TY_INT) || !e->name || !isdigit((unsigned char)e->name[0]))
        return -1;
    return strtoull(e->name, NULL, 0) != 0;
}

/* End the current block with a two-way branch on `cond`:
 *   [... cond] --true--> *t
 *              --false-> *f
 */
static void branch(builder *b, ast_node *cond, ast_node *term, uint32_t *t, uint32_t *f)
{
    ensure_cur(b);
    bblock *blk = &b->blocks.items[b->cur];
    blk->term = term;
    int k = const_truth(cond);
    if (k < 0) {
        blk->cond = cond;
        add_pending(b, b->cur, t);
        add_pending(b, b->cur, f);
    } else {
        add_pending(b, b->cur, k ? t : f);
    }
    close_cur(b);
}

/* Evaluate e for its truth, leaving jump lists *t / *f for the true / false outcomes. Logical
 * operators branch directly and are not elements themselves:
 *   a && b:  [a] T-> [b] T-> *t        a || b:  [a] F-> [b] F-> *f
 *                F-> *f   F-> *f                  T-> *t   T-> *t
 *   !a:      [a] with *t and *f swapped
 *   c ? x : y:  [c] T-> [x] -> t | f     c ?: y:  [c] T-> *t
 *                   F-> [y] -> t | f                  F-> [y] -> t | f
 *   other:   [... e] T-> *t  F-> *f   (e evaluated in post-order; cond = e)
 * `term` is the statement or operator that owns the final test. */
static void build_cond(builder *b, ast_node *e, ast_node *term, uint32_t *t, uint32_t *f)
{
    uint32_t t1 = NONE, f1 = NONE, t2 = NONE, f2 = NONE;
    e = ast_strip_parens(e);
    if (e->kind == AST_BINARY && e->nkids == 2 && (e->op == BIN_LAND || e->op == BIN_LOR)) {
        build_cond(b, e->kids[0], e, &t1, &f1);
        enter_join(b, e->op == BIN_LAND ? t1 : f1);
        build_cond(b, e->kids[1], term, &t2, &f2);
        /* concat walks its first list: put the right operand's (short in the usual
           left-nested chains a && b && c) first so that long chains stay linear. */
        if (e->op == BIN_LAND) {
            *t = concat(b, t2, *t);
            *f = concat(b, f2, concat(b, *f, f1));
        } else {
            *t = concat(b, t2, concat(b, *t, t1));
            *f = concat(b, f2, *f);
        }
    } else if (e->kind == AST_UNARY && e->op == UN_LNOT && e->nkids == 1) {
        build_cond(b, e->kids[0], term, f, t);
    } else if (e->kind == AST_COND && (e->flags & AST_F_BINARY_COND) && e->nkids == 2) {
        build_cond(b, e->kids[0], e, &t1, &f1);
        enter_join(b, f1);
        build_cond(b, e->kids[1], term, &t2, &f2);
        *t = concat(b, t2, concat(b, *t, t1));
        *f = concat(b, f2, *f);
    } else if (e->kind == AST_COND && e->nkids == 3) {
        uint32_t tc = NONE, fc = NONE;
        build_cond(b, e->kids[0], e, &tc, &fc);
        enter_join(b, tc);
        build_cond(b, e->kids[1], term, &t1, &f1);
        enter_join(b, fc);
        build_cond(b, e->kids[2], term, &t2, &f2);
        *t = concat(b, t2, concat(b, t1, *t));
        *f = concat(b, f2, concat(b, f1, *f));
    } else {
        build_value(b, e);
        branch(b, e, term, t, f);
    }
}

/* ---- expressions -------------------------------------------------------------------------- */

/* a && b (value):  [a] T-> [b] -> [join: &&]      a || b: the same with a's edges swapped
 *                      F-------->
 * a's own logical operators branch directly (as a condition). */
static void build_logical(builder *b, ast_node *e)
{
    uint32_t t = NONE, f = NONE;
    build_cond(b, e->kids[0], e, &t, &f);
    bool land = e->op == BIN_LAND;
    enter_join(b, land ? t : f);
    build_value(b, e->kids[1]);
    enter_join(b, land ? f : t);
    emit(b, CFG_EXPR, e, NULL);
}

/* c ? x : y (value):  [c] T-> [x] -> [join: ?:]      c ?: y:  [c] T-----------> [join: ?:]
 *                         F-> [y] ->                            F-> [y] ->
 * GNU's c is evaluated once as a value (it is the result when true). */
static void build_conditional(builder *b, ast_node *e)
{
    uint32_t t = NONE, f = NONE, join = NONE;
    if ((e->flags & AST_F_BINARY_COND) && e->nkids == 2) {
        ast_node *c = ast_strip_parens(e->kids[0]);
        build_value(b, c);
        branch(b, c, e, &t, &f);
        enter_join(b, f);
        build_value(b, e->kids[1]);
        jump_pending(b, &join);
        enter_join(b, concat(b, t, join));
    } else {
        build_cond(b, e->kids[0], e, &t, &f);
        enter_join(b, t);
        build_value(b, e->kids[1]);
        jump_pending(b, &join);
        enter_join(b, f);
        build_value(b, e->kids[2]);
        jump_pending(b, &join);
        enter_join(b, join);
    }
    emit(b, CFG_EXPR, e, NULL);
}

/* Post-order: [kids... e]. Parens are transparent; sizeof's operand is not evaluated;
 * a ({ ... }) runs its statements then is itself an element; a compound literal's object is
 * declared (CFG_DECL, node = the literal) after its initializer; a noreturn call ends its block
 * with no successor:  [... call] (dead end). */
static void build_value(builder *b, ast_node *e)
{
    if (!e)
        return;
    if (!ast_is_expr(e)) {
        build_stmt(b, e);
        return;
    }
    switch (e->kind) {
    case AST_PAREN:
        for (uint32_t i = 0; i < e->nkids; i++)
            build_value(b, e->kids[i]);
        return;
    case AST_SIZEOF:
        emit(b, CFG_EXPR, e, NULL);
        return;
    case AST_BINARY:
        if ((e->op == BIN_LAND || e->op == BIN_LOR) && e->nkids == 2) {
            build_logical(b, e);
            return;
        }
        break;
    case AST_COND:
        if (e->nkids == 3 || (e->nkids == 2 && (e->flags & AST_F_BINARY_COND))) {
            build_conditional(b, e);
            return;
        }
        break;
    case AST_COMPOUND_LIT:
        for (uint32_t i = 0; i < e->nkids; i++)
            build_value(b, e->kids[i]);
        if (e->var)
            emit_decl(b, e, e->var);
        emit(b, CFG_EXPR, e, NULL);
        return;
    case AST_CALL:
        for (uint32_t i = 0; i < e->nkids; i++)
            build_value(b, e->kids[i]);
        emit(b, CFG_EXPR, e, NULL);
        if (e->flags & AST_F_NORETURN) {
            b->blocks.items[b->cur].term = e;
            close_cur(b);
        }
        return;
    default:
        break;
    }
    for (uint32_t i = 0; i < e->nkids; i++)
        build_value(b, e->kids[i]);
    emit(b, CFG_EXPR, e, NULL);
}

/* ---- statements --------------------------------------------------------------------------- */

/* { s1; s2; }:  [s1 s2 scope-end(vars, reverse order)]   (node of the scope ends = the compound) */
static void build_compound(builder *b, ast_node *s)
{
    scope_push(b);
    for (uint32_t i = 0; i < s->nkids; i++)
        build_stmt(b, s->kids[i]);
    scope_pop(b, s);
}

/* int a = x, b;:  [x decl(a) decl(b)]   static/extern variables: no initializer elements */
static void build_decl_stmt(builder *b, ast_node *s)
{
    for (uint32_t i = 0; i < s->nkids; i++) {
        ast_node *v = s->kids[i];
        if (!v)
            continue;
        if (v->kind != AST_VAR || !v->var) {
            build_value(b, v);
            continue;
        }
        if (v->var->storage == STORAGE_LOCAL)
            for (uint32_t k = 0; k < v->nkids; k++)
                build_value(b, v->kids[k]);
        emit_decl(b, v, v->var);
    }
}

/* if (c) A else B:  [.. c] T-> [A] -> [join]
 *                          F-> [B] ->
 * without else, the false edge goes to the join. */
static void build_if(builder *b, ast_node *s)
{
    uint32_t t = NONE, f = NONE, join = NONE;
    build_cond(b, s->kids[0], s, &t, &f);
    enter_join(b, t);
    build_stmt(b, s->nkids > 1 ? s->kids[1] : NULL);
    if (s->nkids > 2 && s->kids[2]) {
        jump_pending(b, &join);
        enter_join(b, f);
        build_stmt(b, s->kids[2]);
        enter_join(b, join);
    } else {
        enter_join(b, f);
    }
}

/* while (c) S:  -> [head: c] T-> [S] -> head
 *                            F-> [exit]          break -> exit, continue -> head */
static void build_while(builder *b, ast_node *s)
{
    ast_node *saved_loop = b->loop;
    target *saved_brk = b->brk, *saved_cont = b->cont;
    b->loop = s;
    uint32_t head = enter_new(b);
    uint32_t t = NONE;
    target brk = {NONE, NONE, scope_depth(b)}, cont = {head, NONE, scope_depth(b)};
    build_cond(b, s->kids[0], s, &t, &brk.list);
    enter_join(b, t);
    b->brk = &brk;
    b->cont = &cont;
    build_stmt(b, s->kids[1]);
    jump_to(b, head);
    b->brk = saved_brk;
    b->cont = saved_cont;
    b->loop = saved_loop;
    enter_join(b, brk.list);
}

/* do S while (c):  -> [body: S] -> [c] T-> body
 *                                      F-> [exit]  continue -> c, break -> exit
 * (c stays in S's last block when nothing continues) */
static void build_do(builder *b, ast_node *s)
{
    ast_node *saved_loop = b->loop;
    target *saved_brk = b->brk, *saved_cont = b->cont;
    b->loop = s;
    uint32_t body = enter_new(b);
    target brk = {NONE, NONE, scope_depth(b)}, cont = {NONE, NONE, scope_depth(b)};
    b->brk = &brk;
    b->cont = &cont;
    build_stmt(b, s->kids[0]);
    b->brk = saved_brk;
    b->cont = saved_cont;
    enter_join(b, cont.list);
    uint32_t t = NONE;
    build_cond(b, s->kids[1], s, &t, &brk.list);
    patch(b, t, body);
    b->loop = saved_loop;
    enter_join(b, brk.list);
}

/* for (init; c; inc) S:  [init] -> [head: c] T-> [S] -> [inc] -> head
 *                                            F-> [exit: scope-end(init vars)]
 * no c: head falls into S (no false edge); no inc: S and continue go back to head.
 * continue -> inc, break -> exit. */
static void build_for(builder *b, ast_node *s)
{
    ast_node *init = s->kids[0], *c = s->kids[1], *inc = s->kids[2], *body = s->kids[3];
    scope_push(b);
    build_stmt(b, init);
    ast_node *saved_loop = b->loop;
    target *saved_brk = b->brk, *saved_cont = b->cont;
    b->loop = s;
    uint32_t head = enter_new(b);
    target brk = {NONE, NONE, scope_depth(b)}, cont = {NONE, NONE, scope_depth(b)};
    if (c) {
        uint32_t t = NONE;
        build_cond(b, c, s, &t, &brk.list);
        enter_join(b, t);
    }
    b->brk = &brk;
    b->cont = &cont;
    build_stmt(b, body);
    b->brk = saved_brk;
    b->cont = saved_cont;
    if (inc) {
        enter_join(b, cont.list);
        build_value(b, inc);
    } else {
        patch(b, cont.list, head);
    }
    jump_to(b, head);
    b->loop = saved_loop;
    enter_join(b, brk.list);
    scope_pop(b, s);
}

/* switch (c) S:  [.. c] -> [case 1] -> [case 2] -> ... -> [exit]
 *                       -> [default]
 *                       -> [exit]        (only without default)
 * one successor per label in source order; cases fall through; break -> exit. */
static void build_switch(builder *b, ast_node *s)
{
    build_value(b, s->kids[0]);
    ensure_cur(b);
    switch_ctx sw = {b->cur, false}, *saved_sw = b->sw;
    b->blocks.items[b->cur].term = s;
    close_cur(b);
    target *saved_brk = b->brk;
    target brk = {NONE, NONE, scope_depth(b)};
    b->brk = &brk;
    b->sw = &sw;
    build_stmt(b, s->nkids > 1 ? s->kids[1] : NULL);
    b->brk = saved_brk;
    b->sw = saved_sw;
    if (!sw.has_default)
        add_pending(b, sw.block, &brk.list);
    if (b->cur != NONE)
        jump_pending(b, &brk.list);
    enter_join(b, brk.list);
}

/* case v: S / default: S:  -> [label: S]  plus an edge from the switch block.
 * Case values are constants: not evaluated. */
static void build_case(builder *b, ast_node *s)
{
    uint32_t id = enter_new(b);
    if (b->sw) {
        add_edge(b, b->sw->block, id);
        if (s->kind == AST_DEFAULT)
            b->sw->has_default = true;
    }
    if (s->nkids)
        build_stmt(b, s->kids[s->nkids - 1]);
}

/* L: S:  -> [L: S]   gotos are resolved after the body */
static void build_label(builder *b, ast_node *s)
{
    uint32_t id = enter_new(b);
    label l = {s->name, id, b->scope};
    fl_vec_push(&b->labels, l);
    if (s->nkids)
        build_stmt(b, s->kids[0]);
}

/* goto L:  [... scope-end(left scopes)] -> L   (scope ends added when L is known)
 * goto *p:  [.. p] -> every label */
static void build_goto(builder *b, ast_node *s)
{
    if (s->kind == AST_INDIRECT_GOTO)
        for (uint32_t i = 0; i < s->nkids; i++)
            build_value(b, s->kids[i]);
    ensure_cur(b);
    b->blocks.items[b->cur].term = s;
    pending_goto g = {s, b->cur, b->scope, b->live_head};
    fl_vec_push(&b->gotos, g);
    close_cur(b);
}

/* break / continue:  [scope-end(left scopes)] -> target */
static void build_jump(builder *b, ast_node *s, target *tg)
{
    if (tg) {
        end_lives(b, tg->depth, s);
        ensure_cur(b);
        b->blocks.items[b->cur].term = s;
        if (tg->block != NONE)
            add_edge(b, b->cur, tg->block);
        else
            add_pending(b, b->cur, &tg->list);
    }
    close_cur(b);
}

/* return v:  [.. v scope-end(all locals, innermost first) scope-end(params, reverse)] -> exit */
static void build_return(builder *b, ast_node *s)
{
    for (uint32_t i = 0; i < s->nkids; i++)
        build_value(b, s->kids[i]);
    end_lives(b, 0, s);
    end_params(b, s);
    ensure_cur(b);
    b->blocks.items[b->cur].term = s;
    add_edge(b, b->cur, EXIT);
    close_cur(b);
}

static void build_stmt(builder *b, ast_node *s)
{
    if (!s)
        return;
    if (ast_is_expr(s)) {
        build_value(b, s);
        return;
    }
    switch (s->kind) {
    case AST_COMPOUND: build_compound(b, s); break;
    case AST_DECL_STMT: build_decl_stmt(b, s); break;
    case AST_VAR:
        if (s->var)
            emit_decl(b, s, s->var);
        break;
    case AST_IF: if (s->nkids >= 2) build_if(b, s); break;
    case AST_WHILE: if (s->nkids == 2) build_while(b, s); break;
    case AST_DO: if (s->nkids == 2) build_do(b, s); break;
    case AST_FOR: if (s->nkids == 4) build_for(b, s); break;
    case AST_SWITCH: if (s->nkids >= 1) build_switch(b, s); break;
    case AST_CASE:
    case AST_DEFAULT: build_case(b, s); break;
    case AST_LABEL: build_label(b, s); break;
    case AST_GOTO:
    case AST_INDIRECT_GOTO: build_goto(b, s); break;
    case AST_BREAK: build_jump(b, s, b->brk); break;
    case AST_CONTINUE: build_jump(b, s, b->cont); break;
    case AST_RETURN: build_return(b, s); break;
    case AST_NULL_STMT:
    case AST_ASM:
        break;
    default:
        for (uint32_t i = 0; i < s->nkids; i++)
            build_stmt(b, s->kids[i]);
        break;
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
    scope_node root = {NONE, 0};
    fl_vec_push(&b.scopes, root);
    b.scope = 0;
    add_block(&b); /* entry */
    add_block(&b); /* exit */
    b.cur = ENTRY;
    enter_new(&b);
    if (fn->body)
        build_stmt(&b, fn->body);
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
