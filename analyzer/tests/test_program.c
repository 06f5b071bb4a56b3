/* test_program.c - a program's threads, calls and what runs beside what (facts/program.h), on
 * real C snippets built into facts as the driver does. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "facts/gstable.h"
#include "facts/program.h"
#include "facts/unit.h"

#include "snippet.h"

static fx_unit *g_fx;
static program *g_prog;
static pg_unit g_unit;

static void setup(void)
{
    snippet_setup();
    g_fx = NULL;
    g_prog = NULL;
}

static void teardown(void)
{
    pg_free(g_prog);
    fx_unit_free(g_fx);
    snippet_teardown();
}

#define PRELUDE "#include <pthread.h>\n#include <stdlib.h>\n#include <stdio.h>\n#include \"fearless.h\"\n"

#define SPAWN_WORKER                                                                             \
    "static int spawn_worker(pthread_t *t, void *(*fn)(void *), void *arg)\n"                    \
    "{\n"                                                                                        \
    "    return pthread_create(t, NULL, fn, arg);\n"                                             \
    "}\n"

/* Parse `src` (PRELUDE prepended) and build its facts, as the driver does for one unit. */
static void summarize(const char *src)
{
    snippet_parse("program", PRELUDE, src);
    g_fx = fx_unit_build(g_tu, g_cfgs, g_sm, FX_NEED_LOCKS | FX_NEED_PROGRAM, NULL);
    fx_unit_build_shared(g_fx);
}

/* The program of the one unit, or NULL when it starts no thread. */
static program *link_one(void)
{
    g_unit = (pg_unit){g_tu, g_fx->shared, g_path, NULL, g_fx->traits};
    g_prog = pg_build(&g_unit, 1);
    return g_prog;
}

static uint32_t id_of(const char *name);
/* ---- threads of a program ------------------------------------------------------------------- */

static uint32_t func_index(const char *name)
{
    for (uint32_t i = 0; i < g_tu->nfuncs; i++)
        if (strcmp(g_tu->funcs[i]->name, name) == 0)
            return i;
    ck_abort_msg("no function %s", name);
    return 0;
}

static uint32_t id_of(const char *name)
{
    return pg_id(g_prog, 0, func_index(name));
}

START_TEST(program_threads_entries_and_roots)
{
    summarize(SPAWN_WORKER
              "static int hits;\n"
              "static void bump(void) { hits++; }\n"
              "static void *worker(void *arg) { (void)arg; bump(); return NULL; }\n"
              "static void *once(void *arg) { return arg; }\n"
              "int main(void)\n"
              "{\n"
              "    pthread_t t[4], o;\n"
              "    for (int i = 0; i < 4; i++)\n"
              "        spawn_worker(&t[i], worker, NULL);\n"
              "    pthread_create(&o, NULL, once, NULL);\n"
              "    for (int i = 0; i < 4; i++)\n"
              "        pthread_join(t[i], NULL);\n"
              "    pthread_join(o, NULL);\n"
              "    return hits;\n"
              "}\n");
    program *p = link_one();
    ck_assert_ptr_nonnull(p);
    /* the spawn inside spawn_worker (fn unknown there), the wrapper call, the direct spawn */
    ck_assert_uint_eq(g_fx->shared->nevents, 3);
    ck_assert_uint_eq(p->nentries, 2);
    int32_t w = pg_entry_of(p, id_of("worker"));
    int32_t o = pg_entry_of(p, id_of("once"));
    ck_assert_int_ge(w, 0);
    ck_assert_int_ge(o, 0);
    ck_assert(p->threads[w].multiple);  /* spawned in a loop */
    ck_assert(!p->threads[o].multiple);
    ck_assert(p->threads[w].overlaps_itself); /* all four run at once: joined in a later loop */
    ck_assert(!p->threads[o].overlaps_itself);
    ck_assert(fl_bs_test(p->threads[w].reach, id_of("bump")));
    ck_assert(!fl_bs_test(p->threads[o].reach, id_of("bump")));
    /* the spawning side: main (uncalled, reaches a spawn); spawn_worker is called */
    ck_assert_uint_eq(p->nthreads, 3);
    ck_assert_uint_eq(p->threads[2].fn, id_of("main"));
    ck_assert(!p->threads[2].entry);
    ck_assert(fl_bs_test(p->threads[2].reach, id_of("spawn_worker")));
    ck_assert(p->called[id_of("spawn_worker")]);
    ck_assert_int_eq(pg_entry_of(p, id_of("main")), -1);
}
END_TEST

START_TEST(program_threads_started_by_threads)
{
    summarize("#include <pthread.h>\n"
              "#include <stddef.h>\n"
              "static void *leaf(void *arg) { return arg; }\n"
              "static void *mid(void *arg) { pthread_t t; pthread_create(&t, NULL, leaf, arg); pthread_join(t, NULL); return NULL; }\n"
              "static void *top(void *arg) { pthread_t t; pthread_create(&t, NULL, mid, arg); pthread_join(t, NULL); return NULL; }\n"
              "static void *other(void *arg) { return arg; }\n"
              "int main(void)\n"
              "{\n"
              "    pthread_t a, b, c;\n"
              "    pthread_create(&a, NULL, top, NULL);\n"
              "    pthread_create(&b, NULL, other, NULL);\n"
              "    pthread_join(a, NULL);\n"
              "    pthread_join(b, NULL);\n"
              "    pthread_create(&c, NULL, top, NULL);\n"
              "    pthread_join(c, NULL);\n"
              "    return 0;\n"
              "}\n");
    program *p = link_one();
    ck_assert_ptr_nonnull(p);
    uint32_t ne = p->nentries;
    int32_t top = pg_entry_of(p, id_of("top")), mid = pg_entry_of(p, id_of("mid"));
    int32_t leaf = pg_entry_of(p, id_of("leaf")), other = pg_entry_of(p, id_of("other"));
    ck_assert(top >= 0 && mid >= 0 && leaf >= 0 && other >= 0);
    /* nesting is closed: top starts leaf through mid; nothing starts its own starter */
    ck_assert(p->starts_entry[top * ne + mid]);
    ck_assert(p->starts_entry[top * ne + leaf]);
    ck_assert(p->starts_entry[mid * ne + leaf]);
    ck_assert(!p->starts_entry[leaf * ne + top]);
    ck_assert(!p->starts_entry[other * ne + leaf]);
    /* other runs beside top, so beside what top starts, however deep */
    ck_assert(p->overlap[other * ne + top]);
    ck_assert(p->overlap[other * ne + leaf]);
    ck_assert(p->overlap[leaf * ne + other]);
    /* the two tops never run at once (joined in between): neither do their leaves */
    ck_assert(!p->threads[top].overlaps_itself);
    ck_assert(!p->threads[leaf].overlaps_itself);
}
END_TEST

START_TEST(program_threads_none_without_spawn)
{
    summarize("static int n;\nint get(void) { return n; }\n");
    ck_assert_ptr_null(link_one());
}
END_TEST

/* Whether function `from` may call `to` (directly or through a pointer). */
static bool calls(const program *p, const char *from, const char *to)
{
    uint32_t f = id_of(from);
    for (uint32_t i = 0; i < p->ncallees[f]; i++)
        if (p->callees[f][i] == id_of(to))
            return true;
    return false;
}

START_TEST(program_indirect_call_candidates)
{
    summarize("#include <pthread.h>\n"
              "struct msg { int kind; };\n"
              "struct other { int x; };\n"
              "typedef struct msg msg_t;\n"
              "struct ops { void (*fn)(struct msg *); };\n"
              "static int seen;\n"
              "static void on_msg(msg_t *m) { seen = m->kind; }\n"          /* typedef'd param: same type */
              "static void on_const(const struct msg *m) { seen = m->kind; }\n" /* qualifier stripped */
              "static void on_other(struct other *o) { seen = o->x; }\n"   /* other pointee */
              "static int on_int(struct msg *m) { return m->kind; }\n"     /* non-void result */
              "static void on_two(struct msg *m, int k) { seen = m->kind + k; }\n" /* arity */
              "static void never_named(struct msg *m) { (void)m; }\n"     /* static, unnamed: a global initializer's */
              "void extern_unnamed(struct msg *m) { (void)m; }\n"          /* not static, not named: no */
              "static void direct_only(struct msg *m) { (void)m; }\n"      /* only called directly: no */
              "static void *worker(void *arg)\n"
              "{\n"
              "    struct ops *ops = arg;\n"
              "    struct msg m = {1};\n"
              "    ops->fn(&m);\n"
              "    return NULL;\n"
              "}\n"
              "int main(void)\n"
              "{\n"
              "    struct ops ops = {0};\n"                                 /* nothing stored in ops.fn */
              "    void (*e)(msg_t *) = on_msg;\n"
              "    void (*a)(const struct msg *) = on_const;\n"
              "    void (*b)(struct other *) = on_other;\n"
              "    int (*c)(struct msg *) = on_int;\n"
              "    void (*d)(struct msg *, int) = on_two;\n"
              "    struct msg m = {0};\n"
              "    direct_only(&m);\n"
              "    (void)a; (void)b; (void)c; (void)d; (void)e;\n"
              "    pthread_t t;\n"
              "    pthread_create(&t, NULL, worker, &ops);\n"
              "    pthread_join(t, NULL);\n"
              "    return 0;\n"
              "}\n");
    program *p = link_one();
    ck_assert_ptr_nonnull(p);
    const acc_fn *fns = g_fx->shared->fns;
    ck_assert(fns[func_index("on_msg")].address_taken);
    ck_assert(fns[func_index("worker")].address_taken);      /* passed to pthread_create */
    ck_assert(fns[func_index("never_named")].address_taken);
    ck_assert(!fns[func_index("extern_unnamed")].address_taken);
    ck_assert(!fns[func_index("direct_only")].address_taken);
    ck_assert(!fns[func_index("main")].address_taken);
    ck_assert(calls(p, "worker", "on_msg"));
    ck_assert(calls(p, "worker", "on_const"));
    ck_assert(calls(p, "worker", "never_named"));
    ck_assert(!calls(p, "worker", "on_other"));
    ck_assert(!calls(p, "worker", "on_int"));
    ck_assert(!calls(p, "worker", "on_two"));
    ck_assert(!calls(p, "worker", "worker"));
    ck_assert_uint_eq(p->ncallees[id_of("worker")], 3);
    /* the targets run in the worker thread, and count as called */
    int32_t w = pg_entry_of(p, id_of("worker"));
    ck_assert_int_ge(w, 0);
    ck_assert(fl_bs_test(p->threads[w].reach, id_of("on_msg")));
    ck_assert(!fl_bs_test(p->threads[w].reach, id_of("on_other")));
    ck_assert(p->called[id_of("on_msg")]);
}
END_TEST

/* A local's initializer list stores a function in a struct field: the call through that field
   enters it alone, not every function whose type fits. */
START_TEST(program_indirect_call_local_initializer)
{
    summarize("#include <pthread.h>\n"
              "struct msg { int kind; };\n"
              "struct ops { int id; void (*fn)(struct msg *); };\n"
              "static int seen;\n"
              "static void on_msg(struct msg *m) { seen = m->kind; }\n"
              "static void on_other(struct msg *m) { seen = -m->kind; }\n"
              "static void *worker(void *arg)\n"
              "{\n"
              "    struct ops *ops = arg;\n"
              "    struct msg m = {1};\n"
              "    ops->fn(&m);\n"
              "    return NULL;\n"
              "}\n"
              "int main(void)\n"
              "{\n"
              "    struct ops ops = {7, on_msg};\n"
              "    void (*other)(struct msg *) = on_other;\n"
              "    (void)other;\n"
              "    pthread_t t;\n"
              "    pthread_create(&t, NULL, worker, &ops);\n"
              "    pthread_join(t, NULL);\n"
              "    return 0;\n"
              "}\n");
    program *p = link_one();
    ck_assert_ptr_nonnull(p);
    ck_assert(calls(p, "worker", "on_msg"));
    ck_assert(!calls(p, "worker", "on_other"));
}
END_TEST

START_TEST(program_indirect_call_scalars_and_limit)
{
    summarize("#include <pthread.h>\n"
              "static int st;\n"
              "static void h0(int v) { st = v; }\n"
              "static void h1(int v) { (void)v; }\n"
              "static void h2(int v) { (void)v; }\n"
              "static void h3(int v) { (void)v; }\n"
              "static void h4(int v) { (void)v; }\n"
              "static void h5(int v) { (void)v; }\n"
              "static void h6(int v) { (void)v; }\n"
              "static void h7(int v) { (void)v; }\n"
              "static void h8(int v) { (void)v; }\n"
              "static void hp(int *p) { (void)p; }\n"
              "static void (*tab[9])(int) = {h0, h1, h2, h3, h4, h5, h6, h7, h8};\n"
              "static void *worker(void *arg) { void (*f)(int) = *(void (**)(int))arg; f(1); return NULL; }\n"
              "static void *table(void *arg) { tab[*(int *)arg](1); return NULL; }\n"
              "static void *other(void *arg) { void (*f)(int *) = arg; int x = 0; f(&x); return NULL; }\n"
              "int main(void)\n"
              "{\n"
              "    int op = 0;\n"
              "    pthread_t t, u;\n"
              "    pthread_create(&t, NULL, worker, &op);\n"
              "    pthread_create(&u, NULL, other, (void *)hp);\n"
              "    pthread_create(&u, NULL, table, &op);\n"
              "    pthread_join(t, NULL);\n"
              "    pthread_join(u, NULL);\n"
              "    return 0;\n"
              "}\n");
    program *p = link_one();
    ck_assert_ptr_nonnull(p);
    /* nine candidates by type: more than PG_MAX_TARGETS, no edge */
    ck_assert_uint_eq(p->ncallees[id_of("worker")], 0);
    int32_t w = pg_entry_of(p, id_of("worker"));
    ck_assert(!fl_bs_test(p->threads[w].reach, id_of("h0")));
    /* `f(&x)`: only hp takes a pointer */
    ck_assert(calls(p, "other", "hp"));
    ck_assert_uint_eq(p->ncallees[id_of("other")], 1);
    /* ... and a guess by type alone is a weak edge */
    ck_assert(p->callee_weak[id_of("other")][0]);
    /* `tab[i](1)`: the nine functions the initializer stores in `tab`, sure edges */
    ck_assert_uint_eq(p->ncallees[id_of("table")], 9);
    for (uint32_t i = 0; i < 9; i++)
        ck_assert(!p->callee_weak[id_of("table")][i]);
    int32_t tb = pg_entry_of(p, id_of("table"));
    ck_assert(fl_bs_test(p->threads[tb].reach_strong, id_of("h0")));
}
END_TEST


/* ---- globals nothing a function calls changes (facts/gstable.h) ------------------------------ */

static bool stable_in(fl_word **st, const char *fn, const char *global)
{
    uint32_t f = func_index(fn);
    for (uint32_t i = 0; i < g_tu->nglobals; i++)
        if (strcmp(g_tu->globals[i]->name, global) == 0)
            return st && st[f] && fl_bs_test(st[f], i);
    ck_abort_msg("no global %s", global);
    return false;
}

START_TEST(gstable_calls_that_may_write)
{
    snippet_parse("gstable", PRELUDE,
                  "static int flag, other, taken;\n"
                  "int shared;\n"
                  "static void set_flag(int v) { flag = v; }\n"
                  "static void *cb(void *a) { other = 1; return a; }\n"
                  "static void leaf(void) { taken = 1; }\n"
                  "static void (*hook)(void) = leaf;\n"
                  "void reads(void) { if (flag) shared++; if (other) shared++; if (taken) shared++; }\n"
                  "void calls_setter(void) { set_flag(2); }\n"
                  "void spawns(void) { pthread_t t; pthread_create(&t, NULL, cb, NULL); pthread_join(t, NULL); }\n"
                  "void through_pointer(void) { hook(); }\n"
                  "void extern_call(void) { puts(\"x\"); }\n"
                  "void own(void) { flag = 3; if (flag) shared++; }\n"
                  "int main(void) { set_flag(1); reads(); return shared; }\n");
    fl_word **st = gstable_unit(g_tu->arena, g_tu, g_cfgs);
    ck_assert_ptr_nonnull(st);
    /* nothing `reads` calls writes any of them */
    ck_assert(stable_in(st, "reads", "flag"));
    ck_assert(stable_in(st, "reads", "other"));
    /* a direct callee writes `flag` */
    ck_assert(!stable_in(st, "calls_setter", "flag"));
    ck_assert(stable_in(st, "calls_setter", "other"));
    /* pthread_create may call back its start routine, which writes `other` */
    ck_assert(!stable_in(st, "spawns", "other"));
    /* a call through a pointer may reach any function whose address is taken */
    ck_assert(!stable_in(st, "through_pointer", "taken"));
    ck_assert(stable_in(st, "through_pointer", "flag"));
    /* a C library call with no function argument calls nothing of the unit */
    ck_assert(stable_in(st, "extern_call", "other"));
    /* its callees' writes count, not its own (the split judges which tests those may follow) */
    ck_assert(!stable_in(st, "main", "flag"));
    ck_assert(stable_in(st, "own", "flag"));
    /* external linkage: never stable */
    ck_assert(!stable_in(st, "reads", "shared"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("test_program");
    TCase *tc = tcase_create("program");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, program_threads_entries_and_roots);
    tcase_add_test(tc, gstable_calls_that_may_write);
    tcase_add_test(tc, program_threads_none_without_spawn);
    tcase_add_test(tc, program_threads_started_by_threads);
    tcase_add_test(tc, program_indirect_call_candidates);
    tcase_add_test(tc, program_indirect_call_local_initializer);
    tcase_add_test(tc, program_indirect_call_scalars_and_limit);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
