/* test_frontend.c - libclang parsing and conversion to the ast, on real C snippets. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/srcmap.h"
#include "diag/diag.h"
#include "diag/sink.h"
#include "frontend/ast.h"
#include "frontend/cdb.h"
#include "frontend/parse.h"

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
    ck_assert_int_eq(tu->nfuncs, 3);
    ck_assert_str_eq(tu->funcs[0]->name, "helper");
    ck_assert_str_eq(tu->funcs[1]->name, "made");
    ck_assert_str_eq(tu->funcs[2]->name, "main");
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
    const char *head = "func f p:param\n  compound scope: y\n    decl-stmt\n";
    ck_assert_msg(strncmp(buf, head, strlen(head)) == 0,
                  "got:\n%s", buf);
    ck_assert_msg(strstr(buf, "      var y:local\n        member x ->\n          ref p:param\n") != NULL, "got:\n%s", buf);
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
    tcase_add_test(tc, types_of_vars);
    tcase_add_test(tc, function_metadata);
    tcase_add_test(tc, spans_and_loc);
    tcase_add_test(tc, builtin_headers_parse);
    tcase_add_test(tc, dump_is_stable);
    tcase_add_test(tc, dump_for_null_kids);
    tcase_add_test(tc, syntax_error_reported);
    tcase_add_test(tc, error_with_note);
    tcase_add_test(tc, missing_include_is_error_and_warnings_ignored);
    tcase_add_test(tc, error_at_end_of_file);
    tcase_add_test(tc, unreadable_file_is_input_error);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
