/* not_send.c - not-send (E0277): a value whose type is not Send is moved to another thread.
 *
 * Two ways a value changes thread:
 *  (a) it is moved into a spawned thread: the thread argument of pthread_create/thrd_create
 *      written `fl_move(x)`, or of a spawn wrapper whose parameter moves it (thr_call.moved);
 *  (b) it is passed to a parameter declared FL_SENDS (a channel's send, a work queue's push),
 *      or to one that a function's summary shows reaches such a parameter.
 * What moves is the object the argument points to (`*x` changes owner), or the argument itself
 * when it is not a pointer. Its type is taken from the expression before its conversion to
 * `void *` (a variable's declared type, a field's, a call's result); when fearless cannot tell
 * the type, or it is `void`, the check is silent.
 *
 * The check is a scan of the function's calls: no dataflow, and nothing at all to do in a
 * function without a spawn or a FL_SENDS call.
 */
#include <string.h>

#include "../diag/diag.h"
#include "../facts/sendsync.h"
#include "trait_notes.h"
#include "../facts/summary.h"
#include "../facts/threads.h"
#include "registry.h"

#define CHECK_NAME "not-send"
#define CHECK_CODE "E0277"

/* `fl_move(x)` and casts around it: the expression written for the value. */
static ast_node *moved_expr(ast_node *e)
{
    e = ast_strip_casts(e);
    if (e && e->kind == AST_CALL && e->name && strcmp(e->name, "fl_move") == 0 && e->nkids == 2)
        e = ast_strip_casts(e->kids[1]);
    return e;
}

/* The type of the object the argument hands over: for `&lv` the type of lv, for a pointer what
   it points to, for an array its element, else the value's own type. *outer is the type of the
   argument expression itself when it has one (annotations on a pointer typedef decide first). */
static const ast_type *moved_type(ast_node *arg, const ast_type **outer)
{
    ast_node *e = moved_expr(arg);
    *outer = NULL;
    if (!e)
        return NULL;
    if (e->kind == AST_UNARY && e->op == UN_ADDR_OF)
        return ss_expr_type(e->kids[0]);
    const ast_type *t = ss_expr_type(e);
    const ast_type *s = ss_strip_typedefs(t);
    if (!s)
        return NULL;
    *outer = t;
    if (s->kind == TYPE_POINTER || s->kind == TYPE_ARRAY)
        return s->inner;
    return t;
}

static uint32_t arg_index(const ast_node *call, const ast_node *arg)
{
    for (uint16_t i = 1; i < call->nkids; i++)
        if (call->kids[i] == arg)
            return i - 1;
    return UINT32_MAX;
}

/* Is the callee's parameter i declared `void *` (or unknown)? Then the callee's own body cannot
   see what is moved, and the call site is where the type is known. */
static bool param_is_opaque(const ast_callee *c, uint32_t i)
{
    if (!c || !c->param_types || i >= c->nparams)
        return true;
    const ast_type *p = ss_pointee(c->param_types[i]);
    p = ss_strip_typedefs(p);
    return !p || p->kind == TYPE_VOID;
}

static void report(check_ctx *ctx, ast_node *call, ast_node *arg, const char *how)
{
    const ast_type *outer;
    const ast_type *t = moved_type(arg, &outer);
    if (!t)
        return;
    ss_why why;
    if (outer && outer != t) {
        /* An annotation on the pointer's own typedef decides before the pointee. */
        if (ss_has(ctx->fx->traits, outer, SS_SEND, NULL))
            return;
        if (ss_has(ctx->fx->traits, t, SS_SEND, &why)) { /* the pointer typedef is marked NOT_SEND */
            t = outer;
            ss_has(ctx->fx->traits, t, SS_SEND, &why);
        }
    } else if (ss_has(ctx->fx->traits, t, SS_SEND, &why)) {
        return;
    }
    const ast_type *culprit = ss_culprit(&why);
    diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` cannot be sent between threads safely", t->name);
    diag_primary(d, arg->span, "`%s` cannot be sent between threads safely", t->name);
    diag_secondary(d, call->kids[0]->span, "%s", how);
    trait_notes_add(d, &why, SS_SEND);
    if (culprit && culprit != t)
        diag_help(d, "within `%s`, the trait `Send` is not implemented for `%s`", t->name, culprit->name);
    else
        diag_help(d, "the trait `Send` is not implemented for `%s`", t->name);
    diag_help(d, "keep it on the thread that created it, and hand the other thread something that is `Send`");
    diag_sink_add(ctx->sink, d);
}

static void check_call(check_ctx *ctx, ast_node *call)
{
    thr_call tc = thr_classify(&ctx->fx->sums, call);
    if (tc.kind == THR_SPAWN) {
        if (!tc.moved || !tc.arg)
            return; /* a borrowed argument: not-sync's business */
        if (tc.via_wrapper && !param_is_opaque(call->callee, arg_index(call, tc.arg)))
            return; /* the wrapper's own spawn sees the type and is checked there */
        report(ctx, call, tc.arg, "required because it is moved into the thread spawned here");
        return;
    }
    const ast_callee *c = call->callee;
    const fn_summary *cs = sum_of(&ctx->fx->sums, c);
    if (!c || (!c->param_flags && !cs))
        return;
    for (uint32_t i = 0; i + 1 < call->nkids && i < c->nparams; i++) {
        bool sends = c->param_flags && (c->param_flags[i] & PARAM_SENDS);
        /* A function that forwards its parameter to a FL_SENDS one sends it too; when that
           parameter has a concrete pointer type the send inside is checked, so only `void *`
           parameters are checked here. */
        if (!sends && cs && i < cs->nparams && (cs->param[i] & SUMP_SENDS))
            sends = param_is_opaque(c, i);
        if (!sends)
            continue;
        const char *how = fl_arena_sprintf(ctx->arena, "required because it is sent through `%s` here, "
                                                       "where another thread may take it",
                                           c->name);
        report(ctx, call, call->kids[i + 1], how);
    }
}

void check_not_send(check_ctx *ctx)
{
    const cfg *g = ctx->g;
    if (!g)
        return; /* nothing to relate across functions */
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            if (el->kind == CFG_EXPR && el->node && el->node->kind == AST_CALL)
                check_call(ctx, el->node);
        }
}
