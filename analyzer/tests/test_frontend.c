/* test_frontend.c - libclang parsing and conversion to the ast, on real C snippets. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/srcmap.h"
#include "base/strbuf.h"
#include "diag/diag.h"
#include "diag/sink.h"
#include "frontend/ast.h"
#include "frontend/cdb.h"
#include "frontend/parse.h"
#include "ir/cfg.h"
#include "ir/place.h"
#include "small_stack.h"

/* ---- fixture: one snippet per test, parsed from a temporary file ---- */

static char g_path[PATH_MAX];
static char g_hdr[PATH_MAX];
static fl_srcmap *g_sm;
static diag_sink *g_sink;
static fe_index *g_ix;
static fe_unit *g_u;

static void setup(void)
{
    g_path[0] = g_hdr[0] = 0;
    g_sm = fl_srcmap_new();
    g_sink = diag_sink_new(g_sm);
    g_ix = fe_index_new();
    g_u = NULL;
}

static void teardown(void)
{
    fe_unit_free(g_u);
    fe_index_free(g_ix);
    diag_sink_free(g_sink);
    fl_srcmap_free(g_sm);
    if (g_path[0])
        unlink(g_path);
    if (g_hdr[0])
        unlink(g_hdr);
}

static void write_temp(char *path, const char *suffix, const char *text)
{
    char tmpl[PATH_MAX];
    snprintf(tmpl, sizeof tmpl, "/tmp/fl_frontend_XXXXXX%s", suffix);
    int fd = mkstemps(tmpl, (int)strlen(suffix));
    ck_assert_int_ge(fd, 0);
    size_t n = strlen(text);
    ck_assert_int_eq((int)write(fd, text, n), (int)n);
    close(fd);
    char *real = realpath(tmpl, NULL);
    ck_assert_ptr_nonnull(real);
    snprintf(path, PATH_MAX, "%s", real);
    free(real);
}

/* Parse `src` as C; NULL when fe_parse refused it. */
static ast_tu *parse_src(const char *src)
{
    write_temp(g_path, ".c", src);
    char *argv[] = {"clang", "-xc", "-std=gnu11", g_path, NULL};
    fe_job job = {.file = g_path, .directory = "/tmp", .argv = argv, .argc = 4};
    g_u = fe_parse(g_ix, &job, g_sm, g_sink);
    return g_u ? fe_unit_ast(g_u) : NULL;
}

static ast_tu *parse_ok(const char *src)
{
    ast_tu *tu = parse_src(src);
    ck_assert_msg(tu != NULL, "snippet did not parse:\n%s", src);
    return tu;
}

static ast_func *func(ast_tu *tu, const char *name)
{
    for (uint32_t i = 0; i < tu->nfuncs; i++)
        if (!strcmp(tu->funcs[i]->name, name))
            return tu->funcs[i];
    ck_abort_msg("no function %s", name);
    return NULL;
}

static ast_var *var(ast_func *fn, const char *name)
{
    for (uint32_t i = 0; i < fn->nvars; i++)
        if (!strcmp(fn->vars[i]->name, name))
            return fn->vars[i];
    ck_abort_msg("no variable %s in %s", name, fn->name);
    return NULL;
}

/* The n-th (0-based) node of `kind` in pre-order, or NULL. */
static ast_node *find_rec(ast_node *n, ast_kind kind, int *n_left)
{
    if (!n)
        return NULL;
    if (n->kind == kind && (*n_left)-- == 0)
        return n;
    for (uint16_t i = 0; i < n->nkids; i++) {
        ast_node *r = find_rec(n->kids[i], kind, n_left);
        if (r)
            return r;
    }
    return NULL;
}

static ast_node *find_nth(ast_node *root, ast_kind kind, int nth)
{
    int left = nth;
    return find_rec(root, kind, &left);
}

static ast_node *find(ast_node *root, ast_kind kind)
{
    ast_node *n = find_nth(root, kind, 0);
    ck_assert_msg(n != NULL, "no %s node", ast_kind_name(kind));
    return n;
}

static int count_rec(ast_node *n, ast_kind kind)
{
    if (!n)
        return 0;
    int c = n->kind == kind;
    for (uint16_t i = 0; i < n->nkids; i++)
        c += count_rec(n->kids[i], kind);
    return c;
}

/* First call named `name`. */
static ast_node *call_named(ast_node *root, const char *name)
{
    for (int i = 0;; i++) {
        ast_node *c = find_nth(root, AST_CALL, i);
        if (!c)
            break;
        if (c->name && !strcmp(c->name, name))
            return c;
    }
    ck_abort_msg("no call to %s", name);
    return NULL;
}

/* The source text of a span of the main file. */
static char *span_text(fl_span sp)
{
    static char buf[256];
    FILE *f = fopen(g_path, "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_le(sp.end - sp.begin, (int)sizeof buf - 1);
    fseek(f, sp.begin, SEEK_SET);
    size_t n = fread(buf, 1, sp.end - sp.begin, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

/* ---- statements ---- */

START_TEST(if_else_and_if)
{
    ast_tu *tu = parse_ok("int f(int a) { if (a) a = 1; else a = 2; if (a > 3) return 1; return 0; }");
    ast_func *fn = func(tu, "f");
    ast_node *i1 = find_nth(fn->body, AST_IF, 0), *i2 = find_nth(fn->body, AST_IF, 1);
    ck_assert_ptr_nonnull(i1);
    ck_assert_int_eq(i1->nkids, 3);
    ck_assert_int_eq(i1->kids[0]->kind, AST_REF);
    ck_assert_int_eq(i1->kids[1]->kind, AST_BINARY);
    ck_assert_int_eq(i1->kids[2]->kind, AST_BINARY);
    ck_assert_ptr_nonnull(i2);
    ck_assert_int_eq(i2->nkids, 2);
    ck_assert_int_eq(i2->kids[0]->op, BIN_GT);
    ck_assert_int_eq(i2->kids[1]->kind, AST_RETURN);
}
END_TEST

START_TEST(while_and_do)
{
    ast_tu *tu = parse_ok("void f(int n) { while (n) n--; do { n++; } while (n < 3); }");
    ast_func *fn = func(tu, "f");
    ast_node *w = find(fn->body, AST_WHILE), *d = find(fn->body, AST_DO);
    ck_assert_int_eq(w->nkids, 2);
    ck_assert_int_eq(w->kids[0]->kind, AST_REF);
    ck_assert_int_eq(w->kids[1]->kind, AST_UNARY);
    ck_assert_int_eq(w->kids[1]->op, UN_POST_DEC);
    ck_assert_int_eq(d->nkids, 2);
    ck_assert_int_eq(d->kids[0]->kind, AST_COMPOUND); /* body first */
    ck_assert_int_eq(d->kids[1]->kind, AST_BINARY);
    ck_assert_int_eq(d->kids[1]->op, BIN_LT);
}
END_TEST

/* Every combination of present/absent init, cond and inc. */
START_TEST(for_combinations)
{
    int has_init = _i & 1, has_cond = (_i >> 1) & 1, has_inc = (_i >> 2) & 1;
    char src[256];
    snprintf(src, sizeof src, "void g(void);\nvoid f(int i) {\n  for (%s; %s; %s) /* ; ) */ g();\n}\n",
             has_init ? "i = (0)" : "", has_cond ? "i < \";\"[0]" : "", has_inc ? "i++" : "");
    ast_tu *tu = parse_ok(src);
    ast_node *fr = find(func(tu, "f")->body, AST_FOR);
    ck_assert_int_eq(fr->nkids, 4);
    ck_assert_ptr_nonnull(fr->scope);
    if (has_init) {
        ck_assert_ptr_nonnull(fr->kids[0]);
        ck_assert_int_eq(fr->kids[0]->kind, AST_BINARY);
        ck_assert_int_eq(fr->kids[0]->op, BIN_ASSIGN);
    } else
        ck_assert_ptr_null(fr->kids[0]);
    if (has_cond) {
        ck_assert_ptr_nonnull(fr->kids[1]);
        ck_assert_int_eq(fr->kids[1]->op, BIN_LT);
    } else
        ck_assert_ptr_null(fr->kids[1]);
    if (has_inc) {
        ck_assert_ptr_nonnull(fr->kids[2]);
        ck_assert_int_eq(fr->kids[2]->kind, AST_UNARY);
        ck_assert_int_eq(fr->kids[2]->op, UN_POST_INC);
    } else
        ck_assert_ptr_null(fr->kids[2]);
    ck_assert_int_eq(fr->kids[3]->kind, AST_CALL);
}
END_TEST

START_TEST(for_declaration_scope)
{
    ast_tu *tu = parse_ok("void f(void) { for (int i = 0, j = 1; ; j++) { int k = i; (void)k; } }");
    ast_func *fn = func(tu, "f");
    ast_node *fr = find(fn->body, AST_FOR);
    ck_assert_int_eq(fr->kids[0]->kind, AST_DECL_STMT);
    ck_assert_int_eq(fr->kids[0]->nkids, 2);
    ck_assert_ptr_null(fr->kids[1]);
    ck_assert_int_eq(fr->kids[2]->op, UN_POST_INC);
    ck_assert_int_eq(fr->scope->nvars, 2);
    ck_assert_str_eq(fr->scope->vars[0]->name, "i");
    ck_assert_str_eq(fr->scope->vars[1]->name, "j");
    ast_node *body = fr->kids[3];
    ck_assert_int_eq(body->kind, AST_COMPOUND);
    ck_assert_int_eq(body->scope->nvars, 1);
    ck_assert_str_eq(body->scope->vars[0]->name, "k");
}
END_TEST

/* A for header written in a macro definition: positions are read at the spelling. */
START_TEST(for_in_macro)
{
    ast_tu *tu = parse_ok("#define LOOP for (int q = 0; ; q++)\n"
                          "#define UNTIL(c) for (; !(c); )\n"
                          "void f(int n) { LOOP { if (q > n) break; } UNTIL(n > 3) n++; }\n");
    ast_func *fn = func(tu, "f");
    ast_node *f1 = find_nth(fn->body, AST_FOR, 0), *f2 = find_nth(fn->body, AST_FOR, 1);
    ck_assert_ptr_nonnull(f1);
    ck_assert_int_eq(f1->kids[0]->kind, AST_DECL_STMT);
    ck_assert_ptr_null(f1->kids[1]);
    ck_assert_int_eq(f1->kids[2]->kind, AST_UNARY);
    ck_assert(f1->flags & AST_F_IN_MACRO);
    ck_assert_ptr_nonnull(f2);
    ck_assert_ptr_null(f2->kids[0]);
    ck_assert_int_eq(f2->kids[1]->kind, AST_UNARY);
    ck_assert_int_eq(f2->kids[1]->op, UN_LNOT);
    ck_assert_ptr_null(f2->kids[2]);
}
END_TEST

START_TEST(switch_case_default)
{
    ast_tu *tu = parse_ok("int f(int a) { switch (a) { case 1: a++; break; case 2 ... 4: return 3; "
                          "default: a = 0; } return a; }");
    ast_func *fn = func(tu, "f");
    ast_node *sw = find(fn->body, AST_SWITCH);
    ck_assert_int_eq(sw->nkids, 2);
    ck_assert_int_eq(sw->kids[0]->kind, AST_REF);
    ck_assert_int_eq(sw->kids[1]->kind, AST_COMPOUND);
    ast_node *c1 = find_nth(sw, AST_CASE, 0), *c2 = find_nth(sw, AST_CASE, 1);
    ck_assert_int_eq(c1->nkids, 2);
    ck_assert_int_eq(c1->kids[0]->kind, AST_LITERAL);
    ck_assert_str_eq(c1->kids[0]->name, "1");
    ck_assert_int_eq(c1->kids[1]->kind, AST_UNARY);
    ck_assert_int_eq(c2->nkids, 3); /* GNU range */
    ck_assert_str_eq(c2->kids[1]->name, "4");
    ck_assert_int_eq(c2->kids[2]->kind, AST_RETURN);
    ast_node *d = find(sw, AST_DEFAULT);
    ck_assert_int_eq(d->nkids, 1);
    ck_assert_int_eq(d->kids[0]->op, BIN_ASSIGN);
    ck_assert_int_eq(count_rec(sw, AST_BREAK), 1);
}
END_TEST

START_TEST(labels_goto_jumps)
{
    ast_tu *tu = parse_ok("void f(int a) { again: if (a) goto out; while (a) { if (a > 2) continue; break; }\n"
                          "  void *p = &&again; goto *p; ; out: return; }");
    (void)tu;
    ast_func *fn = func(tu, "f");
    ast_node *l = find_nth(fn->body, AST_LABEL, 0);
    ck_assert_str_eq(l->name, "again");
    ck_assert_int_eq(l->nkids, 1);
    ck_assert_int_eq(l->kids[0]->kind, AST_IF);
    ast_node *g = find(fn->body, AST_GOTO);
    ck_assert_str_eq(g->name, "out");
    ck_assert_int_eq(find_nth(fn->body, AST_LABEL, 1)->kids[0]->kind, AST_RETURN);
    ck_assert_int_eq(find(fn->body, AST_RETURN)->nkids, 0);
    ck_assert_int_eq(count_rec(fn->body, AST_CONTINUE), 1);
    ck_assert_int_eq(count_rec(fn->body, AST_BREAK), 1);
    ast_node *ig = find(fn->body, AST_INDIRECT_GOTO);
    ck_assert_int_eq(ig->nkids, 1);
    ck_assert_ptr_eq(ig->kids[0]->var, var(fn, "p"));
    ck_assert_int_eq(count_rec(fn->body, AST_NULL_STMT), 1);
}
END_TEST

START_TEST(return_value_and_asm)
{
    ast_tu *tu = parse_ok("int f(int a) { __asm__ volatile(\"nop\"); return a + 1; }");
    ast_func *fn = func(tu, "f");
    ast_node *r = find(fn->body, AST_RETURN);
    ck_assert_int_eq(r->nkids, 1);
    ck_assert_int_eq(r->kids[0]->op, BIN_ADD);
    ast_node *as = find(fn->body, AST_ASM);
    ck_assert_int_eq(as->nkids, 0);
}
END_TEST

/* ---- expressions ---- */

START_TEST(implicit_casts_removed)
{
    ast_tu *tu = parse_ok("long g(long);\nint f(int a) { long b = a; short s = (short)a; "
                          "int arr[2]; int *p = arr; return g(a) + s + *p; }");
    ast_func *fn = func(tu, "f");
    ast_var *a = var(fn, "a");
    ast_node *vb = var(fn, "b")->decl;
    ck_assert_int_eq(vb->nkids, 1);
    ck_assert_int_eq(vb->kids[0]->kind, AST_REF); /* no int->long cast node */
    ck_assert_ptr_eq(vb->kids[0]->var, a);
    ast_node *cast = var(fn, "s")->decl->kids[0];
    ck_assert_int_eq(cast->kind, AST_CAST);
    ck_assert_int_eq(cast->nkids, 1);
    ck_assert_ptr_eq(cast->kids[0]->var, a);
    ast_node *pinit = var(fn, "p")->decl->kids[0];
    ck_assert_int_eq(pinit->kind, AST_REF); /* array decay dropped */
    ck_assert(pinit->ty & TY_ARRAY);
    ast_node *call = call_named(fn->body, "g");
    ck_assert_int_eq(call->nkids, 2);
    ck_assert_int_eq(call->kids[0]->kind, AST_REF); /* function-to-pointer decay dropped */
    ck_assert(call->kids[0]->flags & AST_F_FUNC_REF);
    ck_assert_ptr_eq(call->kids[1]->var, a);
}
END_TEST

START_TEST(refs_share_var)
{
    ast_tu *tu = parse_ok("int f(void) { int x = 1; x = x + 2; { int x = 5; x++; } return x; }");
    ast_func *fn = func(tu, "f");
    ck_assert_int_eq(fn->nvars, 2);
    ast_var *outer = fn->vars[0], *inner = fn->vars[1];
    ck_assert_ptr_ne(outer, inner);
    ck_assert_ptr_eq(outer->decl->var, outer);
    ck_assert_int_eq(outer->decl->kind, AST_VAR);
    ast_node *asg = find(fn->body, AST_BINARY);
    ck_assert_ptr_eq(asg->kids[0]->var, outer);
    ck_assert_ptr_eq(asg->kids[1]->kids[0]->var, outer);
    ast_node *inc = find(fn->body, AST_UNARY);
    ck_assert_ptr_eq(inc->kids[0]->var, inner);
    ck_assert_ptr_eq(find(fn->body, AST_RETURN)->kids[0]->var, outer);
    ck_assert_str_eq(span_text(outer->span), "x");
}
END_TEST

START_TEST(storage_classes)
{
    ast_tu *tu = parse_ok("int g;\n_Thread_local int tl;\n__thread int tl2;\n"
                          "int f(int p) { int l = p; static int s; static _Thread_local int stl;\n"
                          "  extern int e; register int r = 0; return l + s + stl + e + g + tl + tl2 + r; }\n"
                          "int h(void) { return g; }\n");
    ast_func *fn = func(tu, "f");
    ck_assert_int_eq(fn->nparams, 1);
    ck_assert_int_eq(var(fn, "p")->storage, STORAGE_PARAM);
    ck_assert_int_eq(var(fn, "p")->index, 0);
    ck_assert_ptr_null(var(fn, "p")->decl);
    ck_assert_int_eq(var(fn, "l")->storage, STORAGE_LOCAL);
    ck_assert_int_eq(var(fn, "l")->index, 1);
    ck_assert_int_eq(var(fn, "s")->storage, STORAGE_STATIC_LOCAL);
    ck_assert_int_eq(var(fn, "stl")->storage, STORAGE_THREAD_LOCAL);
    ck_assert_int_eq(var(fn, "r")->storage, STORAGE_LOCAL);
    for (uint32_t i = 0; i < fn->nvars; i++) {
        ck_assert_int_eq(fn->vars[i]->index, i);
        ck_assert_str_ne(fn->vars[i]->name, "e"); /* block-scope extern is a global */
    }
    /* only automatic variables are in the body's scope */
    ck_assert_int_eq(fn->body->scope->nvars, 2);
    ck_assert_str_eq(fn->body->scope->vars[0]->name, "l");
    ck_assert_str_eq(fn->body->scope->vars[1]->name, "r");
    ck_assert_int_eq(tu->nglobals, 4);
    int seen = 0;
    for (uint32_t i = 0; i < tu->nglobals; i++) {
        ast_var *v = tu->globals[i];
        ck_assert_int_eq(v->index, i);
        ck_assert_ptr_null(v->decl);
        if (!strcmp(v->name, "e") || !strcmp(v->name, "g")) {
            ck_assert_int_eq(v->storage, STORAGE_GLOBAL);
            seen++;
        } else if (!strcmp(v->name, "tl") || !strcmp(v->name, "tl2")) {
            ck_assert_int_eq(v->storage, STORAGE_THREAD_LOCAL);
            seen++;
        }
    }
    ck_assert_int_eq(seen, 4);
    /* g is one ast_var for both functions */
    ast_node *rg = find(func(tu, "h")->body, AST_REF);
    ck_assert_str_eq(rg->var->name, "g");
    ck_assert_int_eq(rg->var->storage, STORAGE_GLOBAL);
    int found = 0;
    for (int i = 0; find_nth(fn->body, AST_REF, i); i++)
        found += find_nth(fn->body, AST_REF, i)->var == rg->var;
    ck_assert_int_eq(found, 1);
}
END_TEST

START_TEST(compound_literal_scopes)
{
    ast_tu *tu = parse_ok("struct pt { int x, y; };\nvoid use(void *);\n"
                          "void f(int n) { use(&(struct pt){1, 2}); if (n) { use((int[]){n}); }\n"
                          "  for (; n; ) use(&(int){3}); }\n");
    ast_func *fn = func(tu, "f");
    ck_assert_int_eq(fn->nvars, 4); /* n and three compound literals */
    ast_var *c0 = fn->vars[1];
    ck_assert(c0->flags & AST_VAR_COMPOUND_LITERAL);
    ck_assert_str_eq(c0->name, "(compound literal)");
    ck_assert_int_eq(c0->storage, STORAGE_LOCAL);
    ck_assert(c0->ty & TY_RECORD);
    ck_assert(c0->flags & AST_VAR_ADDRESS_TAKEN);
    ck_assert_str_eq(span_text(c0->span), "(struct pt){1, 2}");
    ck_assert_int_eq(fn->body->scope->nvars, 1);
    ck_assert_ptr_eq(fn->body->scope->vars[0], c0);
    ast_node *cl = find(fn->body, AST_COMPOUND_LIT);
    ck_assert_ptr_eq(cl->var, c0);
    ck_assert_ptr_eq(c0->decl, cl);
    ck_assert_int_eq(cl->nkids, 1);
    ck_assert_int_eq(cl->kids[0]->kind, AST_INIT_LIST);
    ck_assert_int_eq(cl->kids[0]->nkids, 2);
    ast_node *inner = find(find(fn->body, AST_IF), AST_COMPOUND);
    ck_assert_int_eq(inner->scope->nvars, 1);
    ck_assert_ptr_eq(inner->scope->vars[0], fn->vars[2]);
    ck_assert(fn->vars[2]->ty & TY_ARRAY);
    ast_node *fr = find(fn->body, AST_FOR);
    ck_assert_int_eq(fr->scope->nvars, 1);
    ck_assert_ptr_eq(fr->scope->vars[0], fn->vars[3]);
}
END_TEST

START_TEST(call_names_and_noreturn)
{
    ast_tu *tu = parse_ok("#include <stdlib.h>\n#include <assert.h>\n"
                          "_Noreturn void die(const char *);\nvoid die(const char *);\n"
                          "__attribute__((noreturn)) void die2(void);\n"
                          "#define NORET _Noreturn\nNORET void die3(void);\n"
                          "int plain(int);\n"
                          "int f(int a, int (*fp)(int)) { if (a == 1) exit(1); if (a == 2) die(\"x\");\n"
                          "  if (a == 3) die2(); if (a == 4) die3(); assert(a); fp(a); (plain)(a); return plain(a); }\n");
    ast_func *fn = func(tu, "f");
    ck_assert(call_named(fn->body, "exit")->flags & AST_F_NORETURN);
    ck_assert(call_named(fn->body, "die")->flags & AST_F_NORETURN);
    ck_assert(call_named(fn->body, "die2")->flags & AST_F_NORETURN);
    ck_assert(call_named(fn->body, "die3")->flags & AST_F_NORETURN);
    ck_assert(call_named(fn->body, "__assert_fail")->flags & AST_F_NORETURN);
    ast_node *pl = call_named(fn->body, "plain");
    ck_assert(!(pl->flags & AST_F_NORETURN));
    ck_assert_int_eq(pl->kids[0]->kind, AST_PAREN); /* (plain)(a): name through parens */
    int indirect = 0;
    for (int i = 0; find_nth(fn->body, AST_CALL, i); i++) {
        ast_node *c = find_nth(fn->body, AST_CALL, i);
        if (!c->name) {
            indirect++;
            ck_assert_ptr_eq(c->kids[0]->var, var(fn, "fp"));
        }
    }
    ck_assert_int_eq(indirect, 1);
    ck_assert_str_eq(span_text(call_named(fn->body, "die")->span), "die(\"x\")");
}
END_TEST

START_TEST(members_and_index)
{
    ast_tu *tu = parse_ok("struct s { int x; struct s *next; int a[4]; };\n"
                          "int f(struct s *p, struct s v) { return p->x + v.x + p->next->a[2] + (&v)->x; }");
    ast_func *fn = func(tu, "f");
    int arrows = 0, dots = 0;
    for (int i = 0; find_nth(fn->body, AST_MEMBER, i); i++) {
        ast_node *m = find_nth(fn->body, AST_MEMBER, i);
        ck_assert_int_eq(m->nkids, 1);
        if (m->flags & AST_F_ARROW)
            arrows++;
        else
            dots++;
    }
    ck_assert_int_eq(arrows, 4);
    ck_assert_int_eq(dots, 1);
    ast_node *ix = find(fn->body, AST_INDEX);
    ck_assert_int_eq(ix->nkids, 2);
    ck_assert_int_eq(ix->kids[0]->kind, AST_MEMBER);
    ck_assert_str_eq(ix->kids[0]->name, "a");
    ck_assert(ix->kids[0]->flags & AST_F_ARROW);
    ck_assert_str_eq(ix->kids[0]->kids[0]->name, "next");
    ck_assert(var(fn, "v")->flags & AST_VAR_ADDRESS_TAKEN);
    ck_assert(!(var(fn, "p")->flags & AST_VAR_ADDRESS_TAKEN));
}
END_TEST

START_TEST(unary_operators)
{
    ast_tu *tu = parse_ok("int f(int a, int *p) { int b = -a; b = ~b; b = !b; b = +b; ++b; --b; b--;\n"
                          "  p = &a; return *p + b; }");
    ast_func *fn = func(tu, "f");
    static const ast_unop want[] = {UN_MINUS, UN_NOT, UN_LNOT, UN_PLUS, UN_PRE_INC, UN_PRE_DEC,
                                    UN_POST_DEC, UN_ADDR_OF, UN_DEREF};
    for (unsigned i = 0; i < sizeof want / sizeof *want; i++) {
        ast_node *u = find_nth(fn->body, AST_UNARY, (int)i);
        ck_assert_ptr_nonnull(u);
        ck_assert_int_eq(u->op, want[i]);
        ck_assert_int_eq(u->nkids, 1);
    }
    ck_assert(var(fn, "a")->flags & AST_VAR_ADDRESS_TAKEN);
    ck_assert(!(var(fn, "b")->flags & AST_VAR_ADDRESS_TAKEN));
    ck_assert(find_nth(fn->body, AST_UNARY, 7)->ty & TY_POINTER);
}
END_TEST

START_TEST(binary_operators)
{
    ast_tu *tu = parse_ok("int f(int a, int b) { a += b; a <<= 1; a = (a, b); return a && b || a % b == b; }");
    ast_func *fn = func(tu, "f");
    ck_assert_int_eq(find_nth(fn->body, AST_BINARY, 0)->op, BIN_ADD_ASSIGN);
    ck_assert_int_eq(find_nth(fn->body, AST_BINARY, 1)->op, BIN_SHL_ASSIGN);
    ast_node *asg = find_nth(fn->body, AST_BINARY, 2);
    ck_assert_int_eq(asg->op, BIN_ASSIGN);
    ck_assert_int_eq(asg->kids[1]->kind, AST_PAREN);
    ck_assert_int_eq(asg->kids[1]->kids[0]->op, BIN_COMMA);
    ast_node *ret = find(fn->body, AST_RETURN)->kids[0];
    ck_assert_int_eq(ret->op, BIN_LOR);
    ck_assert_int_eq(ret->kids[0]->op, BIN_LAND);
    ck_assert_int_eq(ret->kids[1]->op, BIN_EQ);
    ck_assert_int_eq(ret->kids[1]->kids[0]->op, BIN_REM);
    ck_assert(ret->ty & TY_INT);
}
END_TEST

START_TEST(conditionals)
{
    ast_tu *tu = parse_ok("int f(int a, int b) { int c = a ? b : 2; int d = a ?: b; return c + d; }");
    ast_func *fn = func(tu, "f");
    ast_node *c = var(fn, "c")->decl->kids[0];
    ck_assert_int_eq(c->kind, AST_COND);
    ck_assert_int_eq(c->nkids, 3);
    ck_assert(!(c->flags & AST_F_BINARY_COND));
    ast_node *d = var(fn, "d")->decl->kids[0];
    ck_assert_int_eq(d->kind, AST_COND);
    ck_assert(d->flags & AST_F_BINARY_COND);
    ck_assert_int_eq(d->nkids, 2);
    ck_assert_ptr_eq(d->kids[0]->var, var(fn, "a"));
    ck_assert_ptr_eq(d->kids[1]->var, var(fn, "b"));
    ck_assert_str_eq(span_text((fl_span){d->span.file, d->loc, d->loc + 2}), "?:");
    ck_assert_str_eq(span_text((fl_span){c->span.file, c->loc, c->loc + 1}), "?");
}
END_TEST

START_TEST(literal_spelling)
{
    ast_tu *tu = parse_ok("#define N 0x2A\n#define STR(x) #x\n"
                          "const char *f(double *d) { int a = 0x10; *d = 1.5e+3f; char c = 'a';\n"
                          "  a = N; (void)c; (void)a; const char *q = STR(a+b); (void)q; return \"hi\" \"there\"; }");
    ast_func *fn = func(tu, "f");
    ck_assert_str_eq(var(fn, "a")->decl->kids[0]->name, "0x10");
    ck_assert_str_eq(find_nth(fn->body, AST_LITERAL, 1)->name, "1.5e+3f");
    ck_assert_str_eq(var(fn, "c")->decl->kids[0]->name, "'a'");
    ast_node *n = find_nth(fn->body, AST_LITERAL, 3);
    ck_assert_str_eq(n->name, "0x2A"); /* spelled in the macro */
    ck_assert(n->flags & AST_F_IN_MACRO);
    ck_assert_str_eq(span_text(n->span), "N"); /* located at the use */
    ck_assert_str_eq(find(fn->body, AST_RETURN)->kids[0]->name, "\"hi\" \"there\"");
    ck_assert_str_eq(var(fn, "q")->decl->kids[0]->name, "\"a+b\""); /* stringized */
    ck_assert_int_eq(find(fn->body, AST_RETURN)->kids[0]->kind, AST_LITERAL);
}
END_TEST

START_TEST(sizeof_and_arrays)
{
    ast_tu *tu = parse_ok("#include <stddef.h>\nstruct s { int a, b; };\n"
                          "size_t f(void) { int arr[3]; int brr[3]; int k; brr[0] = 1;\n"
                          "  return sizeof arr + sizeof(k) + _Alignof(int) + offsetof(struct s, b); }");
    ast_func *fn = func(tu, "f");
    ck_assert_int_eq(count_rec(fn->body, AST_SIZEOF), 4);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(find_nth(fn->body, AST_SIZEOF, i)->nkids, 0);
    ck_assert(!(var(fn, "arr")->flags & AST_VAR_ADDRESS_TAKEN));
    ck_assert(var(fn, "brr")->flags & AST_VAR_ADDRESS_TAKEN);
    ck_assert(var(fn, "arr")->ty & TY_ARRAY);
    ck_assert_str_eq(var(fn, "arr")->type_name, "int[3]");
}
END_TEST

START_TEST(statement_expr_and_init_list)
{
    ast_tu *tu = parse_ok("struct s { int a, b; int c[3]; };\n"
                          "int f(int x) { struct s v = { .b = x, .c[1] = 2, 5 }; int arr[4] = { [2] = x };\n"
                          "  return ({ int t = v.a; t + arr[0]; }); }");
    ast_func *fn = func(tu, "f");
    ast_node *il = var(fn, "v")->decl->kids[0];
    ck_assert_int_eq(il->kind, AST_INIT_LIST);
    ck_assert_int_eq(il->nkids, 3);
    ck_assert_ptr_eq(il->kids[0]->var, var(fn, "x"));
    ck_assert_str_eq(il->kids[1]->name, "2");
    ck_assert_str_eq(il->kids[2]->name, "5");
    ast_node *il2 = var(fn, "arr")->decl->kids[0];
    ck_assert_int_eq(il2->nkids, 1);
    ck_assert_ptr_eq(il2->kids[0]->var, var(fn, "x"));
    ast_node *se = find(fn->body, AST_STMT_EXPR);
    ck_assert_int_eq(se->nkids, 1);
    ck_assert_int_eq(se->kids[0]->kind, AST_COMPOUND);
    ck_assert_int_eq(se->kids[0]->scope->nvars, 1);
    ck_assert_str_eq(se->kids[0]->scope->vars[0]->name, "t");
}
END_TEST

START_TEST(designated_init_list_in_field_order)
{
    ast_tu *tu = parse_ok("struct job { int id; int *from, *to; long n; };\n"
                          "union u { int i; long l; };\n"
                          "void f(int *a, int *b) { struct job j = { .to = b, .from = a }; struct job k = { .from = b, a, 3 };\n"
                          "  struct job d = { .to = a, .to = b }; union u w = { .l = 1 };\n"
                          "  (void)j; (void)k; (void)d; (void)w; }");
    ast_func *fn = func(tu, "f");
    /* in field order, the fields left out as a literal 0, no element marked designated */
    ast_node *j = var(fn, "j")->decl->kids[0];
    ck_assert_int_eq(j->nkids, 3);
    ck_assert_int_eq(j->kids[0]->kind, AST_LITERAL);
    ck_assert_str_eq(j->kids[0]->name, "0");
    ck_assert_ptr_eq(j->kids[1]->var, var(fn, "a"));
    ck_assert_ptr_eq(j->kids[2]->var, var(fn, "b"));
    ck_assert(!(j->kids[2]->flags & AST_F_DESIGNATED));
    /* positions go on after a designator */
    ast_node *k = var(fn, "k")->decl->kids[0];
    ck_assert_int_eq(k->nkids, 4);
    ck_assert_ptr_eq(k->kids[1]->var, var(fn, "b"));
    ck_assert_ptr_eq(k->kids[2]->var, var(fn, "a"));
    ck_assert_str_eq(k->kids[3]->name, "3");
    /* a field given twice, and a union: as written */
    ast_node *d = var(fn, "d")->decl->kids[0];
    ck_assert_int_eq(d->nkids, 2);
    ck_assert(d->kids[0]->flags & AST_F_DESIGNATED);
    ast_node *w = var(fn, "w")->decl->kids[0];
    ck_assert_int_eq(w->nkids, 1);
    ck_assert(w->kids[0]->flags & AST_F_DESIGNATED);
}
END_TEST

START_TEST(types_of_vars)
{
    ast_tu *tu = parse_ok("#include <stdatomic.h>\n#include <pthread.h>\ntypedef struct job { int id; } job_t;\n"
                          "void f(void) { const int c = 1; volatile long v; float fl; job_t j; job_t *jp;\n"
                          "  _Atomic int ai; atomic_int ai2; pthread_t t; enum { A, B } e = B; (void)c; (void)v; (void)fl;\n"
                          "  (void)j; (void)jp; (void)ai; (void)ai2; (void)t; (void)e; }");
    ast_func *fn = func(tu, "f");
    ck_assert_int_eq(var(fn, "c")->ty, TY_INT | TY_CONST);
    ck_assert_int_eq(var(fn, "v")->ty, TY_INT | TY_VOLATILE);
    ck_assert_int_eq(var(fn, "fl")->ty, TY_FLOAT);
    ck_assert_int_eq(var(fn, "j")->ty, TY_RECORD);
    ck_assert_int_eq(var(fn, "jp")->ty, TY_POINTER);
    ck_assert_str_eq(var(fn, "jp")->type_name, "job_t *");
    ck_assert_int_eq(var(fn, "ai")->ty, TY_ATOMIC | TY_INT);
    ck_assert_int_eq(var(fn, "ai2")->ty, TY_ATOMIC | TY_INT);
    ck_assert_int_eq(var(fn, "t")->ty, TY_INT);
    ck_assert_int_eq(var(fn, "e")->ty, TY_INT);
    ast_node *eref = var(fn, "e")->decl->kids[0];
    ck_assert_int_eq(eref->kind, AST_REF);
    ck_assert(eref->flags & AST_F_ENUM_REF);
    ck_assert_str_eq(eref->name, "B");
}
END_TEST

START_TEST(function_metadata)
{
    write_temp(g_hdr, ".h", "static inline int in_header(int x) { return x + 1; }\n");
    char src[PATH_MAX + 200];
    snprintf(src, sizeof src,
             "#include \"%s\"\nstatic int helper(int a, int b) { return a + b; }\n"
             "#define DEFINE(name) int name(void) { return 7; }\nDEFINE(made)\n"
             "int main(void) { return helper(1, in_header(2)) + made(); }\n",
             g_hdr);
    ast_tu *tu = parse_ok(src);
    /* the main file's functions, then the header's static one it calls (for its summary) */
    ck_assert_int_eq(tu->nfuncs, 4);
    ck_assert_str_eq(tu->funcs[0]->name, "helper");
    ck_assert_str_eq(tu->funcs[1]->name, "made");
    ck_assert_str_eq(tu->funcs[2]->name, "main");
    ck_assert_str_eq(tu->funcs[3]->name, "in_header");
    ck_assert(!tu->funcs[3]->in_main_file && tu->funcs[2]->in_main_file);
    ck_assert_ptr_eq(tu->funcs[3]->self->def, tu->funcs[3]);
    ast_func *h = tu->funcs[0];
    ck_assert(h->is_static);
    ck_assert(!tu->funcs[2]->is_static);
    ck_assert(h->in_main_file);
    ck_assert_int_eq(h->nparams, 2);
    ck_assert_str_eq(h->params[1]->name, "b");
    ck_assert_int_eq(h->params[1]->index, 1);
    ck_assert_str_eq(span_text(h->name_span), "helper");
    ck_assert_str_eq(span_text(h->span), "static int helper(int a, int b) { return a + b; }");
    ck_assert_int_eq(h->body->kind, AST_COMPOUND);
    ck_assert_uint_eq(h->span.file, tu->main_file);
    ck_assert_str_eq(fl_srcmap_path(g_sm, tu->main_file), g_path);
    ck_assert_ptr_eq(fe_unit_ast(g_u), tu); /* converted once */
}
END_TEST

START_TEST(spans_and_loc)
{
    ast_tu *tu = parse_ok("int f(int a, int b) {\n  return a  +  b;\n}\n");
    ast_func *fn = func(tu, "f");
    ast_node *add = find(fn->body, AST_BINARY);
    ck_assert_str_eq(span_text(add->span), "a  +  b");
    uint32_t line, col;
    ck_assert(fl_srcmap_line_col(g_sm, add->span.file, add->loc, &line, &col));
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 13); /* the operator */
    ck_assert(!(add->flags & AST_F_IN_MACRO));
    ck_assert_str_eq(span_text(find(fn->body, AST_RETURN)->span), "return a  +  b");
}
END_TEST

/* Generated code nests deep: the conversion, the CFG builder and the tree walks keep their
   depth on the heap, so they run on a 256 KiB stack whatever the depth (a recursion of one
   frame per level needs megabytes here). Each shape is as deep as clang itself parses in its
   8 MiB, or close to it: a flat sum, an || condition, a ?: chain, an else-if chain, a member
   chain, and chains of typedefs and of structs nested by value. */
enum { DEEP_SUM = 30000, DEEP_OR = 20000, DEEP_TERN = 10000, DEEP_ELIF = 2000, DEEP_MEMBER = 3000,
       DEEP_TYPES = 3000, DUMP_SUM = 8000 };

typedef struct deep_conv {
    ast_tu *tu;
    place member;
    bool mentions;
    uint32_t nblocks;
} deep_conv;

static void deep_convert(void *arg)
{
    deep_conv *d = arg;
    d->tu = fe_unit_ast(g_u);
    FILE *null = fopen("/dev/null", "w");
    for (uint32_t i = 0; i < d->tu->nfuncs; i++) {
        ast_func *fn = d->tu->funcs[i];
        cfg *g = cfg_build(d->tu->arena, fn);
        d->nblocks += g->nblocks;
        if (!strcmp(fn->name, "dump_sum"))
            ast_dump_func(fn, null);
        if (!strcmp(fn->name, "sum"))
            d->mentions = ast_mentions_var(fn->body, fn->params[0]);
        if (!strcmp(fn->name, "member")) {
            ast_node *ret = fn->body->kids[0];
            d->member = place_of(d->tu->arena, ret->kids[0]);
        }
    }
    fclose(null);
}

START_TEST(deep_code_converts_on_a_small_stack)
{
    fl_strbuf sb = {0};
    fl_sb_puts(&sb, "void g(int);\nstruct node { struct node *next; int v; };\n");
    fl_sb_puts(&sb, "int sum(int x) { return x");
    for (int i = 1; i < DEEP_SUM; i++)
        fl_sb_puts(&sb, " + x");
    fl_sb_puts(&sb, "; }\nint dump_sum(int x) { return x");
    for (int i = 1; i < DUMP_SUM; i++)
        fl_sb_puts(&sb, " + x");
    fl_sb_puts(&sb, "; }\nvoid or(int x) { if (x == 0");
    for (int i = 1; i < DEEP_OR; i++)
        fl_sb_printf(&sb, " || x == %d", i);
    fl_sb_puts(&sb, ") g(0); }\nint tern(int x) { return ");
    for (int i = 0; i < DEEP_TERN; i++)
        fl_sb_printf(&sb, "x == %d ? %d : ", i, i);
    fl_sb_puts(&sb, "-1; }\nvoid elif(int x) {\n");
    for (int i = 0; i < DEEP_ELIF; i++)
        fl_sb_printf(&sb, "%sif (x == %d) g(%d);\n", i ? "else " : "", i, i);
    fl_sb_puts(&sb, "}\nint member(struct node *p) { return p");
    for (int i = 0; i < DEEP_MEMBER; i++)
        fl_sb_puts(&sb, "->next");
    fl_sb_puts(&sb, "->v; }\ntypedef int t0;\nstruct s0 { int v; };\n");
    for (int i = 1; i < DEEP_TYPES; i++)
        fl_sb_printf(&sb, "typedef t%d t%d;\nstruct s%d { struct s%d in; };\n", i - 1, i, i, i - 1);
    fl_sb_printf(&sb, "int types(struct s%d *b) { t%d a = 0; return a + (int)sizeof b->in; }\n",
                 DEEP_TYPES - 1, DEEP_TYPES - 1);
    write_temp(g_path, ".c", fl_sb_str(&sb));
    fl_sb_free(&sb);
    char *argv[] = {"clang", "-xc", "-std=gnu11", g_path, NULL};
    fe_job job = {.file = g_path, .directory = "/tmp", .argv = argv, .argc = 4};
    g_u = fe_parse(g_ix, &job, g_sm, g_sink);
    diag_sink_finish(g_sink);
    ck_assert_msg(g_u != NULL, "did not parse: %s", diag_sink_count(g_sink) ? diag_sink_get(g_sink, 0)->message : "?");

    deep_conv d = {0};
    small_stack_run(deep_convert, &d);

    ck_assert_uint_eq(d.tu->nfuncs, 7);
    /* the sum is one left spine of DEEP_SUM - 1 additions */
    ast_node *e = func(d.tu, "sum")->body->kids[0]->kids[0];
    uint32_t adds = 0;
    for (; e->kind == AST_BINARY; e = e->kids[0])
        adds++;
    ck_assert_uint_eq(adds, DEEP_SUM - 1);
    ck_assert(d.mentions);
    ck_assert_uint_gt(d.nblocks, DEEP_OR + DEEP_TERN + DEEP_ELIF);
    ck_assert_str_eq(d.member.root->name, "p");
    ck_assert_uint_eq(strlen(d.member.path), 6 * DEEP_MEMBER + 3); /* "*.next" each, then "*.v" */
    /* the typedef chain reaches int; the struct chain (behind the parameter's pointer) its
       innermost struct */
    const ast_type *t = func(d.tu, "types")->vars[1]->type;
    uint32_t layers = 0;
    for (; t->kind == TYPE_TYPEDEF; t = t->inner)
        layers++;
    ck_assert_uint_eq(layers, DEEP_TYPES);
    ck_assert_int_eq(t->kind, TYPE_SCALAR);
    const ast_type *r = func(d.tu, "types")->vars[0]->type;
    ck_assert_int_eq(r->kind, TYPE_POINTER);
    r = r->inner;
    layers = 0;
    for (; r->kind == TYPE_RECORD && r->nfields == 1 && !strcmp(r->fields[0].name, "in"); r = r->fields[0].type)
        layers++;
    ck_assert_uint_eq(layers, DEEP_TYPES - 1);
    ck_assert_str_eq(r->name, "struct s0");
}
END_TEST

START_TEST(builtin_headers_parse)
{
    ast_tu *tu = parse_src("#include <stddef.h>\n#include <stdatomic.h>\n#include <stdbool.h>\n"
                           "atomic_int counter;\nsize_t f(void) { atomic_fetch_add(&counter, 1); "
                           "return atomic_load(&counter) + offsetof(struct { int a; bool b; }, b); }\n");
    ck_assert_msg(tu != NULL, "builtin headers failed to parse");
    diag_sink_finish(g_sink);
    ck_assert_uint_eq(diag_sink_count(g_sink), 0);
    ast_func *fn = func(tu, "f");
    ck_assert_int_eq(tu->nglobals, 1);
    ck_assert(tu->globals[0]->ty & TY_ATOMIC);
    ck_assert(tu->globals[0]->flags & AST_VAR_ADDRESS_TAKEN);
    ck_assert_int_ge(count_rec(fn->body, AST_REF), 2);
}
END_TEST

START_TEST(dump_is_stable)
{
    ast_tu *tu = parse_ok("struct s { int x; };\nint f(struct s *p) { int y = p->x; if (y) return -y; return 0; }");
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ast_dump_func(func(tu, "f"), out);
    fclose(out);
    const char *head = "func f p:param:struct s *\n  compound scope: y\n    decl-stmt\n";
    ck_assert_msg(strncmp(buf, head, strlen(head)) == 0,
                  "got:\n%s", buf);
    ck_assert_msg(strstr(buf, "      var y:local:int\n        member x ->\n          ref p:param\n") != NULL, "got:\n%s", buf);
    ck_assert_msg(strstr(buf, "      return\n        unary -\n          ref y:local\n") != NULL, "got:\n%s", buf);
    ck_assert_msg(strstr(buf, "    return\n      literal 0\n") != NULL, "got:\n%s", buf);
    free(buf);
}
END_TEST

START_TEST(dump_for_null_kids)
{
    ast_tu *tu = parse_ok("void f(void) { for (;;) break; }");
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ast_dump_func(func(tu, "f"), out);
    fclose(out);
    ck_assert_msg(strstr(buf, "    for\n      (null)\n      (null)\n      (null)\n      break\n") != NULL,
                  "got:\n%s", buf);
    free(buf);
}
END_TEST

/* ---- callees, annotations and the type table ---- */

/* Parse `src` with annotations/fearless.h on the include path; `hdr`, when set, is written to a
   header the source includes with `#include HDR` (HDR is defined to its path). */
static ast_tu *parse_annotated(const char *hdr, const char *src)
{
    char def[PATH_MAX + 16] = "-DFL_NO_HDR";
    if (hdr) {
        write_temp(g_hdr, ".h", hdr);
        snprintf(def, sizeof def, "-DHDR=\"%s\"", g_hdr);
    }
    write_temp(g_path, ".c", src);
    char *argv[] = {"clang", "-xc", "-std=gnu11", "-I" FL_SOURCE_DIR "/annotations", def, g_path, NULL};
    fe_job job = {.file = g_path, .directory = "/tmp", .argv = argv, .argc = 6};
    g_u = fe_parse(g_ix, &job, g_sm, g_sink);
    ast_tu *tu = g_u ? fe_unit_ast(g_u) : NULL;
    ck_assert_msg(tu != NULL, "snippet did not parse:\n%s", src);
    return tu;
}

static ast_callee *callee_named(ast_tu *tu, const char *name)
{
    ast_callee *found = NULL;
    for (uint32_t i = 0; i < tu->ncallees; i++)
        if (!strcmp(tu->callees[i]->name, name)) {
            ck_assert_msg(found == NULL, "two callees named %s", name);
            found = tu->callees[i];
        }
    ck_assert_msg(found != NULL, "no callee %s", name);
    return found;
}

static const ast_field *field_named(const ast_type *t, const char *name)
{
    ck_assert_int_eq(t->kind, TYPE_RECORD);
    for (uint32_t i = 0; i < t->nfields; i++)
        if (!strcmp(t->fields[i].name, name))
            return &t->fields[i];
    ck_abort_msg("no field %s in %s", name, t->name);
    return NULL;
}

static bool has_annot(ast_annots an, const char *text)
{
    for (uint32_t i = 0; i < an.n; i++)
        if (!strcmp(an.texts[i], text))
            return true;
    return false;
}

/* FL_MOVE on the prototype in a header, none on the definition: calls before and after the
   definition (resolved by clang to different declarations) both see it. */
START_TEST(callee_move_from_header_prototype)
{
    ast_tu *tu = parse_annotated(
        "#include \"fearless.h\"\nstruct job;\nvoid submit(struct job *FL_MOVE j);\n",
        "#include HDR\n#include <stdlib.h>\nstruct job { int id; };\n"
        "void before(struct job *j) { submit(j); }\n"
        "void submit(struct job *j) { free(j); }\n"
        "void after(struct job *j) { submit(j); }\n");
    ast_node *c1 = call_named(func(tu, "before")->body, "submit");
    ast_node *c2 = call_named(func(tu, "after")->body, "submit");
    ck_assert_ptr_nonnull(c1->callee);
    ck_assert_ptr_eq(c1->callee, c2->callee);
    ast_callee *ce = c1->callee;
    ck_assert_ptr_eq(ce, callee_named(tu, "submit"));
    ck_assert_uint_eq(ce->nparams, 1);
    ck_assert_uint_eq(ce->param_flags[0], PARAM_MOVE);
    ck_assert_ptr_eq(ce->def, func(tu, "submit"));
    ck_assert_ptr_eq(func(tu, "submit")->self, ce);
    /* the definition's parameter carries the prototype's annotation */
    ck_assert_uint_eq(func(tu, "submit")->params[0]->param_flags, PARAM_MOVE);
    /* the span is the name in the prototype the first call resolved to: in the header */
    ck_assert(fl_span_valid(ce->span));
    ck_assert_uint_ne(ce->span.file, tu->main_file);
    ck_assert_uint_eq(ce->span.end - ce->span.begin, strlen("submit"));
}
END_TEST

/* The reverse: the header's prototype is plain and the definition, after a call, says FL_MOVE. */
START_TEST(callee_move_from_later_definition)
{
    ast_tu *tu = parse_annotated(
        "struct job;\nvoid submit(struct job *j);\n",
        "#include HDR\n#include \"fearless.h\"\n#include <stdlib.h>\nstruct job { int id; };\n"
        "void before(struct job *j) { submit(j); }\n"
        "void submit(struct job *FL_MOVE j) { free(j); }\n"
        "void after(struct job *j) { submit(j); }\n");
    ast_callee *ce = call_named(func(tu, "before")->body, "submit")->callee;
    ck_assert_ptr_nonnull(ce);
    ck_assert_uint_eq(ce->param_flags[0], PARAM_MOVE);
    ck_assert_ptr_eq(call_named(func(tu, "after")->body, "submit")->callee, ce);
    ck_assert_uint_eq(func(tu, "submit")->params[0]->param_flags, PARAM_MOVE);
    ck_assert(has_annot(func(tu, "submit")->params[0]->annots, "move"));
}
END_TEST

/* fl_move through the real header: defined there (a static inline the unit converts, not as
   its own), one FL_MOVE parameter. */
START_TEST(callee_fl_move_real_header)
{
    ast_tu *tu = parse_annotated(NULL,
        "#include \"fearless.h\"\n#include <stdlib.h>\n"
        "void *hand_over(void) { int *p = malloc(4); return fl_move(p); }\n");
    ast_node *c = call_named(func(tu, "hand_over")->body, "fl_move");
    ck_assert_ptr_nonnull(c->callee);
    ck_assert_str_eq(c->callee->name, "fl_move");
    ck_assert_uint_eq(c->callee->nparams, 1);
    ck_assert_uint_eq(c->callee->param_flags[0], PARAM_MOVE);
    ck_assert(c->callee->def && !c->callee->def->in_main_file);
    ck_assert(!c->callee->variadic);
    ck_assert(!c->callee->noreturn);
    ck_assert_int_eq(c->callee->result->kind, TYPE_POINTER);
    ck_assert_int_eq(c->callee->result->inner->kind, TYPE_VOID);
    ck_assert_ptr_eq(c->callee->param_types[0], c->callee->result); /* void * twice: one type */
}
END_TEST

START_TEST(callee_sends_and_wrappers)
{
    ast_tu *tu = parse_annotated(
        "#include \"fearless.h\"\n#include <pthread.h>\n"
        "int chan_send(void *c, FL_SENDS void *msg);\n"
        "int pool_spawn(FL_THREAD_HANDLE pthread_t *t, FL_THREAD_FN void *(*fn)(void *),\n"
        "               FL_THREAD_ARG FL_MOVE void *arg);\n"
        "void pool_join(pthread_t t FL_JOINS);\n",
        "#include HDR\nstatic void *work(void *a) { return a; }\n"
        "void go(void *ch, void *m) { pthread_t t; pool_spawn(&t, work, m); pool_join(t); chan_send(ch, m); }\n");
    ast_node *body = func(tu, "go")->body;
    ast_callee *send = call_named(body, "chan_send")->callee;
    ck_assert_uint_eq(send->nparams, 2);
    ck_assert_uint_eq(send->param_flags[0], 0);
    ck_assert_uint_eq(send->param_flags[1], PARAM_SENDS | PARAM_MOVE);
    ast_callee *spawn = call_named(body, "pool_spawn")->callee;
    ck_assert_uint_eq(spawn->nparams, 3);
    ck_assert_uint_eq(spawn->param_flags[0], PARAM_THREAD_HANDLE);
    ck_assert_uint_eq(spawn->param_flags[1], PARAM_THREAD_FN);
    ck_assert_uint_eq(spawn->param_flags[2], PARAM_THREAD_ARG | PARAM_MOVE);
    ck_assert_int_eq(spawn->param_types[1]->kind, TYPE_POINTER);
    ck_assert_int_eq(spawn->param_types[1]->inner->kind, TYPE_FUNCTION);
    ck_assert_str_eq(spawn->param_types[0]->inner->name, "pthread_t");
    ast_callee *join = call_named(body, "pool_join")->callee;
    ck_assert_uint_eq(join->param_flags[0], PARAM_JOINS);
    ck_assert_int_eq(join->param_types[0]->kind, TYPE_TYPEDEF);
}
END_TEST

/* A function called before its definition links to it; the thread function passed by name
   is an AST_REF with a callee. Every callee appears once in the unit's table. */
START_TEST(callee_def_link_and_thread_fn_ref)
{
    ast_tu *tu = parse_ok("#include <pthread.h>\n"
                          "static void *worker(void *arg);\n"
                          "int start(pthread_t *t) { return pthread_create(t, NULL, worker, NULL); }\n"
                          "int twice(pthread_t *t) { start(t); return start(t); }\n"
                          "static void *worker(void *arg) { return arg; }\n");
    ast_func *start = func(tu, "start"), *worker = func(tu, "worker");
    ast_node *create = call_named(start->body, "pthread_create");
    ck_assert_ptr_nonnull(create->callee);
    ck_assert_ptr_null(create->callee->def);
    ck_assert_uint_eq(create->callee->nparams, 4);
    ast_node *ref = ast_strip_casts(create->kids[3]);
    ck_assert_int_eq(ref->kind, AST_REF);
    ck_assert(ref->flags & AST_F_FUNC_REF);
    ck_assert_ptr_nonnull(ref->callee);
    ck_assert_ptr_eq(ref->callee->def, worker);
    ck_assert_ptr_eq(worker->self, ref->callee);
    ck_assert_ptr_eq(call_named(func(tu, "twice")->body, "start")->callee, start->self);
    ck_assert_ptr_eq(start->self->def, start);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        ck_assert_uint_eq(tu->funcs[i]->index, i);
        ck_assert_ptr_eq(tu->funcs[i]->self->def, tu->funcs[i]);
    }
    /* pthread_create, start, twice, worker: no duplicates for the prototype and definition */
    ck_assert_uint_eq(tu->ncallees, 4);
    callee_named(tu, "worker");
    callee_named(tu, "pthread_create");
}
END_TEST

START_TEST(callee_metadata)
{
    ast_tu *tu = parse_annotated(NULL,
        "#include \"fearless.h\"\n#include <stdio.h>\n#include <stdlib.h>\n"
        "struct stats { long hits; };\n"
        "void stats_bump(struct stats *s) FL_REQUIRES(s->mu);\n"
        "int old_style();\n"
        "int f(struct stats *s) { printf(\"%d\", 1); stats_bump(s); if (!s) exit(1); return old_style(); }\n");
    ast_node *body = func(tu, "f")->body;
    ast_callee *pf = call_named(body, "printf")->callee;
    ck_assert(pf->variadic);
    ck_assert_uint_eq(pf->nparams, 1);
    ck_assert_int_eq(pf->result->kind, TYPE_SCALAR);
    ck_assert_str_eq(pf->result->name, "int");
    ck_assert(call_named(body, "exit")->callee->noreturn);
    ck_assert(!pf->noreturn);
    ast_callee *bump = call_named(body, "stats_bump")->callee;
    ck_assert_uint_eq(bump->annots.n, 1);
    ck_assert_str_eq(bump->annots.texts[0], "requires:s->mu");
    ck_assert_str_eq(span_text(bump->span), "stats_bump");
    ck_assert_uint_eq(call_named(body, "old_style")->callee->nparams, 0);
    ck_assert_uint_eq(func(tu, "f")->self->nparams, 1);
    ck_assert_ptr_eq(func(tu, "f")->self->param_types[0], func(tu, "f")->params[0]->type);
}
END_TEST

START_TEST(type_typedef_layers)
{
    ast_tu *tu = parse_ok("#include <pthread.h>\ntypedef pthread_mutex_t lock_t;\n"
                          "void f(void) { pthread_mutex_t m; lock_t l; const lock_t cl; (void)m; (void)l; (void)cl; }\n");
    ast_func *fn = func(tu, "f");
    ast_type *m = var(fn, "m")->type;
    ck_assert_int_eq(m->kind, TYPE_TYPEDEF);
    ck_assert_str_eq(m->name, "pthread_mutex_t");
    ck_assert(fl_span_valid(m->span));
    ck_assert_ptr_nonnull(m->inner);
    ck_assert_int_eq(m->inner->kind, TYPE_RECORD); /* glibc: a typedef of an unnamed union */
    ck_assert(m->inner->flags & TYPE_F_UNION);
    ck_assert_uint_gt(m->inner->nfields, 0);
    ast_type *l = var(fn, "l")->type;
    ck_assert_int_eq(l->kind, TYPE_TYPEDEF);
    ck_assert_str_eq(l->name, "lock_t");
    ck_assert_ptr_eq(l->inner, m);
    ast_type *cl = var(fn, "cl")->type;
    ck_assert_int_eq(cl->kind, TYPE_TYPEDEF);
    ck_assert_str_eq(cl->name, "const lock_t");
    ck_assert(cl->flags & TYPE_F_CONST);
    ck_assert(!(l->flags & TYPE_F_CONST));
    ck_assert_ptr_eq(cl->inner, m);
}
END_TEST

START_TEST(type_self_referential_union_incomplete)
{
    ast_tu *tu = parse_ok("struct node { struct node *next; const struct node *prev; int v; };\n"
                          "union word { int i; float f; };\nstruct opaque;\n"
                          "void f(struct node *n, union word w, struct opaque *o) { (void)n; (void)w; (void)o; }\n");
    ast_func *fn = func(tu, "f");
    ast_type *np = var(fn, "n")->type;
    ck_assert_int_eq(np->kind, TYPE_POINTER);
    ast_type *node = np->inner;
    ck_assert_int_eq(node->kind, TYPE_RECORD);
    ck_assert_str_eq(node->name, "struct node");
    ck_assert_str_eq(span_text(node->span), "node");
    ck_assert_uint_eq(node->nfields, 3);
    ck_assert_ptr_eq(field_named(node, "next")->type, np);
    ck_assert_str_eq(span_text(field_named(node, "next")->span), "next");
    /* const struct node: its own type, complete, same fields */
    ast_type *cnode = field_named(node, "prev")->type->inner;
    ck_assert_ptr_ne(cnode, node);
    ck_assert(cnode->flags & TYPE_F_CONST);
    ck_assert_str_eq(cnode->name, "const struct node");
    ck_assert_ptr_eq(cnode->fields, node->fields);
    ck_assert_uint_eq(cnode->nfields, 3);
    ck_assert(!(node->flags & (TYPE_F_UNION | TYPE_F_INCOMPLETE)));
    ast_type *w = var(fn, "w")->type;
    ck_assert_int_eq(w->kind, TYPE_RECORD);
    ck_assert(w->flags & TYPE_F_UNION);
    ck_assert_uint_eq(w->nfields, 2);
    ast_type *o = var(fn, "o")->type->inner;
    ck_assert_int_eq(o->kind, TYPE_RECORD);
    ck_assert(o->flags & TYPE_F_INCOMPLETE);
    ck_assert_uint_eq(o->nfields, 0);
    ck_assert_ptr_null(o->fields);
}
END_TEST

/* FL_SEND / FL_SYNC / FL_NOT_SEND / FL_NOT_SYNC after the keyword, after the brace, and on a
   typedef (which annotates the typedef only); annot_span is the macro where it is written. */
/* ---- functions stored by global initializers ---- */

/* The slot "record.field" (or "=var" for the variable itself) function `fn` is stored in by the
   n-th initializer entry naming it, or NULL. */
static const char *init_slot(ast_tu *tu, const char *fn, int nth)
{
    static char buf[128];
    for (uint32_t i = 0; i < tu->nfn_inits; i++) {
        const ast_fn_init *in = &tu->fn_inits[i];
        if (strcmp(in->fn->name, fn) != 0 || nth-- > 0)
            continue;
        if (in->record)
            snprintf(buf, sizeof buf, "%s.%s@%s", in->record->name, in->field, in->global->name);
        else
            snprintf(buf, sizeof buf, "=%s", in->global->name);
        return buf;
    }
    return NULL;
}

START_TEST(global_initializers_store_functions)
{
    ast_tu *tu = parse_ok("typedef void (*fp)(int);\n"
                          "struct inner { fp a; };\n"
                          "struct ops { const char *name; fp run; struct inner in; fp many[2]; fp last; };\n"
                          "void f(int x); void g(int x); void h(int x);\n"
                          "static struct ops o1 = { \"x\", f, { g } };\n"
                          "static const struct ops o2 = { .run = g, .in.a = f, .many = { f, [1] = h } };\n"
                          "static const struct ops o3 = { .name = \"y\", h, .many = { g }, f };\n"
                          "static fp tbl[] = { f, &g, (fp)0 };\n"
                          "static struct ops arr[] = { { \"a\", h }, [1] = { .last = (fp)g } };\n"
                          "fp single = 1 ? f : g;\n"
                          "int plain = 3;\n"
                          "void use(void) { o1.run(1); }\n");
    /* positional: name, run, in.a */
    ck_assert_str_eq(init_slot(tu, "f", 0), "struct ops.run@o1");
    ck_assert_str_eq(init_slot(tu, "g", 0), "struct inner.a@o1");
    /* designated, nested designators, arrays in a field */
    ck_assert_str_eq(init_slot(tu, "g", 1), "struct ops.run@o2");
    ck_assert_str_eq(init_slot(tu, "f", 1), "struct inner.a@o2");
    ck_assert_str_eq(init_slot(tu, "f", 2), "struct ops.many@o2");
    ck_assert_str_eq(init_slot(tu, "h", 0), "struct ops.many@o2");
    /* positions go on after a designator */
    ck_assert_str_eq(init_slot(tu, "h", 1), "struct ops.run@o3");
    ck_assert_str_eq(init_slot(tu, "g", 2), "struct ops.many@o3");
    ck_assert_str_eq(init_slot(tu, "f", 3), "struct ops.last@o3");
    /* arrays of pointers: the variable itself */
    ck_assert_str_eq(init_slot(tu, "f", 4), "=tbl");
    ck_assert_str_eq(init_slot(tu, "g", 3), "=tbl");
    /* arrays of structs, casts */
    ck_assert_str_eq(init_slot(tu, "h", 2), "struct ops.run@arr");
    ck_assert_str_eq(init_slot(tu, "g", 4), "struct ops.last@arr");
    /* both arms of a conditional */
    ck_assert_str_eq(init_slot(tu, "f", 5), "=single");
    ck_assert_str_eq(init_slot(tu, "g", 5), "=single");
    ck_assert_uint_eq(tu->nfn_inits, 15);
}
END_TEST

START_TEST(type_send_sync_annotations)
{
    ast_tu *tu = parse_annotated(NULL,
        "#include \"fearless.h\"\n"
        "struct FL_SYNC stats { long hits; };\n"
        "struct counter { long n; } FL_SEND;\n"
        "struct conn { int fd; };\n"
        "typedef struct conn conn_t FL_NOT_SEND;\n"
        "struct FL_NOT_SYNC parser { char *cursor; };\n"
        "void f(struct stats *s, struct counter *c, conn_t *t, struct parser *p) {\n"
        "  (void)s; (void)c; (void)t; (void)p; }\n");
    ast_func *fn = func(tu, "f");
    ast_type *stats = var(fn, "s")->type->inner;
    ck_assert_uint_eq(stats->flags, TYPE_F_SYNC);
    ck_assert_str_eq(span_text(stats->annot_span), "FL_SYNC");
    ck_assert_uint_eq(stats->annots.n, 1);
    ck_assert_str_eq(stats->annots.texts[0], "sync");
    ast_type *counter = var(fn, "c")->type->inner;
    ck_assert_uint_eq(counter->flags, TYPE_F_SEND);
    ck_assert_str_eq(span_text(counter->annot_span), "FL_SEND");
    ast_type *conn_t = var(fn, "t")->type->inner;
    ck_assert_int_eq(conn_t->kind, TYPE_TYPEDEF);
    ck_assert_uint_eq(conn_t->flags, TYPE_F_NOT_SEND);
    ck_assert_str_eq(span_text(conn_t->annot_span), "FL_NOT_SEND");
    ck_assert_str_eq(span_text(conn_t->span), "conn_t");
    ck_assert_int_eq(conn_t->inner->kind, TYPE_RECORD);
    ck_assert_uint_eq(conn_t->inner->flags, 0); /* struct conn itself is not annotated */
    ck_assert(!fl_span_valid(conn_t->inner->annot_span));
    ast_type *parser = var(fn, "p")->type->inner;
    ck_assert_uint_eq(parser->flags, TYPE_F_NOT_SYNC);
    ck_assert_str_eq(span_text(parser->annot_span), "FL_NOT_SYNC");
}
END_TEST

/* An annotation on a forward declaration in a header reaches the definition in the .c (and
   the reverse: on the definition, seen through a forward-declared pointer). */
START_TEST(type_annotation_on_forward_declaration)
{
    ast_tu *tu = parse_annotated(
        "#include \"fearless.h\"\nstruct FL_NOT_SEND conn;\nstruct cache;\nstruct FL_SYNC handle;\n",
        "#include HDR\n"
        "void f(struct conn *c, struct cache *k, struct handle *h) { (void)c; (void)k; (void)h; }\n"
        "struct conn { int fd; };\n"
        "struct FL_NOT_SYNC cache { int n; };\n");
    ast_func *fn = func(tu, "f");
    ast_type *conn = var(fn, "c")->type->inner;
    ck_assert_uint_eq(conn->flags, TYPE_F_NOT_SEND);
    ck_assert_uint_eq(conn->nfields, 1);
    ck_assert(fl_span_valid(conn->annot_span));
    ck_assert_uint_ne(conn->annot_span.file, tu->main_file); /* written in the header */
    ast_type *cache = var(fn, "k")->type->inner;
    ck_assert_uint_eq(cache->flags, TYPE_F_NOT_SYNC);
    ck_assert_str_eq(span_text(cache->annot_span), "FL_NOT_SYNC");
    ck_assert_str_eq(span_text(cache->span), "cache"); /* the definition's name */
    ast_type *handle = var(fn, "h")->type->inner;
    ck_assert_uint_eq(handle->flags, TYPE_F_SYNC | TYPE_F_INCOMPLETE);
}
END_TEST

START_TEST(type_field_and_var_annotations)
{
    ast_tu *tu = parse_annotated(NULL,
        "#include \"fearless.h\"\n#include <pthread.h>\n"
        "struct stats { pthread_mutex_t mu; long hits FL_GUARDED_BY(mu); int *buf FL_PT_GUARDED_BY(mu); };\n"
        "pthread_mutex_t glock;\nlong gcount FL_GUARDED_BY(glock);\n"
        "void f(FL_MOVE struct stats *s) { gcount++; (void)s; }\n");
    ast_func *fn = func(tu, "f");
    ast_type *st = var(fn, "s")->type->inner;
    ck_assert_uint_eq(st->nfields, 3);
    ck_assert_uint_eq(field_named(st, "mu")->annots.n, 0);
    ck_assert_str_eq(field_named(st, "mu")->type->name, "pthread_mutex_t");
    const ast_field *hits = field_named(st, "hits");
    ck_assert_uint_eq(hits->annots.n, 1);
    ck_assert_str_eq(hits->annots.texts[0], "guarded_by:mu");
    ck_assert(has_annot(field_named(st, "buf")->annots, "pt_guarded_by:mu"));
    ck_assert_uint_eq(tu->nglobals, 1);
    ck_assert_str_eq(tu->globals[0]->name, "gcount");
    ck_assert(has_annot(tu->globals[0]->annots, "guarded_by:glock"));
    ck_assert_str_eq(tu->globals[0]->type->name, "long");
    ck_assert_uint_eq(fn->params[0]->param_flags, PARAM_MOVE);
    ck_assert(has_annot(fn->params[0]->annots, "move"));
    ck_assert_uint_eq(fn->self->param_flags[0], PARAM_MOVE);
}
END_TEST

/* ---- clang's thread-safety attributes, read from their source text ---- */

/* Written directly: __attribute__((guarded_by(mu))) on fields and globals, the legacy and the
   capability spellings on functions, __x__ forms; blank runs collapse, argument lists join. */
START_TEST(clang_ts_direct_attributes)
{
    ast_tu *tu = parse_annotated(NULL,
        "#include <pthread.h>\n"
        "struct acct { pthread_mutex_t lock; long balance __attribute__((guarded_by(lock)));\n"
        "  int *hist __attribute__((__pt_guarded_by__(lock))); };\n"
        "pthread_mutex_t g_mu;\nint g_n __attribute__((guarded_by(g_mu)));\n"
        "void add(struct acct *acct, long n) __attribute__((exclusive_locks_required(acct ->  lock)));\n"
        "void both(struct acct *a, struct acct *b) __attribute__((requires_capability(a->lock,b->lock)));\n"
        "void rd(struct acct *a) __attribute__((requires_shared_capability(a->lock)));\n"
        "void lk(struct acct *a) __attribute__((acquire_capability(a->lock)));\n"
        "void ul(struct acct *a) __attribute__((unlock_function(a->lock)));\n"
        "void ex(void) __attribute__((locks_excluded(g_mu)));\n"
        "int tl(struct acct *a) __attribute__((exclusive_trylock_function(0, a->lock)));\n"
        "void f(struct acct *a) { add(a, 1); both(a, a); rd(a); lk(a); ul(a); ex(); tl(a); g_n++; }\n");
    ast_type *st = var(func(tu, "f"), "a")->type->inner;
    ck_assert(has_annot(field_named(st, "balance")->annots, "guarded_by:lock"));
    ck_assert_uint_eq(field_named(st, "balance")->annots.n, 1);
    ck_assert(has_annot(field_named(st, "hist")->annots, "pt_guarded_by:lock"));
    ck_assert_uint_eq(field_named(st, "lock")->annots.n, 0);
    ck_assert(has_annot(tu->globals[0]->annots, "guarded_by:g_mu"));
    ck_assert(has_annot(callee_named(tu, "add")->annots, "requires:acct -> lock"));
    ck_assert(has_annot(callee_named(tu, "both")->annots, "requires:a->lock, b->lock"));
    ck_assert(has_annot(callee_named(tu, "rd")->annots, "requires_shared:a->lock"));
    ck_assert(has_annot(callee_named(tu, "lk")->annots, "acquire:a->lock"));
    ck_assert(has_annot(callee_named(tu, "ul")->annots, "release:a->lock"));
    ck_assert(has_annot(callee_named(tu, "ex")->annots, "excludes:g_mu"));
    ck_assert(has_annot(callee_named(tu, "tl")->annots, "try_acquire:0, a->lock"));
    /* param_names: from the prototype */
    ast_callee *add = callee_named(tu, "add");
    ck_assert_uint_eq(add->nparams, 2);
    ck_assert_str_eq(add->param_names[0], "acct");
    ck_assert_str_eq(add->param_names[1], "n");
}
END_TEST

/* Through OVS-style macros whose body is the attribute (variadic and with a RETVAL parameter,
   continued over a backslash-newline): the arguments come from the macro's invocation. */
START_TEST(clang_ts_ovs_macros)
{
    ast_tu *tu = parse_annotated(
        "#define OVS_GUARDED_BY(...) __attribute__((guarded_by(__VA_ARGS__)))\n"
        "#define OVS_REQUIRES(...) \\\n    __attribute__((exclusive_locks_required(__VA_ARGS__)))\n"
        "#define OVS_ACQUIRES(...) __attribute__((exclusive_lock_function(__VA_ARGS__)))\n"
        "#define OVS_RELEASES(...) __attribute__((unlock_function(__VA_ARGS__)))\n"
        "#define OVS_EXCLUDED(...) __attribute__((locks_excluded(__VA_ARGS__)))\n"
        "#define OVS_TRY_LOCK(RETVAL, ...) \\\n    __attribute__((exclusive_trylock_function(RETVAL, __VA_ARGS__)))\n"
        "#define OVS_REQ_RDLOCK(...) __attribute__((shared_locks_required(__VA_ARGS__)))\n"
        "#define OVS_LOCKABLE __attribute__((lockable))\n"
        "struct OVS_LOCKABLE ovs_mutex { int x; };\n"
        "void ovs_mutex_lock_at(const struct ovs_mutex *mutex, const char *where) OVS_ACQUIRES(mutex);\n"
        "void ovs_mutex_unlock(const struct ovs_mutex *mutex) OVS_RELEASES(mutex);\n"
        "int ovs_mutex_trylock_at(const struct ovs_mutex *mutex, const char *where)\n    OVS_TRY_LOCK(0, mutex);\n",
        "#include HDR\n"
        "extern struct ovs_mutex big_mutex;\n"
        "struct dp { struct ovs_mutex mutex; int n OVS_GUARDED_BY(mutex); int g OVS_GUARDED_BY(big_mutex); };\n"
        "void dp_run(struct dp *dp) OVS_REQUIRES(dp->mutex, big_mutex);\n"
        "void dp_read(struct dp *dp) OVS_REQ_RDLOCK(dp->mutex);\n"
        "void dp_wait(struct dp *dp) OVS_EXCLUDED(dp->mutex);\n"
        "void f(struct dp *dp) { ovs_mutex_lock_at(&dp->mutex, \"x\"); dp_run(dp); dp_read(dp);\n"
        "  ovs_mutex_unlock(&dp->mutex); dp_wait(dp); (void)ovs_mutex_trylock_at(&dp->mutex, \"y\"); }\n");
    ast_type *st = var(func(tu, "f"), "dp")->type->inner;
    ck_assert(has_annot(field_named(st, "n")->annots, "guarded_by:mutex"));
    ck_assert(has_annot(field_named(st, "g")->annots, "guarded_by:big_mutex"));
    ck_assert(has_annot(callee_named(tu, "dp_run")->annots, "requires:dp->mutex, big_mutex"));
    ck_assert(has_annot(callee_named(tu, "dp_read")->annots, "requires_shared:dp->mutex"));
    ck_assert(has_annot(callee_named(tu, "dp_wait")->annots, "excludes:dp->mutex"));
    ck_assert(has_annot(callee_named(tu, "ovs_mutex_lock_at")->annots, "acquire:mutex"));
    ck_assert_uint_eq(callee_named(tu, "ovs_mutex_lock_at")->annots.n, 1);
    ck_assert(has_annot(callee_named(tu, "ovs_mutex_unlock")->annots, "release:mutex"));
    ck_assert(has_annot(callee_named(tu, "ovs_mutex_trylock_at")->annots, "try_acquire:0, mutex"));
    ck_assert_str_eq(callee_named(tu, "ovs_mutex_lock_at")->param_names[1], "where");
    /* lockable on the struct is not a thread-safety text we keep */
    ck_assert_uint_eq(st->fields[0].type->annots.n, 0);
}
END_TEST

/* Abseil style: the attribute is an argument of a wrapper macro inside GUARDED_BY's body; the
   value still comes from GUARDED_BY's invocation. Mixed with fearless.h's own annotations. */
START_TEST(clang_ts_nested_macros_and_fearless)
{
    ast_tu *tu = parse_annotated(
        "#define TA__(x) __attribute__((x))\n"
        "#define GUARDED(x) TA__(guarded_by(x))\n"
        "#define NEEDS(...) TA__(requires_capability(__VA_ARGS__))\n",
        "#include HDR\n#include \"fearless.h\"\n#include <pthread.h>\n"
        "struct s { pthread_mutex_t mu; long a GUARDED(mu); long b FL_GUARDED_BY(mu); };\n"
        "void step(struct s *p) NEEDS(p->mu) FL_EXCLUDES(p->mu);\n"
        "void f(struct s *p) { step(p); }\n");
    ast_type *st = var(func(tu, "f"), "p")->type->inner;
    ck_assert(has_annot(field_named(st, "a")->annots, "guarded_by:mu"));
    ck_assert(has_annot(field_named(st, "b")->annots, "guarded_by:mu"));
    ast_callee *c = callee_named(tu, "step");
    ck_assert_uint_eq(c->annots.n, 2);
    ck_assert(has_annot(c->annots, "requires:p->mu"));
    ck_assert(has_annot(c->annots, "excludes:p->mu"));
}
END_TEST

/* A macro that fixes the lock itself (object-like, argument written in its body) gives that
   lock; one that forwards through another macro's parameters gives nothing rather than a guess;
   attributes that are not about locks, and argument-less ones, give nothing. */
START_TEST(clang_ts_object_macros_and_others)
{
    ast_tu *tu = parse_annotated(
        "#define REQ(...) __attribute__((exclusive_locks_required(__VA_ARGS__)))\n"
        "#define NEEDS_G __attribute__((exclusive_locks_required(g_mu)))\n"
        "#define NEEDS_G2 REQ(g_mu)\n",
        "#include HDR\n#include <pthread.h>\n"
        "pthread_mutex_t g_mu;\n"
        "void a(void) NEEDS_G;\n"
        "void b(void) NEEDS_G2;\n"
        "void c(int x) __attribute__((unused)) __attribute__((nonnull)) __attribute__((no_thread_safety_analysis));\n"
        "void d(int *p) __attribute__((requires_capability(g_mu))) __attribute__((warn_unused_result));\n"
        "void f(void) { pthread_mutex_lock(&g_mu); a(); b(); c(1); d(0); pthread_mutex_unlock(&g_mu); }\n");
    ck_assert(has_annot(callee_named(tu, "a")->annots, "requires:g_mu"));
    ck_assert_uint_eq(callee_named(tu, "b")->annots.n, 0);
    ck_assert_uint_eq(callee_named(tu, "c")->annots.n, 1);
    ck_assert_str_eq(callee_named(tu, "c")->annots.texts[0], "no_thread_safety_analysis");
    ck_assert_uint_eq(callee_named(tu, "d")->annots.n, 1);
    ck_assert(has_annot(callee_named(tu, "d")->annots, "requires:g_mu"));
    ck_assert_str_eq(callee_named(tu, "d")->param_names[0], "p");
}
END_TEST

START_TEST(type_atomics_and_arrays)
{
    ast_tu *tu = parse_ok("#include <stdatomic.h>\nstruct job { int id; };\n"
                          "void f(void) { _Atomic int a; atomic_int b; _Atomic(struct job *) c;\n"
                          "  struct job jobs[3]; struct job more[3]; struct job few[2]; int grid[2][4];\n"
                          "  (void)a; (void)b; (void)c; (void)jobs; (void)more; (void)few; (void)grid; }\n");
    ast_func *fn = func(tu, "f");
    ast_type *a = var(fn, "a")->type;
    ck_assert_int_eq(a->kind, TYPE_ATOMIC);
    ck_assert_int_eq(a->inner->kind, TYPE_SCALAR);
    ck_assert_str_eq(a->inner->name, "int");
    ast_type *b = var(fn, "b")->type;
    ck_assert_int_eq(b->kind, TYPE_TYPEDEF);
    ck_assert_str_eq(b->name, "atomic_int");
    ck_assert_ptr_eq(b->inner, a);
    ast_type *c = var(fn, "c")->type;
    ck_assert_int_eq(c->kind, TYPE_ATOMIC);
    ck_assert_int_eq(c->inner->kind, TYPE_POINTER);
    ast_type *jobs = var(fn, "jobs")->type;
    ck_assert_int_eq(jobs->kind, TYPE_ARRAY);
    ck_assert_int_eq(jobs->inner->kind, TYPE_RECORD);
    ck_assert_str_eq(jobs->inner->name, "struct job");
    ck_assert_ptr_eq(c->inner->inner, jobs->inner);
    ck_assert_ptr_eq(var(fn, "more")->type, jobs);
    ck_assert_ptr_ne(var(fn, "few")->type, jobs);
    ck_assert_ptr_eq(var(fn, "few")->type->inner, jobs->inner);
    ast_type *grid = var(fn, "grid")->type;
    ck_assert_int_eq(grid->kind, TYPE_ARRAY);
    ck_assert_int_eq(grid->inner->kind, TYPE_ARRAY);
    ck_assert_ptr_eq(grid->inner->inner, a->inner);
}
END_TEST

/* One ast_type per distinct type: pointer equality is type identity. */
START_TEST(type_pointer_identity)
{
    ast_tu *tu = parse_ok("typedef struct job job_t;\nstruct job { int id; };\n"
                          "struct job *g;\n"
                          "void f(struct job *p) { struct job *q = p; job_t *r = p; const struct job *s = p;\n"
                          "  struct job *const t = p; int *ip = 0; (void)q; (void)r; (void)s; (void)t; (void)ip; g = p; }\n"
                          "struct job *h(void) { struct job *u = 0; return (struct job *)(struct job){0}.id + (long)u; }\n");
    ast_func *fn = func(tu, "f");
    ast_type *p = var(fn, "p")->type;
    ck_assert_str_eq(p->name, "struct job *");
    ck_assert_ptr_eq(var(fn, "q")->type, p);
    ck_assert_ptr_eq(tu->globals[0]->type, p);
    ck_assert_ptr_eq(var(func(tu, "h"), "u")->type, p);
    ck_assert_ptr_eq(func(tu, "h")->self->result, p);
    ast_type *r = var(fn, "r")->type;
    ck_assert_ptr_ne(r, p);
    ck_assert_str_eq(r->name, "job_t *");
    ck_assert_int_eq(r->inner->kind, TYPE_TYPEDEF);
    ck_assert_ptr_eq(r->inner->inner, p->inner);
    ast_type *s = var(fn, "s")->type;
    ck_assert_ptr_ne(s, p);
    ck_assert(s->inner->flags & TYPE_F_CONST);
    ast_type *t = var(fn, "t")->type;
    ck_assert_ptr_ne(t, p);
    ck_assert_uint_eq(t->flags, TYPE_F_CONST);
    ck_assert_ptr_eq(t->inner, p->inner);
    ck_assert_ptr_ne(var(fn, "ip")->type, p);
    /* the compound literal's object has its record type */
    ast_node *lit = find(func(tu, "h")->body, AST_COMPOUND_LIT);
    ck_assert_ptr_eq(lit->var->type, p->inner);
}
END_TEST

/* A parameter written as an array or a function is a pointer: its type, its TY_* flags, and
   its callee's parameter type say so (libclang reports the type as written). */
START_TEST(type_param_decay)
{
    ast_tu *tu = parse_ok("struct job { int id; };\ntypedef int vec[4];\n"
                          "int f(struct job js[4], int grid[2][4], void cb(int), vec v) {\n"
                          "  struct job *p = js; (void)grid; (void)cb; return p->id + v[0]; }\n");
    ast_func *fn = func(tu, "f");
    ast_var *js = var(fn, "js");
    ck_assert_int_eq(js->type->kind, TYPE_POINTER);
    ck_assert_str_eq(js->type->name, "struct job *");
    ck_assert_ptr_eq(js->type, var(fn, "p")->type);
    ck_assert_int_eq(js->ty, TY_POINTER);
    ck_assert(!(js->flags & AST_VAR_ADDRESS_TAKEN));
    ast_var *grid = var(fn, "grid");
    ck_assert_str_eq(grid->type->name, "int (*)[4]");
    ck_assert_int_eq(grid->type->inner->kind, TYPE_ARRAY);
    ast_var *cb = var(fn, "cb");
    ck_assert_str_eq(cb->type->name, "void (*)(int)");
    ck_assert_int_eq(cb->type->inner->kind, TYPE_FUNCTION);
    ck_assert_str_eq(var(fn, "v")->type->name, "int *");
    for (uint32_t i = 0; i < fn->nparams; i++)
        ck_assert_ptr_eq(fn->self->param_types[i], fn->params[i]->type);
}
END_TEST

/* Unnamed records: fields of anonymous members are there; names drop clang's "at <path>". */
START_TEST(type_unnamed_records)
{
    ast_tu *tu = parse_ok("struct node { struct { int a; union { int b; float c; }; } inner; };\n"
                          "void f(struct node *n) { struct { int q; } loc; (void)n; (void)loc; }\n");
    ast_func *fn = func(tu, "f");
    ast_type *inner = field_named(var(fn, "n")->type->inner, "inner")->type;
    ck_assert_int_eq(inner->kind, TYPE_RECORD);
    ck_assert_uint_eq(inner->nfields, 2);
    ck_assert_ptr_null(strstr(inner->name, " at "));
    ast_type *anon_union = inner->fields[1].type;
    ck_assert_str_eq(inner->fields[1].name, "");
    ck_assert(anon_union->flags & TYPE_F_UNION);
    ck_assert_uint_eq(anon_union->nfields, 2);
    ast_type *loc = var(fn, "loc")->type;
    ck_assert_str_eq(loc->name, "struct (unnamed)");
    ck_assert(fl_span_valid(loc->span));
    ck_assert_str_eq(field_named(loc, "q")->type->name, "int");
}
END_TEST

START_TEST(dump_shows_types_and_flags)
{
    ast_tu *tu = parse_annotated(NULL,
        "#include \"fearless.h\"\nstruct job { int id; };\n"
        "void *f(struct job *j, FL_MOVE void *x) { struct job *k = fl_move(j); (void)x; return k; }\n");
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ast_dump_func(func(tu, "f"), out);
    fclose(out);
    ck_assert_msg(strncmp(buf, "func f j:param:struct job * x:param:void * [move] @move\n",
                          strlen("func f j:param:struct job * x:param:void * [move] @move\n")) == 0,
                  "got:\n%s", buf);
    ck_assert_msg(strstr(buf, "      var k:local:struct job *\n        call fl_move [move]\n") != NULL,
                  "got:\n%s", buf);
    free(buf);
}
END_TEST

/* ---- errors ---- */

START_TEST(syntax_error_reported)
{
    ast_tu *tu = parse_src("int f(void) {\n  return 1 +;\n}\n");
    ck_assert_ptr_null(tu);
    ck_assert_ptr_null(g_u);
    diag_sink_finish(g_sink);
    ck_assert_uint_ge(diag_sink_count(g_sink), 1);
    const diag *d = diag_sink_get(g_sink, 0);
    ck_assert_int_eq(d->level, LVL_ERROR);
    ck_assert(d->from_clang);
    ck_assert_ptr_null(d->code);
    ck_assert_ptr_null(d->check);
    ck_assert_str_eq(d->message, "expected expression");
    const diag_label *l = diag_primary_label(d);
    ck_assert_ptr_nonnull(l);
    ck_assert(fl_span_valid(l->span));
    ck_assert_str_eq(fl_srcmap_path(g_sm, l->span.file), g_path);
    uint32_t line, col;
    ck_assert(fl_srcmap_line_col(g_sm, l->span.file, l->span.begin, &line, &col));
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 13);
    ck_assert(diag_sink_has_input_errors(g_sink));
}
END_TEST

START_TEST(error_with_note)
{
    ast_tu *tu = parse_src("int f(void) { return 1; }\nint f(void) { return 2; }\n");
    ck_assert_ptr_null(tu);
    diag_sink_finish(g_sink);
    ck_assert_uint_eq(diag_sink_count(g_sink), 1);
    const diag *d = diag_sink_get(g_sink, 0);
    ck_assert(d->from_clang);
    ck_assert_str_eq(d->message, "redefinition of 'f'");
    ck_assert_uint_eq(d->nchildren, 1);
    ck_assert_int_eq(d->children[0].level, LVL_NOTE);
    ck_assert_str_eq(d->children[0].message, "previous definition is here");
    ck_assert(fl_span_valid(d->children[0].span));
    ck_assert_str_eq(span_text(diag_primary_label(d)->span), "f");
    ck_assert_uint_eq(d->children[0].span.begin, 4);
}
END_TEST

START_TEST(missing_include_is_error_and_warnings_ignored)
{
    ast_tu *tu = parse_src("#include \"no_such_header_fl.h\"\nint f(void) { return 0; }\n");
    ck_assert_ptr_null(tu);
    diag_sink_finish(g_sink);
    ck_assert_uint_eq(diag_sink_count(g_sink), 1);
    ck_assert(strstr(diag_sink_get(g_sink, 0)->message, "not found") != NULL);
    teardown();
    setup();
    tu = parse_src("int f(int a) { int unused; if (a = 1) return 1; return 0; }\n");
    ck_assert_ptr_nonnull(tu);
    diag_sink_finish(g_sink);
    ck_assert_uint_eq(diag_sink_count(g_sink), 0);
}
END_TEST

START_TEST(error_at_end_of_file)
{
    const char *src = "int f(void) {\n  return 1;\n";
    ck_assert_ptr_null(parse_src(src));
    diag_sink_finish(g_sink);
    ck_assert_uint_ge(diag_sink_count(g_sink), 1);
    const diag *d = diag_sink_get(g_sink, 0);
    ck_assert(d->from_clang);
    ck_assert(strstr(d->message, "expected '}'") != NULL);
    const diag_label *l = diag_primary_label(d);
    ck_assert_ptr_nonnull(l);
    ck_assert_uint_le(l->span.begin, l->span.end);
    ck_assert_uint_le(l->span.end, strlen(src));
    ck_assert_int_ge(d->nchildren, 1); /* "to match this '{'" */
}
END_TEST

START_TEST(unreadable_file_is_input_error)
{
    char *argv[] = {"clang", "-xc", "/nonexistent/fl_no_such_file.c", NULL};
    fe_job job = {.file = "/nonexistent/fl_no_such_file.c", .directory = "/tmp", .argv = argv, .argc = 3};
    g_u = fe_parse(g_ix, &job, g_sm, g_sink);
    ck_assert_ptr_null(g_u);
    diag_sink_finish(g_sink);
    ck_assert_uint_ge(diag_sink_count(g_sink), 1);
    const diag *d = diag_sink_get(g_sink, 0);
    ck_assert_int_eq(d->level, LVL_ERROR);
    ck_assert_ptr_null(d->check);
    ck_assert(diag_sink_has_input_errors(g_sink));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("test_frontend");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, if_else_and_if);
    tcase_add_test(tc, while_and_do);
    tcase_add_loop_test(tc, for_combinations, 0, 8);
    tcase_add_test(tc, for_declaration_scope);
    tcase_add_test(tc, for_in_macro);
    tcase_add_test(tc, switch_case_default);
    tcase_add_test(tc, labels_goto_jumps);
    tcase_add_test(tc, return_value_and_asm);
    tcase_add_test(tc, implicit_casts_removed);
    tcase_add_test(tc, refs_share_var);
    tcase_add_test(tc, storage_classes);
    tcase_add_test(tc, compound_literal_scopes);
    tcase_add_test(tc, call_names_and_noreturn);
    tcase_add_test(tc, members_and_index);
    tcase_add_test(tc, unary_operators);
    tcase_add_test(tc, binary_operators);
    tcase_add_test(tc, conditionals);
    tcase_add_test(tc, literal_spelling);
    tcase_add_test(tc, sizeof_and_arrays);
    tcase_add_test(tc, statement_expr_and_init_list);
    tcase_add_test(tc, designated_init_list_in_field_order);
    tcase_add_test(tc, types_of_vars);
    tcase_add_test(tc, function_metadata);
    tcase_add_test(tc, spans_and_loc);
    tcase_add_test(tc, builtin_headers_parse);
    tcase_add_test(tc, dump_is_stable);
    tcase_add_test(tc, dump_for_null_kids);
    tcase_add_test(tc, callee_move_from_header_prototype);
    tcase_add_test(tc, callee_move_from_later_definition);
    tcase_add_test(tc, callee_fl_move_real_header);
    tcase_add_test(tc, callee_sends_and_wrappers);
    tcase_add_test(tc, callee_def_link_and_thread_fn_ref);
    tcase_add_test(tc, callee_metadata);
    tcase_add_test(tc, type_typedef_layers);
    tcase_add_test(tc, type_self_referential_union_incomplete);
    tcase_add_test(tc, type_send_sync_annotations);
    tcase_add_test(tc, global_initializers_store_functions);
    tcase_add_test(tc, type_annotation_on_forward_declaration);
    tcase_add_test(tc, type_field_and_var_annotations);
    tcase_add_test(tc, type_atomics_and_arrays);
    tcase_add_test(tc, type_pointer_identity);
    tcase_add_test(tc, type_param_decay);
    tcase_add_test(tc, type_unnamed_records);
    tcase_add_test(tc, dump_shows_types_and_flags);
    tcase_add_test(tc, syntax_error_reported);
    tcase_add_test(tc, error_with_note);
    tcase_add_test(tc, missing_include_is_error_and_warnings_ignored);
    tcase_add_test(tc, error_at_end_of_file);
    tcase_add_test(tc, unreadable_file_is_input_error);
    tcase_add_test(tc, clang_ts_direct_attributes);
    tcase_add_test(tc, clang_ts_ovs_macros);
    tcase_add_test(tc, clang_ts_nested_macros_and_fearless);
    tcase_add_test(tc, clang_ts_object_macros_and_others);
    suite_add_tcase(s, tc);
    TCase *td = tcase_create("deep");
    tcase_add_checked_fixture(td, setup, teardown);
    tcase_set_timeout(td, 30);
    tcase_add_test(td, deep_code_converts_on_a_small_stack);
    suite_add_tcase(s, td);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
