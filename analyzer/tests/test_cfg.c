/* test_cfg.c - unit tests of ir/: CFG shapes (via cfg_dump), cfg_verify, the dataflow solver,
 * and canonical places. The hand-built trees mirror what the frontend produces; the
 * end-to-end tests parse real C with libclang. */
#include <check.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/bitset.h"
#include "base/srcmap.h"
#include "diag/sink.h"
#include "frontend/parse.h"
#include "ir/cfg.h"
#include "ir/cond.h"
#include "ir/dataflow.h"
#include "ir/place.h"
#include "small_stack.h"

/* ---- building trees by hand --------------------------------------------------------------- */

static fl_arena *A;

static void setup(void) { A = fl_arena_new(); }
static void teardown(void) { fl_arena_free(A); A = NULL; }

static ast_var *var_(const char *name, ast_storage st, uint16_t ty)
{
    ast_var *v = FL_NEW(A, ast_var);
    v->name = name;
    v->storage = st;
    v->ty = ty;
    v->span = fl_span_none();
    return v;
}
static ast_var *local(const char *name) { return var_(name, STORAGE_LOCAL, TY_INT); }
static ast_var *param(const char *name) { return var_(name, STORAGE_PARAM, TY_INT); }

static ast_node *nodev(ast_kind k, int n, va_list ap)
{
    ast_node *x = FL_NEW(A, ast_node);
    x->kind = (uint8_t)k;
    x->span = fl_span_none();
    x->nkids = (uint16_t)n;
    x->kids = FL_NEW_ARRAY(A, ast_node *, n + 1);
    for (int i = 0; i < n; i++)
        x->kids[i] = va_arg(ap, ast_node *);
    return x;
}
static ast_node *node(ast_kind k, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    ast_node *x = nodev(k, n, ap);
    va_end(ap);
    return x;
}
static ast_node *ref(ast_var *v)
{
    ast_node *x = node(AST_REF, 0);
    x->var = v;
    x->ty = v->ty;
    return x;
}
static ast_node *fref(const char *name)
{
    ast_node *x = node(AST_REF, 0);
    x->name = name;
    x->flags = AST_F_FUNC_REF;
    x->ty = TY_FUNCTION;
    return x;
}
static ast_node *lit(const char *s)
{
    ast_node *x = node(AST_LITERAL, 0);
    x->name = s;
    x->ty = TY_INT;
    return x;
}
static ast_node *bin(ast_binop op, ast_node *l, ast_node *r)
{
    ast_node *x = node(AST_BINARY, 2, l, r);
    x->op = (uint8_t)op;
    x->ty = TY_INT;
    return x;
}
static ast_node *un(ast_unop op, ast_node *e)
{
    ast_node *x = node(AST_UNARY, 1, e);
    x->op = (uint8_t)op;
    return x;
}
static ast_node *assign(ast_var *v, ast_node *e) { return bin(BIN_ASSIGN, ref(v), e); }
/* call(name, nargs, args...) */
static ast_node *call(const char *name, int n, ...)
{
    ast_node *x = FL_NEW(A, ast_node);
    x->kind = AST_CALL;
    x->name = name;
    x->span = fl_span_none();
    x->nkids = (uint16_t)(n + 1);
    x->kids = FL_NEW_ARRAY(A, ast_node *, n + 1);
    x->kids[0] = fref(name);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        x->kids[i + 1] = va_arg(ap, ast_node *);
    va_end(ap);
    return x;
}
static ast_node *noreturn_call(const char *name)
{
    ast_node *x = call(name, 0);
    x->flags |= AST_F_NORETURN;
    return x;
}
static ast_node *decl(ast_var *v, ast_node *init)
{
    ast_node *vn = init ? node(AST_VAR, 1, init) : node(AST_VAR, 0);
    vn->var = v;
    v->decl = vn;
    return node(AST_DECL_STMT, 1, vn);
}
/* The scope of a block: the local variables of its declaration statements. */
static ast_scope *scope_of(ast_node **kids, int n)
{
    ast_scope *sc = FL_NEW(A, ast_scope);
    sc->vars = FL_NEW_ARRAY(A, ast_var *, 16);
    for (int i = 0; i < n; i++)
        if (kids[i] && kids[i]->kind == AST_DECL_STMT)
            for (int k = 0; k < kids[i]->nkids; k++)
                if (kids[i]->kids[k]->var->storage == STORAGE_LOCAL)
                    sc->vars[sc->nvars++] = kids[i]->kids[k]->var;
    return sc;
}
static ast_node *block(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    ast_node *x = nodev(AST_COMPOUND, n, ap);
    va_end(ap);
    x->scope = scope_of(x->kids, n);
    return x;
}
static ast_node *if_(ast_node *c, ast_node *t, ast_node *e)
{
    return e ? node(AST_IF, 3, c, t, e) : node(AST_IF, 2, c, t);
}
static ast_node *for_(ast_node *init, ast_node *c, ast_node *inc, ast_node *body)
{
    ast_node *x = node(AST_FOR, 4, init, c, inc, body);
    x->scope = scope_of(&x->kids[0], 1);
    return x;
}
static ast_node *named(ast_kind k, const char *name, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    ast_node *x = nodev(k, n, ap);
    va_end(ap);
    x->name = name;
    return x;
}
static ast_node *ret(ast_node *e) { return e ? node(AST_RETURN, 1, e) : node(AST_RETURN, 0); }
static ast_node *brk_(void) { return node(AST_BREAK, 0); }
static ast_node *cont_(void) { return node(AST_CONTINUE, 0); }

/* func(name, body, nparams, params...) */
static ast_func *func(const char *name, ast_node *body, int n, ...)
{
    ast_func *fn = FL_NEW(A, ast_func);
    fn->name = name;
    fn->body = body;
    fn->nparams = (uint32_t)n;
    fn->params = FL_NEW_ARRAY(A, ast_var *, n + 1);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        fn->params[i] = va_arg(ap, ast_var *);
    va_end(ap);
    return fn;
}

/* Build, verify and dump; the text is arena-owned. */
static const char *dump_cfg(const cfg *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cfg_dump(g, f);
    fclose(f);
    const char *s = fl_arena_strdup(A, buf);
    free(buf);
    return s;
}
static const cfg *build(const ast_func *fn)
{
    cfg *g = cfg_build(A, fn);
    cfg_verify(g);
    return g;
}
#define EXPECT_CFG(fn, text) ck_assert_str_eq(dump_cfg(build(fn)), text)

/* ---- CFG shapes of hand-built trees -------------------------------------------------------- */

#define ENTRY_TO_B2 "B0 (entry)\n  succs: B2\n"

/* void f(int x) { if (x) g(); } */
START_TEST(if_then)
{
    ast_var *x = param("x");
    ast_func *fn = func("f", block(1, if_(ref(x), call("g", 0), NULL)), 1, x);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref x\n  term: if\n  cond: ref x\n  succs: B3 B4\n"
                   "B3\n  1: ref g\n  2: call g\n  succs: B4\n"
                   "B4\n  1: scope-end x\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* void f(int x) { int y; if (x) y = 1; else y = 2; g(); } */
START_TEST(if_else)
{
    ast_var *x = param("x"), *y = local("y");
    ast_func *fn = func("f", block(3, decl(y, NULL),
                                   if_(ref(x), assign(y, lit("1")), assign(y, lit("2"))),
                                   call("g", 0)), 1, x);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: decl y\n  2: ref x\n  term: if\n  cond: ref x\n  succs: B3 B4\n"
                   "B3\n  1: ref y\n  2: literal 1\n  3: binary =\n  succs: B5\n"
                   "B4\n  1: ref y\n  2: literal 2\n  3: binary =\n  succs: B5\n"
                   "B5\n  1: ref g\n  2: call g\n  3: scope-end y\n  4: scope-end x\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* void f(int a, int b) { if (a) { if (b) g(); } else h(); } */
START_TEST(if_nested)
{
    ast_var *a = param("a"), *b = param("b");
    ast_func *fn = func("f", block(1, if_(ref(a), block(1, if_(ref(b), call("g", 0), NULL)), call("h", 0))),
                        2, a, b);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref a\n  term: if\n  cond: ref a\n  succs: B3 B6\n"
                   "B3\n  1: ref b\n  term: if\n  cond: ref b\n  succs: B4 B5\n"
                   "B4\n  1: ref g\n  2: call g\n  succs: B5\n"
                   "B5\n  succs: B7\n"
                   "B6\n  1: ref h\n  2: call h\n  succs: B7\n"
                   "B7\n  1: scope-end b\n  2: scope-end a\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* void f(int n) { while (n) { int k = n; n = n - 1; } done(); } */
START_TEST(while_loop)
{
    ast_var *n = param("n"), *k = local("k");
    ast_node *w = node(AST_WHILE, 2, ref(n),
                       block(2, decl(k, ref(n)), assign(n, bin(BIN_SUB, ref(n), lit("1")))));
    ast_func *fn = func("f", block(2, w, call("done", 0)), 1, n);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g),
                     "cfg f\n" ENTRY_TO_B2
                     "B2\n  succs: B3\n"
                     "B3\n  1: ref n\n  term: while\n  cond: ref n\n  succs: B4 B5\n"
                     "B4\n  1: ref n\n  2: decl k\n  3: ref n\n  4: ref n\n  5: literal 1\n"
                     "  6: binary -\n  7: binary =\n  8: scope-end k\n  succs: B3\n"
                     "B5\n  1: ref done\n  2: call done\n  3: scope-end n\n  succs: B1\n"
                     "B1 (exit)\n");
    ck_assert_ptr_null(g->blocks[2].loop);
    ck_assert_ptr_eq(g->blocks[3].loop, w);
    ck_assert_ptr_eq(g->blocks[4].loop, w);
    ck_assert_ptr_null(g->blocks[5].loop);
    /* the scope end of k is caused by the body compound */
    ck_assert_ptr_eq(g->blocks[4].elems[7].node, w->kids[1]);
    ck_assert_ptr_eq(g->blocks[4].elems[7].var, k);
}
END_TEST

/* void f(int n) { do { n--; } while (n); } */
START_TEST(do_while)
{
    ast_var *n = param("n");
    ast_node *d = node(AST_DO, 2, block(1, un(UN_POST_DEC, ref(n))), ref(n));
    ast_func *fn = func("f", block(1, d), 1, n);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g),
                     "cfg f\n" ENTRY_TO_B2
                     "B2\n  succs: B3\n"
                     "B3\n  1: ref n\n  2: unary --(post)\n  3: ref n\n  term: do\n  cond: ref n\n  succs: B3 B4\n"
                     "B4\n  1: scope-end n\n  succs: B1\n"
                     "B1 (exit)\n");
    ck_assert_ptr_eq(g->blocks[3].loop, d);
}
END_TEST

/* do { g(); } while (0);  -- a literal condition keeps only the edge it takes */
START_TEST(do_while_zero)
{
    ast_func *fn = func("f", block(1, node(AST_DO, 2, block(1, call("g", 0)), lit("0"))), 0);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  succs: B3\n"
                   "B3\n  1: ref g\n  2: call g\n  3: literal 0\n  term: do\n  succs: B4\n"
                   "B4\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* void f(void) { for (int i = 0; i < 10; i++) g(i); h(); } */
START_TEST(for_all_parts)
{
    ast_var *i = local("i");
    ast_node *fr = for_(decl(i, lit("0")), bin(BIN_LT, ref(i), lit("10")), un(UN_POST_INC, ref(i)),
                        call("g", 1, ref(i)));
    ast_func *fn = func("f", block(2, fr, call("h", 0)), 0);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g),
                     "cfg f\n" ENTRY_TO_B2
                     "B2\n  1: literal 0\n  2: decl i\n  succs: B3\n"
                     "B3\n  1: ref i\n  2: literal 10\n  3: binary <\n  term: for\n  cond: binary <\n  succs: B4 B5\n"
                     "B4\n  1: ref g\n  2: ref i\n  3: call g\n  4: ref i\n  5: unary ++(post)\n  succs: B3\n"
                     "B5\n  1: scope-end i\n  2: ref h\n  3: call h\n  succs: B1\n"
                     "B1 (exit)\n");
    ck_assert_ptr_eq(g->blocks[5].elems[0].node, fr);
    ck_assert_ptr_null(g->blocks[2].loop);
    ck_assert_ptr_eq(g->blocks[4].loop, fr);
}
END_TEST

/* void f(int i) { for (; i < 10; i++) { if (i == 3) continue; g(); } }  -- continue runs the increment */
START_TEST(for_continue_goes_to_inc)
{
    ast_var *i = param("i");
    ast_node *body = block(2, if_(bin(BIN_EQ, ref(i), lit("3")), cont_(), NULL), call("g", 0));
    ast_func *fn = func("f", block(1, for_(NULL, bin(BIN_LT, ref(i), lit("10")), un(UN_POST_INC, ref(i)), body)),
                        1, i);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  succs: B3\n"
                   "B3\n  1: ref i\n  2: literal 10\n  3: binary <\n  term: for\n  cond: binary <\n  succs: B4 B8\n"
                   "B4\n  1: ref i\n  2: literal 3\n  3: binary ==\n  term: if\n  cond: binary ==\n  succs: B5 B6\n"
                   "B5\n  term: continue\n  succs: B7\n"
                   "B6\n  1: ref g\n  2: call g\n  succs: B7\n"
                   "B7\n  1: ref i\n  2: unary ++(post)\n  succs: B3\n"
                   "B8\n  1: scope-end i\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* void f(void) { for (;;) g(); }  -- no false edge: the exit is unreachable */
START_TEST(for_infinite)
{
    ast_func *fn = func("f", block(1, for_(NULL, NULL, NULL, call("g", 0))), 0);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g), "cfg f\n" ENTRY_TO_B2
                                  "B2\n  succs: B3\n"
                                  "B3\n  1: ref g\n  2: call g\n  succs: B3\n"
                                  "B1 (exit, unreachable)\n");
    ck_assert_uint_eq(g->blocks[1].npreds, 0);
}
END_TEST

/* void f(void) { for (;;) { int a; if (g()) break; } }  -- break ends a, not the for's scope */
START_TEST(for_break_leaves_scope)
{
    ast_var *a = local("a");
    ast_node *body = block(2, decl(a, NULL), if_(call("g", 0), brk_(), NULL));
    ast_func *fn = func("f", block(1, for_(NULL, NULL, NULL, body)), 0);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g), "cfg f\n" ENTRY_TO_B2
                                  "B2\n  succs: B3\n"
                                  "B3\n  1: decl a\n  2: ref g\n  3: call g\n  term: if\n  cond: call g\n  succs: B4 B5\n"
                                  "B4\n  1: scope-end a\n  term: break\n  succs: B6\n"
                                  "B5\n  1: scope-end a\n  succs: B3\n"
                                  "B6\n  succs: B1\n"
                                  "B1 (exit)\n");
    ck_assert_uint_eq(g->blocks[4].elems[0].node->kind, AST_BREAK);
    ck_assert_uint_eq(g->blocks[5].elems[0].node->kind, AST_COMPOUND);
}
END_TEST

/* void f(void) { while (1) { if (g()) break; } h(); } */
START_TEST(while_one)
{
    ast_node *w = node(AST_WHILE, 2, lit("1"), block(1, if_(call("g", 0), brk_(), NULL)));
    ast_func *fn = func("f", block(2, w, call("h", 0)), 0);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  succs: B3\n"
                   "B3\n  1: literal 1\n  term: while\n  succs: B4\n"
                   "B4\n  1: ref g\n  2: call g\n  term: if\n  cond: call g\n  succs: B5 B6\n"
                   "B5\n  term: break\n  succs: B7\n"
                   "B6\n  succs: B3\n"
                   "B7\n  1: ref h\n  2: call h\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

static ast_node *case_(const char *v, ast_node *sub) { return node(AST_CASE, 2, lit(v), sub); }
static ast_node *default_(ast_node *sub) { return node(AST_DEFAULT, 1, sub); }

/* switch (x) { case 1: a(); case 2: b(); break; default: c(); } d(); */
START_TEST(switch_fallthrough)
{
    ast_var *x = param("x");
    ast_node *sw = node(AST_SWITCH, 2, ref(x),
                        block(4, case_("1", call("a", 0)), case_("2", call("b", 0)), brk_(),
                              default_(call("c", 0))));
    ast_func *fn = func("f", block(2, sw, call("d", 0)), 1, x);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g), "cfg f\n" ENTRY_TO_B2
                                  "B2\n  1: ref x\n  term: switch\n  succs: B3 B4 B5\n"
                                  "B3\n  1: ref a\n  2: call a\n  succs: B4\n"
                                  "B4\n  1: ref b\n  2: call b\n  term: break\n  succs: B6\n"
                                  "B5\n  1: ref c\n  2: call c\n  succs: B6\n"
                                  "B6\n  1: ref d\n  2: call d\n  3: scope-end x\n  succs: B1\n"
                                  "B1 (exit)\n");
    ck_assert_ptr_null(g->blocks[2].cond);
    ck_assert_ptr_eq(g->blocks[2].term, sw);
}
END_TEST

/* switch (x) { case 1: a(); break; default: b(); case 2: c(); } */
START_TEST(switch_default_in_middle)
{
    ast_var *x = param("x");
    ast_node *sw = node(AST_SWITCH, 2, ref(x),
                        block(4, case_("1", call("a", 0)), brk_(), default_(call("b", 0)), case_("2", call("c", 0))));
    ast_func *fn = func("f", block(1, sw), 1, x);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref x\n  term: switch\n  succs: B3 B4 B5\n"
                   "B3\n  1: ref a\n  2: call a\n  term: break\n  succs: B6\n"
                   "B4\n  1: ref b\n  2: call b\n  succs: B5\n"
                   "B5\n  1: ref c\n  2: call c\n  succs: B6\n"
                   "B6\n  1: scope-end x\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* switch (x) { case 1: { int a; break; } case 2: b(); } d();  -- no default: edge to the end */
START_TEST(switch_no_default)
{
    ast_var *x = param("x"), *a = local("a");
    ast_node *sw = node(AST_SWITCH, 2, ref(x),
                        block(2, case_("1", block(2, decl(a, NULL), brk_())), case_("2", call("b", 0))));
    ast_func *fn = func("f", block(2, sw, call("d", 0)), 1, x);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref x\n  term: switch\n  succs: B3 B4 B5\n"
                   "B3\n  1: decl a\n  2: scope-end a\n  term: break\n  succs: B5\n"
                   "B4\n  1: ref b\n  2: call b\n  succs: B5\n"
                   "B5\n  1: ref d\n  2: call d\n  3: scope-end x\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* while (n) { for (;;) { if (n == 1) break; if (n == 2) continue; n--; } if (n == 3) continue; n = 0; } */
START_TEST(nested_loops_break_continue)
{
    ast_var *n = param("n");
    ast_node *inner = for_(NULL, NULL, NULL,
                           block(3, if_(bin(BIN_EQ, ref(n), lit("1")), brk_(), NULL),
                                 if_(bin(BIN_EQ, ref(n), lit("2")), cont_(), NULL), un(UN_POST_DEC, ref(n))));
    ast_node *outer = node(AST_WHILE, 2, ref(n),
                           block(3, inner, if_(bin(BIN_EQ, ref(n), lit("3")), cont_(), NULL), assign(n, lit("0"))));
    ast_func *fn = func("f", block(1, outer), 1, n);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g),
                     "cfg f\n" ENTRY_TO_B2
                     "B2\n  succs: B3\n"
                     "B3\n  1: ref n\n  term: while\n  cond: ref n\n  succs: B4 B13\n"
                     "B4\n  succs: B5\n"
                     "B5\n  1: ref n\n  2: literal 1\n  3: binary ==\n  term: if\n  cond: binary ==\n  succs: B6 B7\n"
                     "B6\n  term: break\n  succs: B10\n"
                     "B7\n  1: ref n\n  2: literal 2\n  3: binary ==\n  term: if\n  cond: binary ==\n  succs: B8 B9\n"
                     "B8\n  term: continue\n  succs: B5\n"
                     "B9\n  1: ref n\n  2: unary --(post)\n  succs: B5\n"
                     "B10\n  1: ref n\n  2: literal 3\n  3: binary ==\n  term: if\n  cond: binary ==\n  succs: B11 B12\n"
                     "B11\n  term: continue\n  succs: B3\n"
                     "B12\n  1: ref n\n  2: literal 0\n  3: binary =\n  succs: B3\n"
                     "B13\n  1: scope-end n\n  succs: B1\n"
                     "B1 (exit)\n");
    for (uint32_t b = 5; b <= 9; b++)
        ck_assert_ptr_eq(g->blocks[b].loop, inner);
    ck_assert_ptr_eq(g->blocks[4].loop, outer);
    ck_assert_ptr_eq(g->blocks[10].loop, outer);
    ck_assert_ptr_null(g->blocks[13].loop);
}
END_TEST

/* void f(int x) { if (x) goto out; g(); out: h(); } */
START_TEST(goto_forward)
{
    ast_var *x = param("x");
    ast_func *fn = func("f", block(3, if_(ref(x), named(AST_GOTO, "out", 0), NULL), call("g", 0),
                                   named(AST_LABEL, "out", 1, call("h", 0))), 1, x);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref x\n  term: if\n  cond: ref x\n  succs: B3 B4\n"
                   "B3\n  term: goto out\n  succs: B5\n"
                   "B4\n  1: ref g\n  2: call g\n  succs: B5\n"
                   "B5\n  1: ref h\n  2: call h\n  3: scope-end x\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* void f(int n) { again: n--; if (n) goto again; } */
START_TEST(goto_backward)
{
    ast_var *n = param("n");
    ast_func *fn = func("f", block(2, named(AST_LABEL, "again", 1, un(UN_POST_DEC, ref(n))),
                                   if_(ref(n), named(AST_GOTO, "again", 0), NULL)), 1, n);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  succs: B3\n"
                   "B3\n  1: ref n\n  2: unary --(post)\n  3: ref n\n  term: if\n  cond: ref n\n  succs: B4 B5\n"
                   "B4\n  term: goto again\n  succs: B3\n"
                   "B5\n  1: scope-end n\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* void f(int x) { int a; { int b; int c; if (x) goto out; int d; } out: g(); } */
START_TEST(goto_out_of_scope)
{
    ast_var *x = param("x"), *a = local("a"), *b = local("b"), *c = local("c"), *d = local("d");
    ast_node *go = named(AST_GOTO, "out", 0);
    ast_func *fn = func("f", block(3, decl(a, NULL),
                                   block(4, decl(b, NULL), decl(c, NULL), if_(ref(x), go, NULL), decl(d, NULL)),
                                   named(AST_LABEL, "out", 1, call("g", 0))), 1, x);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g),
                     "cfg f\n" ENTRY_TO_B2
                     "B2\n  1: decl a\n  2: decl b\n  3: decl c\n  4: ref x\n  term: if\n  cond: ref x\n  succs: B3 B4\n"
                     "B3\n  1: scope-end c\n  2: scope-end b\n  term: goto out\n  succs: B5\n"
                     "B4\n  1: decl d\n  2: scope-end d\n  3: scope-end c\n  4: scope-end b\n  succs: B5\n"
                     "B5\n  1: ref g\n  2: call g\n  3: scope-end a\n  4: scope-end x\n  succs: B1\n"
                     "B1 (exit)\n");
    ck_assert_ptr_eq(g->blocks[3].elems[0].node, go);
    ck_assert_ptr_eq(g->blocks[3].elems[1].var, b);
}
END_TEST

/* void f(void) { int a; goto in; { int b; in: g(); } }  -- jumping into a scope ends nothing */
START_TEST(goto_into_scope)
{
    ast_var *a = local("a"), *b = local("b");
    ast_func *fn = func("f", block(3, decl(a, NULL), named(AST_GOTO, "in", 0),
                                   block(2, decl(b, NULL), named(AST_LABEL, "in", 1, call("g", 0)))), 0);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: decl a\n  term: goto in\n  succs: B4\n"
                   "B3 (unreachable)\n  1: decl b\n  succs: B4\n"
                   "B4\n  1: ref g\n  2: call g\n  3: scope-end b\n  4: scope-end a\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* void f(int p) { int a; goto nowhere; }  -- an unknown label leaves the function */
START_TEST(goto_unknown_label)
{
    ast_var *p = param("p"), *a = local("a");
    ast_func *fn = func("f", block(2, decl(a, NULL), named(AST_GOTO, "nowhere", 0)), 1, p);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: decl a\n  2: scope-end a\n  3: scope-end p\n  term: goto nowhere\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* void f(void *p) { L1: g(); { int a; L2: h(); goto *p; } } */
START_TEST(goto_indirect)
{
    ast_var *p = var_("p", STORAGE_PARAM, TY_POINTER), *a = local("a");
    ast_node *ig = node(AST_INDIRECT_GOTO, 1, ref(p));
    ast_func *fn = func("f", block(2, named(AST_LABEL, "L1", 1, call("g", 0)),
                                   block(2, decl(a, NULL), named(AST_LABEL, "L2", 1, block(2, call("h", 0), ig)))),
                        1, p);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  succs: B3\n"
                   "B3\n  1: ref g\n  2: call g\n  3: decl a\n  succs: B4\n"
                   "B4\n  1: ref h\n  2: call h\n  3: ref p\n  term: indirect-goto\n  succs: B5 B4\n"
                   "B5\n  1: scope-end a\n  succs: B3\n"
                   "B1 (exit, unreachable)\n");
}
END_TEST

/* int f(int x, int y) { int a; { int b; if (x) return a; int c; } return 0; } */
START_TEST(return_nested_scopes)
{
    ast_var *x = param("x"), *y = param("y"), *a = local("a"), *b = local("b"), *c = local("c");
    ast_node *r = ret(ref(a));
    ast_func *fn = func("f", block(3, decl(a, NULL), block(3, decl(b, NULL), if_(ref(x), r, NULL), decl(c, NULL)),
                                   ret(lit("0"))), 2, x, y);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g),
                     "cfg f\n" ENTRY_TO_B2
                     "B2\n  1: decl a\n  2: decl b\n  3: ref x\n  term: if\n  cond: ref x\n  succs: B3 B4\n"
                     "B3\n  1: ref a\n  2: scope-end b\n  3: scope-end a\n  4: scope-end y\n  5: scope-end x\n"
                     "  term: return\n  succs: B1\n"
                     "B4\n  1: decl c\n  2: scope-end c\n  3: scope-end b\n  4: literal 0\n  5: scope-end a\n"
                     "  6: scope-end y\n  7: scope-end x\n  term: return\n  succs: B1\n"
                     "B1 (exit)\n");
    for (uint32_t i = 1; i < 5; i++)
        ck_assert_ptr_eq(g->blocks[3].elems[i].node, r);
    ck_assert_uint_eq(g->blocks[1].npreds, 2);
}
END_TEST

/* void f(int x) { int a; if (x) abort(); g(); }  -- a noreturn call is a dead end */
START_TEST(noreturn_dead_end)
{
    ast_var *x = param("x"), *a = local("a");
    ast_func *fn = func("f", block(3, decl(a, NULL), if_(ref(x), noreturn_call("abort"), NULL), call("g", 0)), 1, x);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g),
                     "cfg f\n" ENTRY_TO_B2
                     "B2\n  1: decl a\n  2: ref x\n  term: if\n  cond: ref x\n  succs: B3 B4\n"
                     "B3\n  1: ref abort\n  2: call abort\n  term: call abort\n"
                     "B4\n  1: ref g\n  2: call g\n  3: scope-end a\n  4: scope-end x\n  succs: B1\n"
                     "B1 (exit)\n");
    ck_assert_uint_eq(g->blocks[3].nsuccs, 0);
    ck_assert_uint_eq(g->blocks[1].npreds, 1);
}
END_TEST

/* void f(void) { exit(1); } */
START_TEST(noreturn_at_end)
{
    ast_node *ex = noreturn_call("exit");
    ast_func *fn = func("f", block(1, ex), 0);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g), "cfg f\n" ENTRY_TO_B2
                                  "B2\n  1: ref exit\n  2: call exit\n  term: call exit\n"
                                  "B1 (exit, unreachable)\n");
    ck_assert_uint_eq(g->nrpo, 2);
}
END_TEST

/* if (a && b) g(); */
START_TEST(and_in_condition)
{
    ast_var *a = param("a"), *b = param("b");
    ast_func *fn = func("f", block(1, if_(bin(BIN_LAND, ref(a), ref(b)), call("g", 0), NULL)), 2, a, b);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref a\n  term: binary &&\n  cond: ref a\n  succs: B3 B5\n"
                   "B3\n  1: ref b\n  term: if\n  cond: ref b\n  succs: B4 B5\n"
                   "B4\n  1: ref g\n  2: call g\n  succs: B5\n"
                   "B5\n  1: scope-end b\n  2: scope-end a\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* if ((a || b)) g(); else h(); */
START_TEST(or_in_condition)
{
    ast_var *a = param("a"), *b = param("b");
    ast_node *c = node(AST_PAREN, 1, bin(BIN_LOR, ref(a), ref(b)));
    ast_func *fn = func("f", block(1, if_(c, call("g", 0), call("h", 0))), 2, a, b);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref a\n  term: binary ||\n  cond: ref a\n  succs: B4 B3\n"
                   "B3\n  1: ref b\n  term: if\n  cond: ref b\n  succs: B4 B5\n"
                   "B4\n  1: ref g\n  2: call g\n  succs: B6\n"
                   "B5\n  1: ref h\n  2: call h\n  succs: B6\n"
                   "B6\n  1: scope-end b\n  2: scope-end a\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* if (!a) g();  -- the edges swap; `!` is not an element */
START_TEST(not_in_condition)
{
    ast_var *a = param("a");
    ast_func *fn = func("f", block(1, if_(un(UN_LNOT, ref(a)), call("g", 0), NULL)), 1, a);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref a\n  term: if\n  cond: ref a\n  succs: B4 B3\n"
                   "B3\n  1: ref g\n  2: call g\n  succs: B4\n"
                   "B4\n  1: scope-end a\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* while (!(a && b)) g();  -- a negated conjunction: either false operand enters the body */
START_TEST(not_and_in_while)
{
    ast_var *a = param("a"), *b = param("b");
    ast_node *c = un(UN_LNOT, node(AST_PAREN, 1, bin(BIN_LAND, ref(a), ref(b))));
    ast_func *fn = func("f", block(1, node(AST_WHILE, 2, c, call("g", 0))), 2, a, b);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  succs: B3\n"
                   "B3\n  1: ref a\n  term: binary &&\n  cond: ref a\n  succs: B4 B5\n"
                   "B4\n  1: ref b\n  term: while\n  cond: ref b\n  succs: B6 B5\n"
                   "B5\n  1: ref g\n  2: call g\n  succs: B3\n"
                   "B6\n  1: scope-end b\n  2: scope-end a\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* if (c ? a : b) g(); */
START_TEST(conditional_in_condition)
{
    ast_var *c = param("c"), *a = param("a"), *b = param("b");
    ast_node *q = node(AST_COND, 3, ref(c), ref(a), ref(b));
    ast_func *fn = func("f", block(1, if_(q, call("g", 0), NULL)), 3, c, a, b);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref c\n  term: cond\n  cond: ref c\n  succs: B3 B4\n"
                   "B3\n  1: ref a\n  term: if\n  cond: ref a\n  succs: B5 B6\n"
                   "B4\n  1: ref b\n  term: if\n  cond: ref b\n  succs: B5 B6\n"
                   "B5\n  1: ref g\n  2: call g\n  succs: B6\n"
                   "B6\n  1: scope-end b\n  2: scope-end a\n  3: scope-end c\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* int x; x = a && b; */
START_TEST(and_value)
{
    ast_var *a = param("a"), *b = param("b"), *x = local("x");
    ast_func *fn = func("f", block(2, decl(x, NULL), assign(x, bin(BIN_LAND, ref(a), ref(b)))), 2, a, b);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: decl x\n  2: ref x\n  3: ref a\n  term: binary &&\n  cond: ref a\n  succs: B3 B4\n"
                   "B3\n  1: ref b\n  succs: B4\n"
                   "B4\n  1: binary &&\n  2: binary =\n  3: scope-end x\n  4: scope-end b\n  5: scope-end a\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* int x; x = a || b; */
START_TEST(or_value)
{
    ast_var *a = param("a"), *b = param("b"), *x = local("x");
    ast_func *fn = func("f", block(2, decl(x, NULL), assign(x, bin(BIN_LOR, ref(a), ref(b)))), 2, a, b);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: decl x\n  2: ref x\n  3: ref a\n  term: binary ||\n  cond: ref a\n  succs: B4 B3\n"
                   "B3\n  1: ref b\n  succs: B4\n"
                   "B4\n  1: binary ||\n  2: binary =\n  3: scope-end x\n  4: scope-end b\n  5: scope-end a\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* int x = c ? a : g(); */
START_TEST(conditional_value)
{
    ast_var *c = param("c"), *a = param("a"), *x = local("x");
    ast_func *fn = func("f", block(1, decl(x, node(AST_COND, 3, ref(c), ref(a), call("g", 0)))), 2, c, a);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref c\n  term: cond\n  cond: ref c\n  succs: B3 B4\n"
                   "B3\n  1: ref a\n  succs: B5\n"
                   "B4\n  1: ref g\n  2: call g\n  succs: B5\n"
                   "B5\n  1: cond\n  2: decl x\n  3: scope-end x\n  4: scope-end a\n  5: scope-end c\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* int x = a ?: g();  -- GNU: a is evaluated once, as a value */
START_TEST(gnu_conditional_value)
{
    ast_var *a = param("a"), *x = local("x");
    ast_node *q = node(AST_COND, 2, ref(a), call("g", 0));
    q->flags = AST_F_BINARY_COND;
    ast_func *fn = func("f", block(1, decl(x, q)), 1, a);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref a\n  term: cond ?:\n  cond: ref a\n  succs: B4 B3\n"
                   "B3\n  1: ref g\n  2: call g\n  succs: B4\n"
                   "B4\n  1: cond ?:\n  2: decl x\n  3: scope-end x\n  4: scope-end a\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* x = (g(), h()); */
START_TEST(comma)
{
    ast_var *x = param("x");
    ast_node *cm = node(AST_PAREN, 1, bin(BIN_COMMA, call("g", 0), call("h", 0)));
    ast_func *fn = func("f", block(1, assign(x, cm)), 1, x);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref x\n  2: ref g\n  3: call g\n  4: ref h\n  5: call h\n  6: binary ,\n"
                   "  7: binary =\n  8: scope-end x\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* x = ({ int t = g(); t; }); */
START_TEST(statement_expression)
{
    ast_var *x = param("x"), *t = local("t");
    ast_node *se = node(AST_STMT_EXPR, 1, block(2, decl(t, call("g", 0)), ref(t)));
    ast_func *fn = func("f", block(1, assign(x, se)), 1, x);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: ref x\n  2: ref g\n  3: call g\n  4: decl t\n  5: ref t\n  6: scope-end t\n"
                   "  7: stmt-expr\n  8: binary =\n  9: scope-end x\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* { use(&(struct s){1}); } g();  -- the literal's object dies with its block */
START_TEST(compound_literal_scope)
{
    ast_var *cl = var_("(compound literal)", STORAGE_LOCAL, TY_RECORD);
    cl->flags = AST_VAR_COMPOUND_LITERAL;
    ast_node *lt = node(AST_COMPOUND_LIT, 1, node(AST_INIT_LIST, 1, lit("1")));
    lt->var = cl;
    ast_node *inner = block(1, call("use", 1, un(UN_ADDR_OF, lt)));
    ast_func *fn = func("f", block(2, inner, call("g", 0)), 0);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g), "cfg f\n" ENTRY_TO_B2
                                  "B2\n  1: ref use\n  2: literal 1\n  3: init-list\n  4: decl (compound literal)\n"
                                  "  5: compound-literal\n  6: unary &\n  7: call use\n  8: scope-end (compound literal)\n"
                                  "  9: ref g\n  10: call g\n  succs: B1\n"
                                  "B1 (exit)\n");
    ck_assert_ptr_eq(g->blocks[2].elems[3].node, lt);
    ck_assert_ptr_eq(g->blocks[2].elems[7].node, inner);
}
END_TEST

/* int f(void) { return 1; g(); } */
START_TEST(unreachable_after_return)
{
    ast_func *fn = func("f", block(2, ret(lit("1")), call("g", 0)), 0);
    const cfg *g = build(fn);
    ck_assert_str_eq(dump_cfg(g), "cfg f\n" ENTRY_TO_B2
                                  "B2\n  1: literal 1\n  term: return\n  succs: B1\n"
                                  "B3 (unreachable)\n  1: ref g\n  2: call g\n  succs: B1\n"
                                  "B1 (exit)\n");
    ck_assert_uint_eq(g->nrpo, 3);
    ck_assert_uint_eq(g->rpo[0], 0);
    ck_assert_uint_eq(g->rpo[1], 2);
    ck_assert_uint_eq(g->rpo[2], 1);
}
END_TEST

/* static int s = 5; int n = sizeof(x) + (1);  -- static: no initializer, no scope end */
START_TEST(sizeof_paren_static)
{
    ast_var *s = var_("s", STORAGE_STATIC_LOCAL, TY_INT), *n = local("n");
    ast_node *e = bin(BIN_ADD, node(AST_SIZEOF, 0), node(AST_PAREN, 1, lit("1")));
    ast_func *fn = func("f", block(2, decl(s, lit("5")), decl(n, e)), 0);
    EXPECT_CFG(fn, "cfg f\n" ENTRY_TO_B2
                   "B2\n  1: decl s\n  2: sizeof\n  3: literal 1\n  4: binary +\n  5: decl n\n  6: scope-end n\n  succs: B1\n"
                   "B1 (exit)\n");
}
END_TEST

/* Every edge except loop back edges goes forward in rpo. */
START_TEST(rpo_order)
{
    ast_var *n = param("n"), *y = local("y");
    ast_node *w = node(AST_WHILE, 2, ref(n),
                       block(1, if_(ref(n), assign(y, lit("1")), assign(y, lit("2")))));
    ast_func *fn = func("f", block(3, decl(y, NULL), w, ret(ref(y))), 1, n);
    const cfg *g = build(fn);
    uint32_t pos[64];
    ck_assert_uint_lt(g->nblocks, 64);
    for (uint32_t i = 0; i < g->nblocks; i++)
        pos[i] = UINT32_MAX;
    for (uint32_t i = 0; i < g->nrpo; i++)
        pos[g->rpo[i]] = i;
    ck_assert_uint_eq(g->nrpo, g->nblocks);
    uint32_t back = 0;
    for (uint32_t b = 0; b < g->nblocks; b++)
        for (uint32_t k = 0; k < g->blocks[b].nsuccs; k++) {
            uint32_t s = g->blocks[b].succs[k];
            if (pos[s] <= pos[b]) {
                back++;
                ck_assert_ptr_eq(g->blocks[s].term, w); /* the only back edge targets the loop head */
            }
        }
    ck_assert_uint_eq(back, 1); /* from the join of the if back to the head */
}
END_TEST

/* ---- dataflow ------------------------------------------------------------------------------ */

/* "Assigned" problems: bit v->index is set by `v = ...` (an assignment whose lhs is ref v). */
static void assigned_transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)ctx, (void)g;
    for (uint32_t i = 0; i < b->nelems; i++) {
        const ast_node *n = b->elems[i].node;
        if (b->elems[i].kind == CFG_EXPR && n->kind == AST_BINARY && n->op == BIN_ASSIGN &&
            n->kids[0]->kind == AST_REF && n->kids[0]->var)
            fl_bs_set(st, n->kids[0]->var->index);
    }
}

static ast_var *indexed(const char *name, ast_storage st, uint32_t index)
{
    ast_var *v = var_(name, st, TY_INT);
    v->index = index;
    return v;
}

/* The block whose first element is a call to `name` (the tests' landmarks). */
static uint32_t block_calling(const cfg *g, const char *name)
{
    for (uint32_t b = 0; b < g->nblocks; b++)
        for (uint32_t i = 0; i < g->blocks[b].nelems; i++) {
            const ast_node *n = g->blocks[b].elems[i].node;
            if (n->kind == AST_CALL && n->name && strcmp(n->name, name) == 0)
                return b;
        }
    ck_abort_msg("no call to %s", name);
    return 0;
}

/* if (x) { y = 1; z = 1; } else { y = 2; } join(); */
static const cfg *diamond(void)
{
    ast_var *x = indexed("x", STORAGE_PARAM, 0), *y = indexed("y", STORAGE_LOCAL, 1), *z = indexed("z", STORAGE_LOCAL, 2);
    ast_func *fn = func("f", block(4, decl(y, NULL), decl(z, NULL),
                                   if_(ref(x), block(2, assign(y, lit("1")), assign(z, lit("1"))), assign(y, lit("2"))),
                                   call("join", 0)), 1, x);
    return build(fn);
}

START_TEST(df_union_and_intersection)
{
    const cfg *g = diamond();
    uint32_t j = block_calling(g, "join");
    df_problem may = {.nbits = 3, .transfer = assigned_transfer};
    df_problem must = {.nbits = 3, .intersect = true, .transfer = assigned_transfer};
    df_result *rm = df_run(A, g, &may), *rs = df_run(A, g, &must);
    ck_assert(rm->reached[j] && rs->reached[j]);
    ck_assert(fl_bs_test(df_in(rm, j), 1) && fl_bs_test(df_in(rm, j), 2));
    ck_assert(fl_bs_test(df_in(rs, j), 1));
    ck_assert(!fl_bs_test(df_in(rs, j), 2));
    ck_assert(!fl_bs_test(df_in(rm, j), 0));
    /* the entry's in-state is the boundary (zero), and its out equals its in (no elements) */
    ck_assert(fl_bs_empty(df_in(rs, 0), rs->nwords));
    ck_assert(rs->reached[1]);
    ck_assert(fl_bs_test(df_in(rs, 1), 1));
}
END_TEST

static void set_bit0(void *ctx, fl_word *st) { (void)ctx; fl_bs_set(st, 0); }
static void kill_bit0(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)ctx, (void)g, (void)b;
    fl_bs_clear(st, 0);
}

START_TEST(df_boundary_state)
{
    const cfg *g = diamond();
    uint32_t j = block_calling(g, "join");
    df_problem p = {.nbits = 3, .intersect = true, .boundary = set_bit0, .transfer = assigned_transfer};
    df_result *r = df_run(A, g, &p);
    ck_assert(fl_bs_test(df_in(r, 0), 0));
    ck_assert(fl_bs_test(df_in(r, j), 0));
    p.transfer = kill_bit0;
    r = df_run(A, g, &p);
    ck_assert(fl_bs_test(df_in(r, 0), 0));
    ck_assert(!fl_bs_test(df_out(r, 0), 0));
    ck_assert(!fl_bs_test(df_in(r, j), 0));
}
END_TEST

/* Bit 3 = "the branch condition was true": set on the true edge of every two-way branch. */
static void true_edge(void *ctx, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    (void)ctx, (void)g;
    if (b->cond && succ == 0)
        fl_bs_set(st, 3);
}

START_TEST(df_edge_callback)
{
    const cfg *g = diamond();
    uint32_t j = block_calling(g, "join");
    const cfg_block *br = &g->blocks[2];
    ck_assert_uint_eq(br->nsuccs, 2);
    df_problem may = {.nbits = 4, .transfer = assigned_transfer, .edge = true_edge};
    df_problem must = may;
    must.intersect = true;
    df_result *rm = df_run(A, g, &may), *rs = df_run(A, g, &must);
    ck_assert(fl_bs_test(df_in(rs, br->succs[0]), 3));
    ck_assert(!fl_bs_test(df_in(rs, br->succs[1]), 3));
    ck_assert(!fl_bs_test(df_out(rs, 2), 3)); /* the edge changes what flows, not the block's out */
    ck_assert(fl_bs_test(df_in(rm, j), 3));
    ck_assert(!fl_bs_test(df_in(rs, j), 3));
}
END_TEST

/* while (n) { y = 1; } after();  -- the back edge brings y to the head for "may" only */
START_TEST(df_loop_converges)
{
    ast_var *n = indexed("n", STORAGE_PARAM, 0), *y = indexed("y", STORAGE_LOCAL, 1);
    ast_node *w = node(AST_WHILE, 2, ref(n), block(1, assign(y, lit("1"))));
    const cfg *g = build(func("f", block(3, decl(y, NULL), w, call("after", 0)), 1, n));
    uint32_t head = 3, after = block_calling(g, "after");
    ck_assert_ptr_eq(g->blocks[head].term, w);
    df_problem may = {.nbits = 2, .transfer = assigned_transfer};
    df_problem must = {.nbits = 2, .intersect = true, .transfer = assigned_transfer};
    df_result *rm = df_run(A, g, &may), *rs = df_run(A, g, &must);
    ck_assert(fl_bs_test(df_in(rm, head), 1));
    ck_assert(!fl_bs_test(df_in(rs, head), 1));
    ck_assert(fl_bs_test(df_in(rm, after), 1));
    ck_assert(!fl_bs_test(df_in(rs, after), 1));
}
END_TEST

/* if (x) goto L2; L1: y = 1; L2: z = 1; if (x) goto L1; end();  -- a loop with two entries */
START_TEST(df_irreducible)
{
    ast_var *x = indexed("x", STORAGE_PARAM, 0), *y = indexed("y", STORAGE_PARAM, 1), *z = indexed("z", STORAGE_PARAM, 2);
    ast_func *fn = func("f", block(5, if_(ref(x), named(AST_GOTO, "L2", 0), NULL),
                                   named(AST_LABEL, "L1", 1, assign(y, lit("1"))),
                                   named(AST_LABEL, "L2", 1, assign(z, lit("1"))),
                                   if_(ref(x), named(AST_GOTO, "L1", 0), NULL), call("end", 0)),
                        3, x, y, z);
    const cfg *g = build(fn);
    uint32_t end = block_calling(g, "end");
    df_problem may = {.nbits = 3, .transfer = assigned_transfer};
    df_problem must = {.nbits = 3, .intersect = true, .transfer = assigned_transfer};
    df_result *rm = df_run(A, g, &may), *rs = df_run(A, g, &must);
    ck_assert(fl_bs_test(df_in(rs, end), 2));
    ck_assert(!fl_bs_test(df_in(rs, end), 1));
    ck_assert(fl_bs_test(df_in(rm, end), 1) && fl_bs_test(df_in(rm, end), 2));
    /* L1's block: entered first without anything assigned, later from the goto with both */
    uint32_t l1 = UINT32_MAX;
    for (uint32_t b = 0; b < g->nblocks; b++)
        if (g->blocks[b].nelems && g->blocks[b].elems[0].node->kind == AST_REF && g->blocks[b].elems[0].node->var == y)
            l1 = b;
    ck_assert_uint_ne(l1, UINT32_MAX);
    ck_assert(fl_bs_empty(df_in(rs, l1), rs->nwords));
    ck_assert(fl_bs_test(df_in(rm, l1), 1) && fl_bs_test(df_in(rm, l1), 2));
}
END_TEST

/* Backward "used later": bit v->index for every ref v. */
static void uses_transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)ctx, (void)g;
    for (uint32_t i = b->nelems; i-- > 0;) {
        const ast_node *n = b->elems[i].node;
        if (b->elems[i].kind == CFG_EXPR && n->kind == AST_REF && n->var)
            fl_bs_set(st, n->var->index);
    }
}

/* if (x) g(y); else { h(z); abort(); }  -- backward: the dead end gets no state */
START_TEST(df_backward)
{
    ast_var *x = indexed("x", STORAGE_PARAM, 0), *y = indexed("y", STORAGE_PARAM, 1), *z = indexed("z", STORAGE_PARAM, 2);
    ast_func *fn = func("f", block(1, if_(ref(x), call("g", 1, ref(y)), block(2, call("h", 1, ref(z)), noreturn_call("abort")))),
                        3, x, y, z);
    const cfg *g = build(fn);
    uint32_t bg = block_calling(g, "g"), bh = block_calling(g, "h");
    df_problem p = {.nbits = 3, .backward = true, .transfer = uses_transfer};
    df_result *r = df_run(A, g, &p);
    ck_assert(r->reached[1] && r->reached[bg] && r->reached[2]);
    ck_assert(!r->reached[bh]);
    ck_assert(fl_bs_empty(df_out(r, bh), r->nwords));
    ck_assert(fl_bs_test(df_out(r, bg), 1));   /* at g's block start: y is used */
    ck_assert(!fl_bs_test(df_in(r, bg), 1));   /* at its end: not any more */
    ck_assert(fl_bs_test(df_out(r, 2), 0) && fl_bs_test(df_out(r, 2), 1) && !fl_bs_test(df_out(r, 2), 2));
}
END_TEST

/* Unreachable blocks keep zero states and are not reached; dead ends do not reach the join. */
START_TEST(df_unreached_and_dead_end)
{
    ast_var *x = indexed("x", STORAGE_PARAM, 0), *y = indexed("y", STORAGE_LOCAL, 1);
    ast_func *fn = func("f", block(4, decl(y, NULL), if_(ref(x), block(2, assign(y, lit("1")), noreturn_call("abort")), NULL),
                                   call("after", 0), block(2, ret(NULL), call("dead", 0))), 1, x);
    const cfg *g = build(fn);
    uint32_t after = block_calling(g, "after"), dead = block_calling(g, "dead");
    df_problem may = {.nbits = 2, .boundary = set_bit0, .transfer = assigned_transfer};
    df_result *r = df_run(A, g, &may);
    ck_assert(!r->reached[dead]);
    ck_assert(fl_bs_empty(df_in(r, dead), r->nwords));
    ck_assert(r->reached[after]);
    ck_assert(!fl_bs_test(df_in(r, after), 1)); /* the assignment's path ends in abort() */
    ck_assert(fl_bs_test(df_in(r, after), 0));
}
END_TEST

/* Many bits (several words) go through intact. */
START_TEST(df_wide_states)
{
    const cfg *g = diamond();
    df_problem p = {.nbits = 200, .intersect = true, .boundary = NULL, .transfer = NULL};
    df_result *r = df_run(A, g, &p);
    ck_assert_uint_eq(r->nwords, 4);
    for (uint32_t b = 0; b < g->nblocks; b++)
        ck_assert(r->reached[b] && fl_bs_empty(df_in(r, b), 4));
}
END_TEST

/* ---- places -------------------------------------------------------------------------------- */

static ast_node *member(ast_node *base, const char *f, bool arrow)
{
    ast_node *x = node(AST_MEMBER, 1, base);
    x->name = f;
    x->flags = arrow ? AST_F_ARROW : 0;
    return x;
}
static ast_node *index_(ast_node *base, ast_node *i) { return node(AST_INDEX, 2, base, i); }
static ast_node *deref_(ast_node *p) { return un(UN_DEREF, p); }
static ast_node *paren(ast_node *e) { return node(AST_PAREN, 1, e); }
static ast_var *ptr(const char *name) { return var_(name, STORAGE_LOCAL, TY_POINTER); }
static ast_var *arr(const char *name) { return var_(name, STORAGE_LOCAL, TY_ARRAY); }

START_TEST(place_arrow_equals_deref_dot)
{
    ast_var *s = ptr("s");
    place a = place_of(A, member(ref(s), "mu", true));
    place b = place_of(A, member(paren(deref_(ref(s))), "mu", false));
    ck_assert_ptr_eq(a.root, s);
    ck_assert_str_eq(a.path, "*.mu");
    ck_assert(place_equal(a, b));
    ck_assert(place_may_alias(a, b));
    ck_assert_str_eq(place_str(A, a), "s->mu");
    place c = place_of(A, member(ref(s), "cv", true));
    ck_assert(!place_equal(a, c));
    ck_assert(!place_may_alias(a, c));
}
END_TEST

START_TEST(place_array_indices)
{
    ast_var *t = arr("t"), *i = local("i"), *j = local("j");
    place ti = place_of(A, index_(ref(t), ref(i))), tj = place_of(A, index_(ref(t), ref(j)));
    place t1 = place_of(A, index_(ref(t), lit("1"))), t2 = place_of(A, index_(ref(t), lit("2")));
    ck_assert_str_eq(ti.path, "[*]");
    ck_assert_str_eq(t1.path, "[1]");
    ck_assert(place_may_alias(ti, tj));
    ck_assert(place_equal(ti, tj)); /* same text: "some element" both */
    ck_assert(!place_may_alias(t1, t2));
    ck_assert(place_may_alias(t1, ti));
    ck_assert(place_may_alias(ti, t2));
    ck_assert_str_eq(place_str(A, ti), "t[_]");
    ck_assert_str_eq(place_str(A, t2), "t[2]");
    /* 2[t] is t[2] */
    ck_assert(place_equal(place_of(A, index_(lit("2"), ref(t))), t2));
    /* hex literal index and casts */
    ck_assert_str_eq(place_of(A, index_(ref(t), node(AST_CAST, 1, lit("0x2")))).path, "[2]");
    /* a whole array does not alias one element, another variable never does */
    ck_assert(!place_may_alias((place){t, ""}, t1));
    ck_assert(!place_may_alias(place_of(A, index_(ref(arr("u")), ref(i))), ti));
}
END_TEST

START_TEST(place_pointer_indices)
{
    ast_var *p = ptr("p"), *i = local("i");
    place p0 = place_of(A, index_(ref(p), lit("0"))), dp = place_of(A, deref_(ref(p)));
    place p1 = place_of(A, index_(ref(p), lit("1"))), pi = place_of(A, index_(ref(p), ref(i)));
    ck_assert_str_eq(p0.path, "*");
    ck_assert(place_equal(p0, dp));
    ck_assert_str_eq(p1.path, "*[1]");
    ck_assert_str_eq(pi.path, "*[*]");
    ck_assert(place_may_alias(pi, dp));
    ck_assert(place_may_alias(dp, pi));
    ck_assert(!place_may_alias(p1, dp));
    ck_assert(place_may_alias(p1, pi));
    ck_assert_str_eq(place_str(A, p1), "p[1]");
    ck_assert_str_eq(place_str(A, pi), "p[_]");
    ck_assert_str_eq(place_str(A, dp), "*p");
    /* p[i].f may alias p->f; p[1].f does not */
    place pif = place_of(A, member(index_(ref(p), ref(i)), "f", false));
    place arrowf = place_of(A, member(ref(p), "f", true));
    place p1f = place_of(A, member(index_(ref(p), lit("1")), "f", false));
    ck_assert_str_eq(pif.path, "*[*].f");
    ck_assert(place_may_alias(pif, arrowf));
    ck_assert(!place_may_alias(p1f, arrowf));
    ck_assert_str_eq(place_str(A, pif), "p[_].f");
}
END_TEST

START_TEST(place_nested_paths)
{
    ast_var *pp = ptr("pp"), *s = local("s"), *a = arr("a");
    s->ty = TY_RECORD;
    place x = place_of(A, member(paren(deref_(ref(pp))), "f", true)); /* (*pp)->f */
    ck_assert_str_eq(x.path, "**.f");
    ck_assert_str_eq(place_str(A, x), "(*pp)->f");
    place y = place_of(A, member(member(ref(s), "a", false), "b", false));
    ck_assert_str_eq(y.path, ".a.b");
    ck_assert_str_eq(place_str(A, y), "s.a.b");
    place z = place_of(A, member(member(ref(s), "p", false), "q", true)); /* s.p->q */
    ck_assert_str_eq(z.path, ".p*.q");
    ck_assert_str_eq(place_str(A, z), "s.p->q");
    /* an array's -> is element 0 */
    place af = place_of(A, member(ref(a), "f", true));
    ck_assert_str_eq(af.path, "[0].f");
    ck_assert(place_equal(af, place_of(A, member(index_(ref(a), lit("0")), "f", false))));
    ck_assert_str_eq(place_str(A, af), "a[0].f");
    /* **pp */
    place dd = place_of(A, deref_(deref_(ref(pp))));
    ck_assert_str_eq(dd.path, "**");
    ck_assert_str_eq(place_str(A, dd), "**pp");
    /* casts are skipped */
    ck_assert(place_equal(place_of(A, node(AST_CAST, 1, ref(s))), (place){s, ""}));
    /* *(p + 1) is p[1], either operand first; p + 1 points there */
    ast_var *q = ptr("q");
    ck_assert_str_eq(place_of(A, deref_(bin(BIN_ADD, ref(q), lit("1")))).path, "*[1]");
    ck_assert_str_eq(place_of(A, deref_(bin(BIN_ADD, lit("2"), ref(q)))).path, "*[2]");
    ck_assert_str_eq(place_of_pointee(A, bin(BIN_ADD, ref(q), lit("1"))).path, "*[1]");
}
END_TEST

START_TEST(place_not_places)
{
    ast_var *p = ptr("p");
    ck_assert_ptr_null(place_of(A, call("f", 0)).root);
    ck_assert_ptr_null(place_of(A, member(call("f", 0), "x", false)).root);
    ck_assert_ptr_null(place_of(A, lit("1")).root);
    ck_assert_ptr_null(place_of(A, deref_(bin(BIN_SUB, ref(p), lit("1")))).root);
    ck_assert_ptr_null(place_of(A, fref("main")).root);
    ck_assert_ptr_null(place_of(A, NULL).root);
    ck_assert(!place_may_alias(place_of(A, lit("1")), place_of(A, lit("1"))));
    ck_assert(!place_equal(place_of(A, lit("1")), place_of(A, lit("1"))));
}
END_TEST

START_TEST(place_pointee)
{
    ast_var *x = local("x"), *w = ptr("w"), *t = arr("t"), *p = ptr("p"), *i = local("i");
    place a = place_of_pointee(A, un(UN_ADDR_OF, ref(x)));
    ck_assert_ptr_eq(a.root, x);
    ck_assert_str_eq(a.path, "");
    place b = place_of_pointee(A, un(UN_ADDR_OF, member(ref(w), "tid", true)));
    ck_assert_ptr_eq(b.root, w);
    ck_assert_str_eq(b.path, "*.tid");
    ck_assert_str_eq(place_str(A, b), "w->tid");
    place c = place_of_pointee(A, un(UN_ADDR_OF, index_(ref(t), ref(i))));
    ck_assert_str_eq(c.path, "[*]");
    place d = place_of_pointee(A, ref(t)); /* an array decays to a pointer to itself */
    ck_assert_ptr_eq(d.root, t);
    ck_assert_str_eq(d.path, "");
    place e = place_of_pointee(A, node(AST_CAST, 1, paren(un(UN_ADDR_OF, ref(x)))));
    ck_assert(place_equal(e, a));
    ck_assert_ptr_null(place_of_pointee(A, ref(p)).root);
    ck_assert_ptr_null(place_of_pointee(A, call("malloc", 1, lit("4"))).root);
    ck_assert_ptr_null(place_of_pointee(A, un(UN_ADDR_OF, call("f", 0))).root);
}
END_TEST

/* ---- conditions and call results (ir/cond.h) ---------------------------------------------- */

static ast_node *named_ref(const char *name)
{
    ast_node *x = node(AST_REF, 0);
    x->name = name; /* an enumerator: a name, no variable */
    return x;
}
static ast_node *null_(void) { return node(AST_CAST, 1, paren(lit("0"))); } /* ((void *)0) */

START_TEST(cond_zero)
{
    ck_assert(cond_is_zero(lit("0")));
    ck_assert(cond_is_zero(lit("0L")));
    ck_assert(cond_is_zero(lit("0U")));
    ck_assert(cond_is_zero(null_()));
    ck_assert(cond_is_zero(paren(named_ref("thrd_success"))));
    ck_assert(!cond_is_zero(lit("1")));
    ck_assert(!cond_is_zero(named_ref("thrd_error")));
    ck_assert(!cond_is_zero(ref(local("x"))));
    ck_assert(!cond_is_zero(un(UN_LNOT, lit("1"))));
    ck_assert(!cond_is_zero(NULL));
}
END_TEST

START_TEST(cond_tested)
{
    ast_var *x = local("x"), *rc = local("rc"), *y = local("y");
    bool z = true;
    ast_node *rx = ref(x);
    ck_assert_ptr_eq(cond_tested_value(rx, &z), rx); /* `if (x)`: true means non-zero */
    ck_assert(!z);
    ck_assert_ptr_eq(cond_tested_value(paren(un(UN_LNOT, rx)), &z), rx);
    ck_assert(z);
    ck_assert_ptr_eq(cond_tested_value(bin(BIN_EQ, rx, lit("0")), &z), rx);
    ck_assert(z);
    ck_assert_ptr_eq(cond_tested_value(bin(BIN_NE, lit("0"), rx), &z), rx); /* zero on the left */
    ck_assert(!z);
    ck_assert_ptr_eq(cond_tested_value(un(UN_LNOT, bin(BIN_NE, rx, lit("0"))), &z), rx);
    ck_assert(z);
    ck_assert_ptr_eq(cond_tested_value(bin(BIN_EQ, node(AST_CAST, 1, rx), null_()), &z), rx);
    ck_assert(z);
    ck_assert_ptr_eq(cond_tested_value(bin(BIN_NE, rx, named_ref("thrd_success")), &z), rx);
    ck_assert(!z);
    /* through assignments: to the call on the right, else to the variable assigned */
    ast_node *c = call("pthread_create", 0);
    ck_assert_ptr_eq(cond_tested_value(bin(BIN_NE, paren(assign(rc, c)), lit("0")), &z), c);
    ck_assert(!z);
    ck_assert_ptr_eq(cond_tested_value(un(UN_LNOT, paren(assign(rc, node(AST_CAST, 1, c)))), &z), c);
    ck_assert(z);
    ast_node *a = assign(rc, ref(y));
    ck_assert_ptr_eq(cond_tested_value(paren(a), &z), a->kids[0]);
    ck_assert(!z);
    /* anything else is the value itself */
    ast_node *lt = bin(BIN_LT, rx, lit("0"));
    ck_assert_ptr_eq(cond_tested_value(un(UN_LNOT, lt), &z), lt);
    ck_assert(z);
    ast_node *one = bin(BIN_EQ, rx, lit("1"));
    ck_assert_ptr_eq(cond_tested_value(one, &z), one);
    ck_assert(!z);
    ck_assert_ptr_null(cond_tested_value(NULL, &z));
}
END_TEST

START_TEST(cond_strip_stops_at_assignment)
{
    ast_var *rc = local("rc");
    ast_node *a = assign(rc, call("pthread_create", 0));
    bool z = false;
    ck_assert_ptr_eq(cond_strip_zero_tests(bin(BIN_EQ, paren(a), lit("0")), &z), a);
    ck_assert(z);
    z = true; /* it flips what the caller passes in */
    ck_assert_ptr_eq(cond_strip_zero_tests(un(UN_LNOT, a), &z), a);
    ck_assert(!z);
}
END_TEST

static bool find_elem(const cfg *g, const ast_node *n, const cfg_block **b, uint32_t *at)
{
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++)
            if (g->blocks[bi].elems[i].node == n) {
                *b = &g->blocks[bi];
                *at = i;
                return true;
            }
    return false;
}

/* void f(struct w *w) { pthread_t t = xspawn(); x = s2(); w->tid = s3(); s4(); f(s5()); } */
START_TEST(cond_results)
{
    ast_var *t = local("t"), *x = local("x"), *w = ptr("w");
    ast_node *c1 = call("xspawn", 0), *c2 = call("s2", 0), *c3 = call("s3", 0), *c4 = call("s4", 0),
             *c5 = call("s5", 0);
    ast_node *st2 = assign(x, c2), *st3 = bin(BIN_ASSIGN, member(ref(w), "tid", true), node(AST_CAST, 1, c3));
    ast_func *fn = func("f", block(5, decl(t, c1), st2, st3, c4, call("f", 1, c5)), 1, w);
    const cfg *g = build(fn);
    const cfg_block *b;
    uint32_t at;
    ck_assert(find_elem(g, c1, &b, &at));
    place p = cond_result_place(A, b, at, c1);
    ck_assert_ptr_eq(p.root, t);
    ck_assert_str_eq(p.path, "");
    ck_assert(find_elem(g, c2, &b, &at));
    p = cond_result_place(A, b, at, c2);
    ck_assert_ptr_eq(p.root, x);
    ck_assert_str_eq(p.path, "");
    ck_assert(find_elem(g, c3, &b, &at));
    p = cond_result_place(A, b, at, c3);
    ck_assert_ptr_eq(p.root, w);
    ck_assert_str_eq(p.path, "*.tid");
    ck_assert(find_elem(g, c4, &b, &at));
    ck_assert_ptr_null(cond_result_place(A, b, at, c4).root);
    ck_assert(find_elem(g, c5, &b, &at));
    ck_assert_ptr_null(cond_result_place(A, b, at, c5).root);

    /* the values the elements store, and where */
    int decls = 0, assigns = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            ast_var *v = (ast_var *)1;
            ast_node *val = cond_stored_value(el, &v);
            if (el->kind == CFG_DECL) {
                decls++;
                ck_assert_ptr_eq(val, c1);
                ck_assert_ptr_eq(v, t);
            } else if (el->node == st2) {
                assigns++;
                ck_assert_ptr_eq(val, c2);
                ck_assert_ptr_eq(v, x);
            } else if (el->node == st3) {
                assigns++;
                ck_assert_ptr_eq(val, st3->kids[1]); /* as written, cast kept */
                ck_assert_ptr_null(v);               /* w->tid is not a plain variable */
            } else {
                ck_assert_ptr_null(val);
                ck_assert_ptr_null(v);
            }
        }
    ck_assert_int_eq(decls, 1);
    ck_assert_int_eq(assigns, 2);
}
END_TEST

/* Deep trees build on a small stack: the builder keeps the constructs it is inside on the
   heap, so none of these (each 100,000 levels deep, far deeper than clang lets C nest) needs
   more than a few frames of C stack. */
enum { DEEP = 100000 };

typedef struct deep_job {
    ast_func *fns[8];
    unsigned nfns;
    const cfg *cfgs[8];
    ast_node *member, *sum;
    ast_var *p, *x;
    place member_place;
    bool mentions;
} deep_job;

static void deep_build(void *arg)
{
    deep_job *j = arg;
    for (unsigned i = 0; i < j->nfns; i++)
        j->cfgs[i] = build(j->fns[i]);
    j->member_place = place_of(A, j->member);
    j->mentions = ast_mentions_var(j->sum, j->x);
}

START_TEST(deep_trees_small_stack)
{
    ast_var *x = param("x"), *y = local("y"), *p = param("p");
    p->ty = TY_POINTER;
    deep_job j = {.x = x, .p = p};
    /* if (x || x || ... || x) g();  left-nested, and  if (x && (x && (... && x)))  right-nested */
    ast_node *lor = ref(x), *land = ref(x);
    for (int i = 1; i < DEEP; i++) {
        lor = bin(BIN_LOR, lor, ref(x));
        land = bin(BIN_LAND, ref(x), land);
    }
    j.fns[j.nfns++] = func("lor", block(1, if_(lor, call("g", 0), NULL)), 1, x);
    j.fns[j.nfns++] = func("land", block(1, if_(land, call("g", 0), NULL)), 1, x);
    /* while (!!!...!x) ;  and  y = x ? 1 : x ? 2 : ... : 0;  (a conditional as a value) */
    ast_node *nots = ref(x), *tern = lit("0");
    for (int i = 1; i < DEEP; i++) {
        nots = un(UN_LNOT, nots);
        ast_node *c = node(AST_COND, 3, ref(x), lit("1"), tern);
        tern = c;
    }
    j.fns[j.nfns++] = func("nots", block(1, node(AST_WHILE, 2, nots, node(AST_NULL_STMT, 0))), 1, x);
    ast_node *yd = decl(y, NULL);
    j.fns[j.nfns++] = func("tern", block(2, yd, assign(y, tern)), 1, x);
    /* if (x) g(); else if (x) g(); else ...  and  {{{ ... g(); ... }}}  and nested loops */
    ast_node *elif = call("g", 0), *nest = call("g", 0), *loops = brk_();
    for (int i = 1; i < DEEP; i++) {
        elif = if_(ref(x), call("g", 0), elif);
        nest = block(1, nest);
        loops = node(AST_WHILE, 2, ref(x), i % 2 ? loops : block(2, if_(ref(x), cont_(), NULL), loops));
    }
    j.fns[j.nfns++] = func("elif", block(1, elif), 1, x);
    j.fns[j.nfns++] = func("nest", nest, 1, x);
    j.fns[j.nfns++] = func("loops", block(1, loops), 1, x);
    /* return x + x + ... + x;  and  p->next->next-> ... ->next */
    ast_node *sum = ref(x), *member = ref(p);
    for (int i = 1; i < DEEP; i++) {
        sum = bin(BIN_ADD, sum, ref(x));
        member = named(AST_MEMBER, "next", 1, member);
        member->flags |= AST_F_ARROW;
        member->ty = TY_POINTER;
    }
    j.fns[j.nfns++] = func("sum", block(1, ret(sum)), 1, x);
    j.sum = sum;
    j.member = member;

    small_stack_run(deep_build, &j);

    /* one block per || operand, then the then-block reached from every one of them */
    ck_assert_uint_eq(j.cfgs[0]->blocks[2 + DEEP].npreds, DEEP);
    ck_assert_uint_eq(j.cfgs[1]->blocks[2 + DEEP].npreds, 1);
    /* the !s vanish: the loop head (B3, after the entry's B2) tests x itself */
    const cfg_block *head = &j.cfgs[2]->blocks[3];
    ck_assert_ptr_nonnull(head->cond);
    ck_assert_int_eq(head->cond->kind, AST_REF);
    for (unsigned i = 0; i < j.nfns; i++)
        ck_assert_uint_ge(j.cfgs[i]->nblocks, 3);
    ck_assert_uint_ge(j.cfgs[4]->nblocks, 2 * DEEP); /* then and test blocks of every if */
    ck_assert(j.mentions);
    ck_assert_ptr_eq(j.member_place.root, p);
    ck_assert_uint_eq(strlen(j.member_place.path), 6 * (DEEP - 1)); /* "*.next" each */
}
END_TEST

/* Long chains stay linear: a 60000-term `||` condition, a 60000-case switch and 6000 gotos
   (a quadratic builder takes over ten seconds here and hits the scale case's timeout). */
START_TEST(long_chains)
{
    enum { N = 60000, G = 6000 }; /* (a node has at most 65535 kids) */
    ast_var *x = param("x");
    ast_node *c = ref(x);
    for (int i = 1; i < N; i++)
        c = bin(BIN_LOR, c, ref(x));
    ast_node **cases = FL_NEW_ARRAY(A, ast_node *, N);
    for (int i = 0; i < N; i++)
        cases[i] = case_("1", brk_());
    ast_node *body = node(AST_COMPOUND, 0);
    body->nkids = N;
    body->kids = cases;
    body->scope = FL_NEW(A, ast_scope);
    ast_node **stmts = FL_NEW_ARRAY(A, ast_node *, 2 + 2 * G);
    stmts[0] = if_(c, call("g", 0), NULL);
    stmts[1] = node(AST_SWITCH, 2, ref(x), body);
    for (int i = 0; i < G; i++) {
        const char *name = fl_arena_sprintf(A, "L%d", i);
        stmts[2 + 2 * i] = named(AST_LABEL, name, 1, node(AST_NULL_STMT, 0));
        stmts[3 + 2 * i] = if_(ref(x), named(AST_GOTO, name, 0), NULL);
    }
    ast_node *top = node(AST_COMPOUND, 0);
    top->nkids = 2 + 2 * G;
    top->kids = stmts;
    top->scope = FL_NEW(A, ast_scope);
    const cfg *g = build(func("f", top, 1, x));
    /* B2 tests the first x; each || adds one block; then the then-block */
    const cfg_block *then = &g->blocks[2 + N];
    ck_assert_uint_eq(then->npreds, N);
    ck_assert_uint_eq(g->blocks[2 + N - 1].nsuccs, 2);
    uint32_t sw = 0;
    for (uint32_t b = 0; b < g->nblocks; b++)
        if (g->blocks[b].term && g->blocks[b].term->kind == AST_SWITCH)
            sw = b;
    ck_assert_uint_eq(g->blocks[sw].nsuccs, N + 1); /* every case, and the end (no default) */
    uint32_t gotos = 0;
    for (uint32_t b = 0; b < g->nblocks; b++)
        if (g->blocks[b].term && g->blocks[b].term->kind == AST_GOTO) {
            gotos++;
            /* `L: ; if (x) goto L;`: back to the label's block, which branched here */
            ck_assert_uint_eq(g->blocks[b].nsuccs, 1);
            ck_assert_uint_eq(g->blocks[b].succs[0], g->blocks[b].preds[0]);
        }
    ck_assert_uint_eq(gotos, G);
}
END_TEST

/* ---- end to end: real C through libclang ------------------------------------------------- */

static char e2e_path[PATH_MAX];
static fl_srcmap *e2e_sm;
static diag_sink *e2e_sink;
static fe_index *e2e_ix;
static fe_unit *e2e_unit;

static void e2e_setup(void)
{
    A = fl_arena_new();
    e2e_path[0] = 0;
    e2e_sm = fl_srcmap_new();
    e2e_sink = diag_sink_new(e2e_sm);
    e2e_ix = fe_index_new();
    e2e_unit = NULL;
}

static void e2e_teardown(void)
{
    fe_unit_free(e2e_unit);
    fe_index_free(e2e_ix);
    diag_sink_free(e2e_sink);
    fl_srcmap_free(e2e_sm);
    if (e2e_path[0])
        unlink(e2e_path);
    fl_arena_free(A);
    A = NULL;
}

/* Parse `src` (as gnu11 C) and build the CFG of function `name`; the graph lives in the
   unit's arena. */
static const cfg *parse_cfg(const char *src, const char *name)
{
    char tmpl[] = "/tmp/fl_cfg_XXXXXX.c";
    int fd = mkstemps(tmpl, 2);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq((int)write(fd, src, strlen(src)), (int)strlen(src));
    close(fd);
    char *real = realpath(tmpl, NULL);
    ck_assert_ptr_nonnull(real);
    snprintf(e2e_path, sizeof e2e_path, "%s", real);
    free(real);
    char *argv[] = {"clang", "-xc", "-std=gnu11", e2e_path, NULL};
    fe_job job = {.file = e2e_path, .directory = "/tmp", .argv = argv, .argc = 4};
    e2e_unit = fe_parse(e2e_ix, &job, e2e_sm, e2e_sink);
    ck_assert_msg(e2e_unit != NULL, "snippet did not parse:\n%s", src);
    ast_tu *tu = fe_unit_ast(e2e_unit);
    for (uint32_t i = 0; i < tu->nfuncs; i++)
        if (strcmp(tu->funcs[i]->name, name) == 0) {
            cfg *g = cfg_build(tu->arena, tu->funcs[i]);
            cfg_verify(g);
            return g;
        }
    ck_abort_msg("no function %s", name);
    return NULL;
}

#define EXPECT_PARSED_CFG(src, name, text) ck_assert_str_eq(dump_cfg(parse_cfg(src, name)), text)

/* The k-th call (0-based, in block id order) of `callee` among the elements. */
static ast_node *nth_call(const cfg *g, const char *callee, int k)
{
    for (uint32_t b = 0; b < g->nblocks; b++)
        for (uint32_t i = 0; i < g->blocks[b].nelems; i++) {
            ast_node *n = g->blocks[b].elems[i].node;
            if (g->blocks[b].elems[i].kind == CFG_EXPR && n->kind == AST_CALL && n->name &&
                strcmp(n->name, callee) == 0 && k-- == 0)
                return n;
        }
    ck_abort_msg("no call %s", callee);
    return NULL;
}

START_TEST(e2e_if_while_return)
{
    EXPECT_PARSED_CFG("int g(int);\n"
                      "int f(int n) {\n"
                      "    int sum = 0;\n"
                      "    while (n > 0) {\n"
                      "        int k = g(n);\n"
                      "        if (k < 0)\n"
                      "            return -1;\n"
                      "        else\n"
                      "            sum += k;\n"
                      "        n--;\n"
                      "    }\n"
                      "    return sum;\n"
                      "}\n",
                      "f",
                      "cfg f\n" ENTRY_TO_B2
                      "B2\n  1: literal 0\n  2: decl sum\n  succs: B3\n"
                      "B3\n  1: ref n\n  2: literal 0\n  3: binary >\n  term: while\n  cond: binary >\n  succs: B4 B7\n"
                      "B4\n  1: ref g\n  2: ref n\n  3: call g\n  4: decl k\n  5: ref k\n  6: literal 0\n  7: binary <\n"
                      "  term: if\n  cond: binary <\n  succs: B5 B6\n"
                      "B5\n  1: literal 1\n  2: unary -\n  3: scope-end k\n  4: scope-end sum\n  5: scope-end n\n"
                      "  term: return\n  succs: B1\n"
                      "B6\n  1: ref sum\n  2: ref k\n  3: binary +=\n  4: ref n\n  5: unary --(post)\n  6: scope-end k\n  succs: B3\n"
                      "B7\n  1: ref sum\n  2: scope-end sum\n  3: scope-end n\n  term: return\n  succs: B1\n"
                      "B1 (exit)\n");
}
END_TEST

START_TEST(e2e_switch)
{
    EXPECT_PARSED_CFG("void a(void); void b(void); void c(void);\n"
                      "void f(int x) {\n"
                      "    switch (x) {\n"
                      "    case 1: a();\n"
                      "    default: b(); break;\n"
                      "    case 2: case 3: c();\n"
                      "    }\n"
                      "}\n",
                      "f",
                      "cfg f\n" ENTRY_TO_B2
                      "B2\n  1: ref x\n  term: switch\n  succs: B3 B4 B5 B6\n"
                      "B3\n  1: ref a\n  2: call a\n  succs: B4\n"
                      "B4\n  1: ref b\n  2: call b\n  term: break\n  succs: B7\n"
                      "B5\n  succs: B6\n"
                      "B6\n  1: ref c\n  2: call c\n  succs: B7\n"
                      "B7\n  1: scope-end x\n  succs: B1\n"
                      "B1 (exit)\n");
}
END_TEST

START_TEST(e2e_goto_cleanup)
{
    EXPECT_PARSED_CFG("int get(void); void put(int *);\n"
                      "int f(void) {\n"
                      "    int r = -1;\n"
                      "    {\n"
                      "        int a = get();\n"
                      "        if (a < 0) goto out;\n"
                      "        int b = a;\n"
                      "        put(&b);\n"
                      "    }\n"
                      "    r = 0;\n"
                      "out:\n"
                      "    return r;\n"
                      "}\n",
                      "f",
                      "cfg f\n" ENTRY_TO_B2
                      "B2\n  1: literal 1\n  2: unary -\n  3: decl r\n  4: ref get\n  5: call get\n  6: decl a\n"
                      "  7: ref a\n  8: literal 0\n  9: binary <\n  term: if\n  cond: binary <\n  succs: B3 B4\n"
                      "B3\n  1: scope-end a\n  term: goto out\n  succs: B5\n"
                      "B4\n  1: ref a\n  2: decl b\n  3: ref put\n  4: ref b\n  5: unary &\n  6: call put\n"
                      "  7: scope-end b\n  8: scope-end a\n  9: ref r\n  10: literal 0\n  11: binary =\n  succs: B5\n"
                      "B5\n  1: ref r\n  2: scope-end r\n  term: return\n  succs: B1\n"
                      "B1 (exit)\n");
}
END_TEST

START_TEST(e2e_logical)
{
    EXPECT_PARSED_CFG("int p(void); int q(void);\n"
                      "int f(int a, int b) {\n"
                      "    int v = a && !b;\n"
                      "    if (!(a || p()) && q())\n"
                      "        v = 2;\n"
                      "    return v;\n"
                      "}\n",
                      "f",
                      "cfg f\n" ENTRY_TO_B2
                      "B2\n  1: ref a\n  term: binary &&\n  cond: ref a\n  succs: B3 B4\n"
                      "B3\n  1: ref b\n  2: unary !\n  succs: B4\n"
                      "B4\n  1: binary &&\n  2: decl v\n  3: ref a\n  term: binary ||\n  cond: ref a\n  succs: B8 B5\n"
                      "B5\n  1: ref p\n  2: call p\n  term: binary &&\n  cond: call p\n  succs: B8 B6\n"
                      "B6\n  1: ref q\n  2: call q\n  term: if\n  cond: call q\n  succs: B7 B8\n"
                      "B7\n  1: ref v\n  2: literal 2\n  3: binary =\n  succs: B8\n"
                      "B8\n  1: ref v\n  2: scope-end v\n  3: scope-end b\n  4: scope-end a\n  term: return\n  succs: B1\n"
                      "B1 (exit)\n");
}
END_TEST

START_TEST(e2e_noreturn)
{
    const cfg *g = parse_cfg("_Noreturn void die(const char *);\n"
                             "void stop(void) __attribute__((noreturn));\n"
                             "int f(int *p) {\n"
                             "    if (!p) die(\"null\");\n"
                             "    if (*p < 0) stop();\n"
                             "    return *p;\n"
                             "}\n",
                             "f");
    ck_assert_str_eq(dump_cfg(g),
                     "cfg f\n" ENTRY_TO_B2
                     "B2\n  1: ref p\n  term: if\n  cond: ref p\n  succs: B4 B3\n"
                     "B3\n  1: ref die\n  2: literal \"null\"\n  3: call die\n  term: call die\n"
                     "B4\n  1: ref p\n  2: unary *\n  3: literal 0\n  4: binary <\n  term: if\n  cond: binary <\n  succs: B5 B6\n"
                     "B5\n  1: ref stop\n  2: call stop\n  term: call stop\n"
                     "B6\n  1: ref p\n  2: unary *\n  3: scope-end p\n  term: return\n  succs: B1\n"
                     "B1 (exit)\n");
    ck_assert_uint_eq(g->blocks[1].npreds, 1);
}
END_TEST

START_TEST(e2e_for_loops)
{
    const cfg *g = parse_cfg("void use(int);\n"
                             "void f(int n) {\n"
                             "    for (int i = 0, j = n; i < j; i++, j--) {\n"
                             "        if (i == 3) continue;\n"
                             "        if (j == 5) break;\n"
                             "        use(i);\n"
                             "    }\n"
                             "    for (;;) {\n"
                             "        int k = n;\n"
                             "        if (k) return;\n"
                             "    }\n"
                             "}\n",
                             "f");
    ck_assert_str_eq(dump_cfg(g),
                     "cfg f\n" ENTRY_TO_B2
                     "B2\n  1: literal 0\n  2: decl i\n  3: ref n\n  4: decl j\n  succs: B3\n"
                     "B3\n  1: ref i\n  2: ref j\n  3: binary <\n  term: for\n  cond: binary <\n  succs: B4 B10\n"
                     "B4\n  1: ref i\n  2: literal 3\n  3: binary ==\n  term: if\n  cond: binary ==\n  succs: B5 B6\n"
                     "B5\n  term: continue\n  succs: B9\n"
                     "B6\n  1: ref j\n  2: literal 5\n  3: binary ==\n  term: if\n  cond: binary ==\n  succs: B7 B8\n"
                     "B7\n  term: break\n  succs: B10\n"
                     "B8\n  1: ref use\n  2: ref i\n  3: call use\n  succs: B9\n"
                     "B9\n  1: ref i\n  2: unary ++(post)\n  3: ref j\n  4: unary --(post)\n  5: binary ,\n  succs: B3\n"
                     "B10\n  1: scope-end j\n  2: scope-end i\n  succs: B11\n"
                     "B11\n  1: ref n\n  2: decl k\n  3: ref k\n  term: if\n  cond: ref k\n  succs: B12 B13\n"
                     "B12\n  1: scope-end k\n  2: scope-end n\n  term: return\n  succs: B1\n"
                     "B13\n  1: scope-end k\n  succs: B11\n"
                     "B1 (exit)\n");
}
END_TEST

START_TEST(e2e_compound_literal_and_stmt_expr)
{
    EXPECT_PARSED_CFG("struct pt { int x, y; };\n"
                      "void take(struct pt *);\n"
                      "int f(int a) {\n"
                      "    if (a) {\n"
                      "        take(&(struct pt){a, 2});\n"
                      "    }\n"
                      "    return ({ int t = a * 2; t + 1; });\n"
                      "}\n",
                      "f",
                      "cfg f\n" ENTRY_TO_B2
                      "B2\n  1: ref a\n  term: if\n  cond: ref a\n  succs: B3 B4\n"
                      "B3\n  1: ref take\n  2: ref a\n  3: literal 2\n  4: init-list\n  5: decl (compound literal)\n"
                      "  6: compound-literal\n  7: unary &\n  8: call take\n  9: scope-end (compound literal)\n  succs: B4\n"
                      "B4\n  1: ref a\n  2: literal 2\n  3: binary *\n  4: decl t\n  5: ref t\n  6: literal 1\n  7: binary +\n"
                      "  8: scope-end t\n  9: stmt-expr\n  10: scope-end a\n  term: return\n  succs: B1\n"
                      "B1 (exit)\n");
}
END_TEST

START_TEST(e2e_macros_do_while_zero_and_while_one)
{
    EXPECT_PARSED_CFG("void step(void); int done(void);\n"
                      "#define STEP() do { step(); } while (0)\n"
                      "void f(void) {\n"
                      "    while (1) {\n"
                      "        STEP();\n"
                      "        if (done()) break;\n"
                      "    }\n"
                      "}\n",
                      "f",
                      "cfg f\n" ENTRY_TO_B2
                      "B2\n  succs: B3\n"
                      "B3\n  1: literal 1\n  term: while\n  succs: B4\n"
                      "B4\n  succs: B5\n"
                      "B5\n  1: ref step\n  2: call step\n  3: literal 0\n  term: do\n  succs: B6\n"
                      "B6\n  1: ref done\n  2: call done\n  term: if\n  cond: call done\n  succs: B7 B8\n"
                      "B7\n  term: break\n  succs: B9\n"
                      "B8\n  succs: B3\n"
                      "B9\n  succs: B1\n"
                      "B1 (exit)\n");
}
END_TEST

START_TEST(e2e_indirect_goto)
{
    const cfg *g = parse_cfg("int f(int i) {\n"
                             "    static void *tab[] = { &&a, &&b };\n"
                             "    goto *tab[i];\n"
                             "a:  return 1;\n"
                             "b:  return 2;\n"
                             "}\n",
                             "f");
    ck_assert_str_eq(dump_cfg(g),
                     "cfg f\n" ENTRY_TO_B2
                     "B2\n  1: decl tab\n  2: ref tab\n  3: ref i\n  4: index\n  term: indirect-goto\n  succs: B3 B4\n"
                     "B3\n  1: literal 1\n  2: scope-end i\n  term: return\n  succs: B1\n"
                     "B4\n  1: literal 2\n  2: scope-end i\n  term: return\n  succs: B1\n"
                     "B1 (exit)\n");
}
END_TEST

/* Places of real spawn arguments: the types come from clang. */
START_TEST(e2e_places)
{
    const cfg *g = parse_cfg("struct w { int tid; int mu; int v[4]; };\n"
                             "int spawn(int *t, void *arg);\n"
                             "void f(struct w *w, struct w *s, int i) {\n"
                             "    int t[4];\n"
                             "    int *p = t;\n"
                             "    spawn(&w->tid, &t[i]);\n"
                             "    spawn(&(*s).mu, t);\n"
                             "    spawn(&s->mu, &t[2]);\n"
                             "    spawn(&p[0], &w->v[i]);\n"
                             "    spawn(p, (void *)&(*p));\n"
                             "}\n",
                             "f");
    ast_node *c0 = nth_call(g, "spawn", 0), *c1 = nth_call(g, "spawn", 1), *c2 = nth_call(g, "spawn", 2);
    ast_node *c3 = nth_call(g, "spawn", 3), *c4 = nth_call(g, "spawn", 4);
    place w_tid = place_of_pointee(A, c0->kids[1]), t_i = place_of_pointee(A, c0->kids[2]);
    ck_assert_str_eq(place_str(A, w_tid), "w->tid");
    ck_assert_str_eq(w_tid.path, "*.tid");
    ck_assert_str_eq(t_i.path, "[*]");
    ck_assert_str_eq(place_str(A, t_i), "t[_]");
    place s_mu1 = place_of_pointee(A, c1->kids[1]), t_all = place_of_pointee(A, c1->kids[2]);
    place s_mu2 = place_of_pointee(A, c2->kids[1]), t_2 = place_of_pointee(A, c2->kids[2]);
    ck_assert(place_equal(s_mu1, s_mu2));
    ck_assert_str_eq(place_str(A, s_mu1), "s->mu");
    ck_assert_str_eq(t_all.root->name, "t");
    ck_assert_str_eq(t_all.path, "");
    ck_assert_str_eq(t_2.path, "[2]");
    ck_assert(place_may_alias(t_i, t_2));
    place p0 = place_of_pointee(A, c3->kids[1]), wvi = place_of_pointee(A, c3->kids[2]);
    ck_assert_str_eq(p0.path, "*");
    ck_assert_str_eq(wvi.path, "*.v[*]");
    ck_assert_str_eq(place_str(A, wvi), "w->v[_]");
    ck_assert_ptr_null(place_of_pointee(A, c4->kids[1]).root); /* a pointer value: not &lvalue */
    ck_assert(place_equal(place_of_pointee(A, c4->kids[2]), p0));
}
END_TEST

/* ---- cfg_verify ---------------------------------------------------------------------------- */

START_TEST(verify_accepts_all_shapes)
{
    /* every shape above is verified in build(); here a larger mix, including gotos and switch */
    ast_var *x = param("x"), *a = local("a");
    ast_node *sw = node(AST_SWITCH, 2, ref(x),
                        block(3, case_("1", named(AST_GOTO, "L", 0)), default_(ret(NULL)),
                              named(AST_LABEL, "L", 1, node(AST_NULL_STMT, 0))));
    ast_func *fn = func("f", block(3, decl(a, NULL), sw, node(AST_ASM, 0)), 1, x);
    const cfg *g = build(fn);
    ck_assert_uint_ge(g->nblocks, 5);
}
END_TEST

/* A broken graph is our bug: fl_bug exits with status 3. */
START_TEST(verify_rejects_unmirrored_edges)
{
    ast_var *x = param("x");
    cfg *g = cfg_build(A, func("f", block(1, if_(ref(x), call("g", 0), NULL)), 1, x));
    g->blocks[3].preds[0] = 4; /* B3's predecessor is B2 */
    cfg_verify(g);
}
END_TEST

START_TEST(verify_rejects_exit_successor)
{
    cfg *g = cfg_build(A, func("f", block(0), 0));
    g->blocks[1].nsuccs = 1;
    g->blocks[1].succs = g->blocks[0].succs;
    cfg_verify(g);
}
END_TEST

/* An empty body: entry -> B2 -> exit. */
START_TEST(empty_function)
{
    EXPECT_CFG(func("f", block(0), 0), "cfg f\n" ENTRY_TO_B2 "B2\n  succs: B1\n" "B1 (exit)\n");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("test_cfg");
    TCase *tc = tcase_create("shapes");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, if_then);
    tcase_add_test(tc, if_else);
    tcase_add_test(tc, if_nested);
    tcase_add_test(tc, while_loop);
    tcase_add_test(tc, do_while);
    tcase_add_test(tc, do_while_zero);
    tcase_add_test(tc, for_all_parts);
    tcase_add_test(tc, for_continue_goes_to_inc);
    tcase_add_test(tc, for_infinite);
    tcase_add_test(tc, for_break_leaves_scope);
    tcase_add_test(tc, while_one);
    tcase_add_test(tc, switch_fallthrough);
    tcase_add_test(tc, switch_default_in_middle);
    tcase_add_test(tc, switch_no_default);
    tcase_add_test(tc, nested_loops_break_continue);
    tcase_add_test(tc, goto_forward);
    tcase_add_test(tc, goto_backward);
    tcase_add_test(tc, goto_out_of_scope);
    tcase_add_test(tc, goto_into_scope);
    tcase_add_test(tc, goto_unknown_label);
    tcase_add_test(tc, goto_indirect);
    tcase_add_test(tc, return_nested_scopes);
    tcase_add_test(tc, noreturn_dead_end);
    tcase_add_test(tc, noreturn_at_end);
    tcase_add_test(tc, and_in_condition);
    tcase_add_test(tc, or_in_condition);
    tcase_add_test(tc, not_in_condition);
    tcase_add_test(tc, not_and_in_while);
    tcase_add_test(tc, conditional_in_condition);
    tcase_add_test(tc, and_value);
    tcase_add_test(tc, or_value);
    tcase_add_test(tc, conditional_value);
    tcase_add_test(tc, gnu_conditional_value);
    tcase_add_test(tc, comma);
    tcase_add_test(tc, statement_expression);
    tcase_add_test(tc, compound_literal_scope);
    tcase_add_test(tc, unreachable_after_return);
    tcase_add_test(tc, sizeof_paren_static);
    tcase_add_test(tc, rpo_order);
    tcase_add_test(tc, empty_function);
    tcase_add_test(tc, verify_accepts_all_shapes);
    tcase_add_exit_test(tc, verify_rejects_unmirrored_edges, 3);
    tcase_add_exit_test(tc, verify_rejects_exit_successor, 3);
    suite_add_tcase(s, tc);

    /* 10 s is ~20x what the linear builder needs here under ASan (a loaded CI machine must not
       fail it), and less than a quadratic one takes. */
    TCase *tl = tcase_create("scale");
    tcase_add_checked_fixture(tl, setup, teardown);
    tcase_set_timeout(tl, 10);
    tcase_add_test(tl, long_chains);
    suite_add_tcase(s, tl);
    TCase *tdeep = tcase_create("deep");
    tcase_add_checked_fixture(tdeep, setup, teardown);
    /* about 0.5 s alone; it timed out at 5 s in a clean clone's run on a loaded 2-core machine,
       so the limit only stops a run that hangs (what the test checks is the stack it needs) */
    tcase_set_timeout(tdeep, 30);
    tcase_add_test(tdeep, deep_trees_small_stack);
    suite_add_tcase(s, tdeep);

    TCase *td = tcase_create("dataflow");
    tcase_add_checked_fixture(td, setup, teardown);
    tcase_add_test(td, df_union_and_intersection);
    tcase_add_test(td, df_boundary_state);
    tcase_add_test(td, df_edge_callback);
    tcase_add_test(td, df_loop_converges);
    tcase_add_test(td, df_irreducible);
    tcase_add_test(td, df_backward);
    tcase_add_test(td, df_unreached_and_dead_end);
    tcase_add_test(td, df_wide_states);
    suite_add_tcase(s, td);

    TCase *tp = tcase_create("places");
    tcase_add_checked_fixture(tp, setup, teardown);
    tcase_add_test(tp, place_arrow_equals_deref_dot);
    tcase_add_test(tp, place_array_indices);
    tcase_add_test(tp, place_pointer_indices);
    tcase_add_test(tp, place_nested_paths);
    tcase_add_test(tp, place_not_places);
    tcase_add_test(tp, place_pointee);
    suite_add_tcase(s, tp);

    TCase *tc2 = tcase_create("conditions");
    tcase_add_checked_fixture(tc2, setup, teardown);
    tcase_add_test(tc2, cond_zero);
    tcase_add_test(tc2, cond_tested);
    tcase_add_test(tc2, cond_strip_stops_at_assignment);
    tcase_add_test(tc2, cond_results);
    suite_add_tcase(s, tc2);

    TCase *te = tcase_create("end-to-end");
    tcase_add_checked_fixture(te, e2e_setup, e2e_teardown);
    tcase_set_timeout(te, 30);
    tcase_add_test(te, e2e_if_while_return);
    tcase_add_test(te, e2e_switch);
    tcase_add_test(te, e2e_goto_cleanup);
    tcase_add_test(te, e2e_logical);
    tcase_add_test(te, e2e_noreturn);
    tcase_add_test(te, e2e_for_loops);
    tcase_add_test(te, e2e_compound_literal_and_stmt_expr);
    tcase_add_test(te, e2e_macros_do_while_zero_and_while_one);
    tcase_add_test(te, e2e_indirect_goto);
    tcase_add_test(te, e2e_places);
    suite_add_tcase(s, te);

    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
