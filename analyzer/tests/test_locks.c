/* test_locks.c - the lock API, per-function locksets (may vs must), try edges, helper
 * summaries and annotation parsing, on real C parsed by libclang. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/srcmap.h"
#include "diag/sink.h"
#include "base/strbuf.h"
#include "checks/registry.h"
#include "facts/fnslots.h"
#include "facts/locks.h"
#include "facts/unit.h"
#include "frontend/ast.h"
#include "frontend/parse.h"
#include "ir/cfg.h"
#include "ir/place.h"

#include "snippet.h"

static const lock_unit *g_lu;

static void setup(void)
{
    snippet_setup();
    g_lu = NULL;
}

static void teardown(void)
{
    snippet_teardown();
}

#define PRELUDE "#include <pthread.h>\n#include <threads.h>\n#include \"fearless.h\"\n"

static void parse(const char *src)
{
    snippet_parse("locks", PRELUDE, src); /* _GNU_SOURCE: glibc's *_MUTEX_INITIALIZER_NP */
    g_lu = locks_unit_build(g_tu->arena, g_tu, g_cfgs, g_sm, NULL);
}

static uint32_t func_index(const char *name)
{
    for (uint32_t i = 0; i < g_tu->nfuncs; i++)
        if (strcmp(g_tu->funcs[i]->name, name) == 0)
            return i;
    ck_abort_msg("no function %s", name);
    return 0;
}

static const lock_fn *fn_locks(const char *name)
{
    return locks_unit_fn(g_lu, func_index(name));
}

static int32_t lock_named(const lock_fn *lf, const char *name)
{
    for (uint32_t l = 0; l < lf->nlocks; l++)
        if (strcmp(lf->locks[l].name, name) == 0)
            return (int32_t)l;
    return -1;
}

/* The state right before the n-th (0-based) call named `callee` in function fn. */
static const fl_word *state_before_call(const lock_fn *lf, const char *callee, int nth)
{
    static fl_word st[64];
    const cfg *g = lf->g;
    int seen = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind == CFG_EXPR && n->kind == AST_CALL && n->name &&
                strcmp(n->name, callee) == 0 && seen++ == nth) {
                ck_assert_uint_le(lf->nwords, 64);
                locks_state_at(lf, bi, i, st);
                return st;
            }
        }
    ck_abort_msg("no call %s #%d", callee, nth);
    return NULL;
}

static const ast_node *first_call(const char *fn, const char *callee)
{
    const cfg *g = g_cfgs[func_index(fn)];
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind == CFG_EXPR && n->kind == AST_CALL && n->name &&
                strcmp(n->name, callee) == 0)
                return n;
        }
    ck_abort_msg("no call %s in %s", callee, fn);
    return NULL;
}

START_TEST(classify_api)
{
    parse("struct s { pthread_mutex_t mu; pthread_rwlock_t rw; pthread_spinlock_t sp; mtx_t m; };\n"
          "void f(struct s *s, pthread_mutex_t *m) {\n"
          "  pthread_mutex_lock(&s->mu); pthread_mutex_trylock(&s->mu); pthread_mutex_timedlock(&s->mu, 0);\n"
          "  pthread_mutex_unlock(m);\n"
          "  pthread_rwlock_rdlock(&s->rw); pthread_rwlock_wrlock(&s->rw); pthread_rwlock_tryrdlock(&s->rw);\n"
          "  pthread_rwlock_trywrlock(&s->rw); pthread_rwlock_unlock(&s->rw);\n"
          "  pthread_spin_lock(&s->sp); pthread_spin_trylock(&s->sp); pthread_spin_unlock(&s->sp);\n"
          "  mtx_lock(&s->m); mtx_trylock(&s->m); mtx_timedlock(&s->m, 0); mtx_unlock(&s->m);\n"
          "  pthread_mutex_init(&s->mu, 0);\n"
          "}\n");
    static const struct {
        const char *name;
        lock_op op;
        const char *path;
    } want[] = {
        {"pthread_mutex_lock", LOCK_ACQUIRE, "*.mu"},     {"pthread_mutex_trylock", LOCK_TRY, "*.mu"},
        {"pthread_mutex_timedlock", LOCK_TRY, "*.mu"},    {"pthread_mutex_unlock", LOCK_RELEASE, "*"},
        {"pthread_rwlock_rdlock", LOCK_ACQUIRE_SHARED, "*.rw"}, {"pthread_rwlock_wrlock", LOCK_ACQUIRE, "*.rw"},
        {"pthread_rwlock_tryrdlock", LOCK_TRY_SHARED, "*.rw"}, {"pthread_rwlock_trywrlock", LOCK_TRY, "*.rw"},
        {"pthread_rwlock_unlock", LOCK_RELEASE, "*.rw"},  {"pthread_spin_lock", LOCK_ACQUIRE, "*.sp"},
        {"pthread_spin_trylock", LOCK_TRY, "*.sp"},       {"pthread_spin_unlock", LOCK_RELEASE, "*.sp"},
        {"mtx_lock", LOCK_ACQUIRE, "*.m"},                {"mtx_trylock", LOCK_TRY, "*.m"},
        {"mtx_timedlock", LOCK_TRY, "*.m"},               {"mtx_unlock", LOCK_RELEASE, "*.m"},
        {"pthread_mutex_init", LOCK_NONE, NULL},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        lock_call lc = lock_classify(g_tu->arena, first_call("f", want[i].name));
        ck_assert_msg(lc.op == want[i].op, "%s: op %d", want[i].name, lc.op);
        if (want[i].path) {
            ck_assert_ptr_nonnull(lc.where.root);
            ck_assert_str_eq(lc.where.path, want[i].path);
            ck_assert_str_eq(lc.api, want[i].name);
        }
    }
}
END_TEST

/* The n-th (0-based) call or atomic operation named `name` in fn. */
static const ast_node *nth_op(const char *fn, const char *name, int nth)
{
    const cfg *g = g_cfgs[func_index(fn)];
    int seen = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind == CFG_EXPR && (n->kind == AST_CALL || n->kind == AST_OTHER) &&
                n->name && strncmp(n->name, name, strlen(name)) == 0 && seen++ == nth)
                return n;
        }
    ck_abort_msg("no %s #%d in %s", name, nth, fn);
    return NULL;
}

START_TEST(classify_handmade)
{
    parse("int w; void *p;\n"
          "void f(unsigned long v, int old, void *q) {\n"
          "  int e = 0;\n"
          "  __sync_lock_test_and_set(&w, 1); __sync_lock_test_and_set(&w, v);\n"
          "  __sync_bool_compare_and_swap(&w, 0, v); __sync_bool_compare_and_swap(&w, old, old + 1);\n"
          "  __sync_val_compare_and_swap(&w, 0, 1); __sync_lock_release(&w);\n"
          "  __atomic_exchange_n(&w, 1, 2); __atomic_exchange_n(&p, q, 2);\n"
          "  __atomic_compare_exchange_n(&w, &e, 1, 0, 2, 2); __atomic_compare_exchange_n(&w, &e, old, 0, 2, 2);\n"
          "  __atomic_store_n(&w, 0, 3); __atomic_store_n(&w, 5, 3); __atomic_test_and_set(&w, 2); __atomic_clear(&w, 3);\n"
          "}\n");
    static const struct {
        const char *name;
        int nth;
        lock_op op;
        bool nonzero;
    } want[] = {
        {"__sync_lock_test_and_set", 0, LOCK_TRY, false},
        {"__sync_lock_test_and_set", 1, LOCK_NONE, false}, /* sets a value that may be 0 */
        {"__sync_bool_compare_and_swap", 0, LOCK_TRY, true},
        {"__sync_bool_compare_and_swap", 1, LOCK_NONE, false}, /* an update, not from 0 */
        {"__sync_val_compare_and_swap", 0, LOCK_TRY, false},
        {"__sync_lock_release", 0, LOCK_RELEASE, false},
        {"__atomic_exchange_n", 0, LOCK_TRY, false},
        {"__atomic_exchange_n", 1, LOCK_NONE, false}, /* swaps in a computed value */
        {"__atomic_compare_exchange_n", 0, LOCK_TRY, true},
        {"__atomic_compare_exchange_n", 1, LOCK_NONE, false},
        {"__atomic_store_n", 0, LOCK_RELEASE, false},
        {"__atomic_store_n", 1, LOCK_NONE, false},
        {"__atomic_test_and_set", 0, LOCK_TRY, false},
        {"__atomic_clear", 0, LOCK_RELEASE, false},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        lock_call lc = lock_classify(g_tu->arena, nth_op("f", want[i].name, want[i].nth));
        ck_assert_msg(lc.op == want[i].op, "%s #%d: op %d", want[i].name, want[i].nth, lc.op);
        if (lc.op != LOCK_NONE) {
            ck_assert(lc.soft);
            ck_assert_msg(lc.success_nonzero == want[i].nonzero, "%s #%d", want[i].name, want[i].nth);
            ck_assert_ptr_nonnull(lc.where.root);
            ck_assert_str_eq(lc.where.root->name, "w");
            ck_assert_str_eq(lc.where.path, "");
        }
    }
}
END_TEST

START_TEST(semaphore_summaries)
{
    parse("struct sem { pthread_mutex_t lock; pthread_cond_t cond; int value, waiters; };\n"
          "void down(struct sem *s) { pthread_mutex_lock(&s->lock);\n"
          "  while (!s->value) { s->waiters++; pthread_cond_wait(&s->cond, &s->lock); s->waiters--; }\n"
          "  s->value--; pthread_mutex_unlock(&s->lock); }\n"
          "void up(struct sem *s) { pthread_mutex_lock(&s->lock); s->value++;\n"
          "  pthread_cond_signal(&s->cond); pthread_mutex_unlock(&s->lock); }\n"
          "void wait_nonzero(struct sem *s) { pthread_mutex_lock(&s->lock);\n"
          "  while (!s->value) pthread_cond_wait(&s->cond, &s->lock); pthread_mutex_unlock(&s->lock); }\n"
          "void bump_waiters(struct sem *s) { pthread_mutex_lock(&s->lock); s->waiters++;\n"
          "  pthread_cond_signal(&s->cond); pthread_mutex_unlock(&s->lock); }\n"
          "struct sem g; long n;\n"
          "void use(void) { down(&g); n++; up(&g); }\n");
    const lock_summary *s = locks_summary_of(g_lu, g_tu->funcs[func_index("down")]->self);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->n, 1);
    ck_assert_int_eq(s->effects[0].op, LOCK_ACQUIRE);
    ck_assert(s->effects[0].soft);
    ck_assert_int_eq(s->effects[0].param, 0);
    ck_assert_str_eq(s->effects[0].path, "*");
    s = locks_summary_of(g_lu, g_tu->funcs[func_index("up")]->self);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(s->effects[0].op, LOCK_RELEASE);
    ck_assert(s->effects[0].soft);
    /* a wait that takes nothing, and a signal of another counter, are no semaphore */
    ck_assert_ptr_null(locks_summary_of(g_lu, g_tu->funcs[func_index("wait_nonzero")]->self));
    ck_assert_ptr_null(locks_summary_of(g_lu, g_tu->funcs[func_index("bump_waiters")]->self));
    const lock_fn *lf = fn_locks("use");
    int32_t l = lock_named(lf, "g");
    ck_assert_int_ge(l, 0);
    ck_assert(lf->locks[l].soft);
    ck_assert(locks_must_held(state_before_call(lf, "up", 0), (uint32_t)l));
}
END_TEST

START_TEST(may_vs_must)
{
    parse("static pthread_mutex_t g;\n"
          "void f(int x) {\n"
          "  pthread_mutex_lock(&g);\n"
          "  if (x) pthread_mutex_unlock(&g);\n"
          "  pthread_mutex_trylock(&g);\n" /* marker: state before */
          "  pthread_mutex_unlock(&g);\n"
          "}\n"
          "void h(void) { pthread_mutex_unlock(&g); }\n");
    const lock_fn *lf = fn_locks("f");
    ck_assert_ptr_nonnull(lf);
    int32_t l = lock_named(lf, "g");
    ck_assert_int_ge(l, 0);
    ck_assert(lf->locks[l].entry_unknown); /* a global: the caller may hold it */
    const fl_word *st = state_before_call(lf, "pthread_mutex_unlock", 0);
    ck_assert(locks_must_held(st, (uint32_t)l));
    st = state_before_call(lf, "pthread_mutex_trylock", 0);
    ck_assert(locks_may_held(st, (uint32_t)l));
    ck_assert(!locks_must_held(st, (uint32_t)l));
    ck_assert(!locks_must_unheld(st, (uint32_t)l));
    /* h only unlocks: on entry the state is unknown, not "unheld" */
    const lock_fn *lh = fn_locks("h");
    st = state_before_call(lh, "pthread_mutex_unlock", 0);
    ck_assert(!locks_must_unheld(st, 0));
    ck_assert(locks_may_held(st, 0));
}
END_TEST

START_TEST(try_edges)
{
    parse("static pthread_mutex_t m;\nint n;\n"
          "void f(void) {\n"
          "  if (pthread_mutex_trylock(&m) == 0) { n++; pthread_mutex_unlock(&m); }\n"
          "  else { n--; pthread_spin_unlock(0); }\n"
          "}\n"
          "void g(void) {\n"
          "  int rc = pthread_mutex_trylock(&m);\n"
          "  if (!rc) pthread_mutex_unlock(&m);\n"
          "}\n"
          "void h(void) {\n"
          "  if (pthread_mutex_lock(&m) != 0) { n = -1; return; }\n"
          "  pthread_mutex_unlock(&m);\n"
          "}\n"
          "int k(void) {\n"
          "  int rc = pthread_mutex_trylock(&m);\n"
          "  if (rc != 0) return rc;\n"
          "  pthread_mutex_unlock(&m);\n"
          "  return puts(\"done\");\n"
          "}\n");
    const lock_fn *lf = fn_locks("f");
    int32_t l = lock_named(lf, "m");
    const fl_word *st = state_before_call(lf, "pthread_mutex_unlock", 0);
    ck_assert(locks_must_held(st, (uint32_t)l)); /* success branch */
    st = state_before_call(lf, "pthread_spin_unlock", 0);
    ck_assert(locks_must_unheld(st, (uint32_t)l)); /* failure branch: not held */
    const lock_fn *lg = fn_locks("g");
    st = state_before_call(lg, "pthread_mutex_unlock", 0);
    ck_assert(locks_must_held(st, (uint32_t)lock_named(lg, "m"))); /* status variable */
    const lock_fn *lh = fn_locks("h");
    ck_assert(lh->sites[0].edge_only);
    /* the checked lock's failure branch returns without the lock: h holds it at no return */
    const fl_word *ex = df_in(lh->df, lh->g->exit);
    ck_assert(!locks_must_held(ex, 0));
    ck_assert(locks_must_unheld(ex, 0));
    /* a status variable's success edge holds the lock once: the unlock frees it */
    const lock_fn *lk = fn_locks("k");
    int32_t mk = lock_named(lk, "m");
    ck_assert(locks_must_held(state_before_call(lk, "pthread_mutex_unlock", 0), (uint32_t)mk));
    ck_assert(locks_must_unheld(state_before_call(lk, "puts", 0), (uint32_t)mk));
}
END_TEST

/* The block of the n-th call named `callee` in function fn. */
static uint32_t block_of_call(const lock_fn *lf, const char *callee, int nth)
{
    const cfg *g = lf->g;
    int seen = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind == CFG_EXPR && n->kind == AST_CALL && n->name &&
                strcmp(n->name, callee) == 0 && seen++ == nth)
                return bi;
        }
    ck_abort_msg("no call %s", callee);
    return 0;
}

/* A try tested where it is called decides a later lock when its success arm goes on to it
   through branches nothing else tests (asked for with `tries`), not through one tested again,
   and not when that arm unlocks first. */
START_TEST(try_decider)
{
    parse("static pthread_mutex_t m;\nint pending, hits;\n"
          "void fast(void) {\n"
          "  if (pthread_mutex_trylock(&m) == 0) {\n"
          "    if (pending == 0) { hits++; pthread_mutex_unlock(&m); return; }\n"
          "  }\n"
          "  pthread_mutex_lock(&m);\n"
          "  pthread_mutex_unlock(&m);\n"
          "}\n"
          "void again(void) {\n"
          "  if (pthread_mutex_trylock(&m) == 0) {\n"
          "    if (pending == 0) { hits++; pthread_mutex_unlock(&m); return; }\n"
          "  }\n"
          "  if (pending) hits--;\n"
          "  pthread_mutex_lock(&m);\n"
          "  pthread_mutex_unlock(&m);\n"
          "}\n"
          "void gives_back(void) {\n"
          "  if (pthread_mutex_trylock(&m) == 0) {\n"
          "    if (pending == 0) { hits++; pthread_mutex_unlock(&m); return; }\n"
          "    pthread_mutex_unlock(&m);\n"
          "  }\n"
          "  pthread_mutex_lock(&m);\n"
          "  pthread_mutex_unlock(&m);\n"
          "}\n"
          "void fixed(pthread_mutex_t *a, pthread_mutex_t *b) {\n"
          "  pthread_mutex_lock(a);\n"
          "  b = a;\n"
          "  pthread_mutex_unlock(b);\n"
          "}\n");
    const char *fns[3] = {"fast", "again", "gives_back"};
    const bool decided[3] = {true, false, false};
    for (int k = 0; k < 3; k++) {
        const lock_fn *lf = fn_locks(fns[k]);
        uint32_t l = (uint32_t)lock_named(lf, "m");
        uint32_t target = block_of_call(lf, "pthread_mutex_lock", 0);
        const fl_word *st = state_before_call(lf, "pthread_mutex_lock", 0);
        uint32_t budget = LOCKS_DECIDER_BUDGET;
        lock_decider d;
        bool got = locks_decider(g_tu->arena, lf, st, l, target, LOCKS_DECIDE_TRIES, &budget, &d);
        ck_assert_msg(got == decided[k], "%s", fns[k]);
        if (got) {
            ck_assert(d.tried);
            ck_assert(lf->sites[d.site].op == LOCK_TRY);
        }
        /* not asked for tries: no decider at all here */
        budget = LOCKS_DECIDER_BUDGET;
        ck_assert(!locks_decider(g_tu->arena, lf, st, l, target, 0, &budget, &d));
    }
    const lock_fn *lx = fn_locks("fixed");
    ck_assert(locks_param_fixed(lx, g_tu->funcs[func_index("fixed")]->params[0]));
    ck_assert(!locks_param_fixed(lx, g_tu->funcs[func_index("fixed")]->params[1]));
}
END_TEST

/* LOCKS_DECIDE_REWRITES: the lock's branch decides an unlock under a second test of the same
   field when the path that skipped the lock writes the field first, and only then; a constant
   written decides a test of the field alone. */
START_TEST(rewrite_decider)
{
    parse("struct c { pthread_mutex_t lock; int shared, len; };\n"
          "void set_on(struct c *c, int p) {\n"
          "  if (c->shared) pthread_mutex_lock(&c->lock);\n"
          "  c->len++;\n"
          "  if (p) c->shared = 1;\n"
          "  if (c->shared) pthread_mutex_unlock(&c->lock);\n"
          "}\n"
          "void set_off(struct c *c, int p) {\n"
          "  if (c->shared) pthread_mutex_lock(&c->lock);\n"
          "  c->len++;\n"
          "  if (p) c->shared = 0;\n"
          "  if (c->shared) pthread_mutex_unlock(&c->lock);\n"
          "}\n"
          "void no_write(struct c *c) {\n"
          "  if (c->shared) pthread_mutex_lock(&c->lock);\n"
          "  c->len++;\n"
          "  if (c->shared) pthread_mutex_unlock(&c->lock);\n"
          "}\n"
          "void tested_first(struct c *c, int p) {\n"
          "  if (c->shared) pthread_mutex_lock(&c->lock);\n"
          "  if (c->shared) c->len++;\n"
          "  if (p) c->shared = 1;\n"
          "  if (c->shared) pthread_mutex_unlock(&c->lock);\n"
          "}\n");
    const char *fns[4] = {"set_on", "set_off", "no_write", "tested_first"};
    const bool decided[4] = {true, false, false, false};
    for (int k = 0; k < 4; k++) {
        const lock_fn *lf = fn_locks(fns[k]);
        uint32_t l = (uint32_t)lock_named(lf, "c->lock");
        uint32_t target = block_of_call(lf, "pthread_mutex_unlock", 0);
        const fl_word *st = state_before_call(lf, "pthread_mutex_unlock", 0);
        uint32_t budget = LOCKS_DECIDER_BUDGET;
        lock_decider d;
        bool got = locks_decider(g_tu->arena, lf, st, l, target, LOCKS_DECIDE_REWRITES, &budget, &d);
        ck_assert_msg(got == decided[k], "%s", fns[k]);
        if (got)
            ck_assert(d.rewrite && d.rewrite->kind == AST_BINARY);
        budget = LOCKS_DECIDER_BUDGET;
        ck_assert_msg(!locks_decider(g_tu->arena, lf, st, l, target, 0, &budget, &d), "%s", fns[k]);
    }
}
END_TEST

/* The nth call through a pointer (no direct callee) in function fn. */
static const ast_node *nth_indirect_call(const char *fn, int nth)
{
    const cfg *g = g_cfgs[func_index(fn)];
    int seen = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind == CFG_EXPR && n->kind == AST_CALL && !n->callee && seen++ == nth)
                return n;
        }
    ck_abort_msg("no indirect call #%d in %s", nth, fn);
    return NULL;
}

/* Where the unit stores functions: through a registration function's parameter, by a global's
   initializer, through a local copy; the field of one global object apart from another's. */
START_TEST(function_slots)
{
    parse("struct listener { void (*fn)(void *); void *arg; };\n"
          "static struct listener alarms[4], timers[4];\n"
          "static int na, nt;\n"
          "struct cmd { const char *name; int (*run)(const char *); };\n"
          "static int c_echo(const char *a) { return a != 0; }\n"
          "static int c_stats(const char *a) { return a == 0; }\n"
          "static struct cmd cmds[] = {{\"echo\", c_echo}, {\"stats\", c_stats}};\n"
          "static void on_alarm(void *a) { (void)a; }\n"
          "static void on_timer(void *a) { (void)a; }\n"
          "void add_alarm(void (*fn)(void *)) { alarms[na++].fn = fn; }\n"
          "void setup(void) { add_alarm(on_alarm); timers[nt++].fn = on_timer; }\n"
          "void fire(int i) { alarms[i].fn(0); timers[i].fn(0); struct listener *l = &timers[i]; l->fn(0); }\n"
          "int run(int i) { int (*r)(const char *) = cmds[i].run; return r(\"x\") + cmds[i].run(\"y\"); }\n");
    fn_slots *fs = fn_slots_new(g_tu->arena, g_tu, g_cfgs);
    const fn_slot_target *t;
    ck_assert_uint_eq(fn_slots_targets(fs, nth_indirect_call("fire", 0), &t), 1);
    ck_assert_str_eq(t[0].fn->name, "on_alarm");
    ck_assert_uint_eq(fn_slots_targets(fs, nth_indirect_call("fire", 1), &t), 1);
    ck_assert_str_eq(t[0].fn->name, "on_timer");
    /* through a pointer: the field of every object */
    ck_assert_uint_eq(fn_slots_targets(fs, nth_indirect_call("fire", 2), &t), 2);
    /* a local copy, and the table itself: both functions of the initializer */
    ck_assert_uint_eq(fn_slots_targets(fs, nth_indirect_call("run", 0), &t), 2);
    ck_assert_uint_eq(fn_slots_targets(fs, nth_indirect_call("run", 1), &t), 2);
    fn_slots_free(fs);
}
END_TEST

/* A status variable reused for other calls is the lock's status only where the lock's
   assignment reaches the test; a failed (try)lock of a held lock leaves it held; fork makes
   shared locks "maybe held". */
START_TEST(status_reach_and_failure)
{
    parse("#include <unistd.h>\n"
          "static pthread_mutex_t m;\nint n;\nint other(void);\n"
          "void f(void) {\n"
          "  int err = other();\n"
          "  if (err != 0) return;\n"
          "  n++;\n"                                   /* the earlier test did not lock m */
          "  err = pthread_mutex_lock(&m);\n"
          "  if (err != 0) return;\n"
          "  pthread_mutex_unlock(&m);\n"
          "}\n"
          "void g(void) {\n"
          "  pthread_mutex_lock(&m);\n"
          "  if (pthread_mutex_trylock(&m) == 0) return;\n"
          "  pthread_mutex_unlock(&m);\n"           /* EBUSY: still held */
          "}\n"
          "void h(void) {\n"
          "  pthread_mutex_lock(&m);\n"
          "  int e = pthread_mutex_trylock(&m);\n"
          "  if (e == 0) return;\n"
          "  pthread_mutex_unlock(&m);\n"           /* held before on every path: still may be */
          "}\n"
          "void k(void) {\n"
          "  pthread_mutex_lock(&m);\n"
          "  fork();\n"
          "  pthread_mutex_unlock(&m);\n"
          "}\n");
    const lock_fn *lf = fn_locks("f");
    int32_t l = lock_named(lf, "m");
    ck_assert(!fl_bs_test(state_before_call(lf, "pthread_mutex_lock", 0), locks_bit_h((uint32_t)l)));
    ck_assert(locks_must_held(state_before_call(lf, "pthread_mutex_unlock", 0), (uint32_t)l));
    const lock_fn *lg = fn_locks("g");
    ck_assert(locks_must_held(state_before_call(lg, "pthread_mutex_unlock", 0), (uint32_t)lock_named(lg, "m")));
    const lock_fn *lh = fn_locks("h");
    const fl_word *st = state_before_call(lh, "pthread_mutex_unlock", 0);
    ck_assert(locks_may_held(st, (uint32_t)lock_named(lh, "m")));
    ck_assert(!locks_must_unheld(st, (uint32_t)lock_named(lh, "m")));
    const lock_fn *lk = fn_locks("k");
    st = state_before_call(lk, "pthread_mutex_unlock", 0);
    ck_assert(locks_may_held(st, (uint32_t)lock_named(lk, "m")));
    ck_assert(!locks_must_held(st, (uint32_t)lock_named(lk, "m")));
}
END_TEST

/* Non-plain mutex kinds: settype in a function, or a global's _NP initializer. */
START_TEST(nonplain_kinds)
{
    parse("static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
          "void f(void) { pthread_mutex_lock(&m); pthread_mutex_unlock(&m); }\n");
    ck_assert(!locks_unit_has_nonplain_mutex(g_lu));
    teardown();
    setup();
    parse("static pthread_mutex_t m = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;\n"
          "void f(void) { pthread_mutex_lock(&m); pthread_mutex_unlock(&m); }\n");
    ck_assert(locks_unit_has_nonplain_mutex(g_lu));
    teardown();
    setup();
    parse("static pthread_mutex_t m = PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP;\n"
          "void f(void) { pthread_mutex_lock(&m); pthread_mutex_unlock(&m); }\n");
    ck_assert(!locks_unit_has_nonplain_mutex(g_lu));
    teardown();
    setup();
    parse("static pthread_mutex_t m;\n"
          "void init(void) { pthread_mutexattr_t a; pthread_mutexattr_init(&a);\n"
          "  pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST); pthread_mutex_init(&m, &a); }\n"
          "void f(void) { pthread_mutex_lock(&m); pthread_mutex_unlock(&m); }\n");
    ck_assert(locks_unit_has_nonplain_mutex(g_lu));
    ck_assert(locks_is_mutex_api("pthread_mutex_lock") && locks_is_mutex_api("mtx_unlock"));
    ck_assert(!locks_is_mutex_api("pthread_rwlock_wrlock"));
}
END_TEST

START_TEST(helper_summaries)
{
    parse("struct stats { pthread_mutex_t mu; long n; };\n"
          "static struct stats g_stats;\n"
          "static pthread_mutex_t g_log;\n"
          "static void stats_lock(struct stats *s) { pthread_mutex_lock(&s->mu); }\n"
          "static void stats_unlock(struct stats *s) { s->n++; pthread_mutex_unlock(&s->mu); }\n"
          "static void both(struct stats *s) { pthread_mutex_lock(&s->mu); pthread_mutex_unlock(&s->mu); }\n"
          "static void log_lock(void) { pthread_mutex_lock(&g_log); }\n"
          "static void outer(struct stats *s) { stats_lock(s); }\n"
          "void use(void) { stats_lock(&g_stats); log_lock(); both(&g_stats); stats_unlock(&g_stats); }\n");
    const lock_summary *s = locks_summary_of(g_lu, g_tu->funcs[func_index("stats_lock")]->self);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->n, 1);
    ck_assert_int_eq(s->effects[0].op, LOCK_ACQUIRE);
    ck_assert_int_eq(s->effects[0].param, 0);
    ck_assert_str_eq(s->effects[0].path, "*.mu");
    s = locks_summary_of(g_lu, g_tu->funcs[func_index("stats_unlock")]->self);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(s->effects[0].op, LOCK_RELEASE);
    ck_assert_ptr_null(locks_summary_of(g_lu, g_tu->funcs[func_index("both")]->self));
    s = locks_summary_of(g_lu, g_tu->funcs[func_index("log_lock")]->self);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(s->effects[0].param, -1);
    ck_assert_str_eq(s->effects[0].global->name, "g_log");
    /* nested helpers compose */
    s = locks_summary_of(g_lu, g_tu->funcs[func_index("outer")]->self);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->effects[0].path, "*.mu");
    /* in the caller, the composed place: g_stats.mu */
    const lock_fn *lf = fn_locks("use");
    int32_t l = lock_named(lf, "g_stats.mu");
    ck_assert_int_ge(l, 0);
    ck_assert(lf->locks[l].cls != NULL);
    const fl_word *st = state_before_call(lf, "both", 0);
    ck_assert(locks_must_held(st, (uint32_t)l));
    ck_assert(locks_must_held(st, (uint32_t)lock_named(lf, "g_log")));
}
END_TEST

START_TEST(annotations)
{
    parse("struct logger { pthread_mutex_t mu; int fd; };\n"
          "static pthread_mutex_t g_mu;\n"
          "void log_begin(struct logger *lg) FL_ACQUIRE(lg->mu);\n"
          "void log_end(struct logger *lg) FL_RELEASE(lg->mu);\n"
          "void lock_ptr(pthread_mutex_t *m) FL_ACQUIRE(m);\n"
          "void g_lock(void) FL_ACQUIRE(g_mu);\n"
          "void log_line(struct logger *lg) FL_REQUIRES(lg->mu) { lg->fd++; pthread_mutex_unlock(&lg->mu); "
          "pthread_mutex_lock(&lg->mu); }\n"
          "void use(struct logger *lg, pthread_mutex_t *m) { log_begin(lg); lock_ptr(m); g_lock(); "
          "pthread_mutex_unlock(&g_mu); log_end(lg); pthread_mutex_unlock(m); }\n");
    const lock_fn *lf = fn_locks("use");
    ck_assert_ptr_nonnull(lf);
    ck_assert_int_ge(lock_named(lf, "lg->mu"), 0);
    ck_assert_int_ge(lock_named(lf, "*m"), 0);
    ck_assert_int_ge(lock_named(lf, "g_mu"), 0);
    const fl_word *st = state_before_call(lf, "log_end", 0);
    ck_assert(locks_must_held(st, (uint32_t)lock_named(lf, "lg->mu")));
    ck_assert(locks_must_unheld(st, (uint32_t)lock_named(lf, "g_mu")));
    ck_assert(locks_must_held(st, (uint32_t)lock_named(lf, "*m")));
    /* REQUIRES: held on entry */
    const lock_fn *ll = fn_locks("log_line");
    int32_t l = lock_named(ll, "lg->mu");
    ck_assert(ll->locks[l].required);
    st = state_before_call(ll, "pthread_mutex_unlock", 0);
    ck_assert(locks_must_held(st, (uint32_t)l));
    /* the parser on its own */
    lock_effect e;
    ast_func *use = g_tu->funcs[func_index("use")];
    ck_assert(locks_parse_annot_arg(g_tu->arena, g_tu, " lg -> mu ", use->params, use->nparams, NULL, &e));
    ck_assert_int_eq(e.param, 0);
    ck_assert_str_eq(e.path, "*.mu");
    ck_assert(locks_parse_annot_arg(g_tu->arena, g_tu, "m", use->params, use->nparams, NULL, &e));
    ck_assert_int_eq(e.param, 1);
    ck_assert_str_eq(e.path, "*");
    ck_assert(!locks_parse_annot_arg(g_tu->arena, g_tu, "nobody", use->params, use->nparams, NULL, &e));
}
END_TEST

START_TEST(rename_and_classes)
{
    parse("struct node { pthread_mutex_t mu; struct node *next; };\n"
          "void walk(struct node *cur) {\n"
          "  pthread_mutex_lock(&cur->mu);\n"
          "  cur = cur->next;\n"
          "  pthread_mutex_lock(&cur->mu);\n"
          "  pthread_mutex_unlock(&cur->mu);\n"
          "}\n");
    const lock_fn *lf = fn_locks("walk");
    int32_t l = lock_named(lf, "cur->mu");
    ck_assert_str_eq(lf->locks[l].cls, "struct node::mu");
    const fl_word *st = state_before_call(lf, "pthread_mutex_lock", 1);
    ck_assert(!locks_must_held(st, (uint32_t)l)); /* cur now names another node */
    ck_assert(locks_may_held(st, (uint32_t)l));
}
END_TEST

/* ---- cost: counted work, not time ------------------------------------------------------- */

/* The handshake facts' work (acc_unit.handshake_work) of the last repeated_work unit. */
static uint64_t g_handshake_work;

/* Work of the lock engine (locks_work) for a function of n copies of `body` in one block: the
   unit's facts (the lockset dataflow, summaries, accesses' locksets) and every check that
   replays locksets, on every function and on the unit. Locks `m` and `m2` are declared. */
static uint64_t repeated_work(const char *body, uint32_t n)
{
    fl_strbuf src = {0};
    fl_sb_puts(&src, "static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER, m2 = PTHREAD_MUTEX_INITIALIZER;\n"
                     "static int counter;\nvoid f(void)\n{\n");
    for (uint32_t i = 0; i < n; i++)
        fl_sb_puts(&src, body);
    fl_sb_puts(&src, "}\n");
    snippet_parse("pairs", PRELUDE, src.data);
    fl_sb_free(&src);
    fx_unit *fx = fx_unit_build(g_tu, g_cfgs, g_sm, FX_NEED_LOCKS | FX_NEED_PROGRAM, NULL);
    static const char *const replaying[] = {"double-lock", "unlock-unheld", "lock-leak", "lock-order",
                                            "unguarded-access"};
    for (size_t c = 0; c < sizeof replaying / sizeof *replaying; c++) {
        const check_info *ci = check_find(replaying[c]);
        ck_assert_ptr_nonnull(ci);
        for (uint32_t i = 0; i <= g_tu->nfuncs; i++) {
            if (i < g_tu->nfuncs && !g_cfgs[i])
                continue;
            bool whole = i == g_tu->nfuncs;
            check_ctx ctx = {fx, g_tu, whole ? NULL : g_tu->funcs[i], whole ? NULL : g_cfgs[i], g_cfgs, fx->arena,
                             g_sink, false, NULL};
            ci->run(&ctx);
        }
    }
    uint64_t w = locks_work(fx->locks);
    fx_unit_build_shared(fx); /* the access facts, which the driver builds after the unit's checks */
    g_handshake_work = fx->shared ? fx->shared->handshake_work : 0;
    fx_unit_free(fx);
    /* the next parse starts from a clean fixture */
    snippet_teardown();
    snippet_setup();
    return w;
}

/* Issue 11: 1,000 lock/unlock pairs took 7.9 s and 2,000 took 50 s (each release replayed its
   block, each replayed event walked every site of the lock). Four times the pairs must cost
   about four times the work, not sixteen or sixty-four. */
static void assert_linear(const char *what, const char *body)
{
    uint64_t w500 = repeated_work(body, 500), w1000 = repeated_work(body, 1000), w2000 = repeated_work(body, 2000);
    fprintf(stderr, "test_locks: lock engine work for 500/1000/2000 %s: %llu %llu %llu\n", what,
            (unsigned long long)w500, (unsigned long long)w1000, (unsigned long long)w2000);
    ck_assert_uint_gt(w500, 500);
    ck_assert_msg(w1000 * 10 <= w500 * 2 * 12, "%s, 500 -> 1000: work %llu -> %llu", what,
                  (unsigned long long)w500, (unsigned long long)w1000);
    ck_assert_msg(w2000 * 10 <= w500 * 4 * 12, "%s, 500 -> 2000: work %llu -> %llu", what,
                  (unsigned long long)w500, (unsigned long long)w2000);
}

/* Every `counter++` is a counter's signal (a flag set), and every access asks which flags are set
   after it in its block: the answer must not walk the rest of the block each time (20,000 pairs
   took 187 s when it did). */
START_TEST(handshake_cost_linear)
{
    const char *body = "    pthread_mutex_lock(&m);\n    counter++;\n    pthread_mutex_unlock(&m);\n";
    uint64_t w[3];
    for (int k = 0; k < 3; k++) {
        repeated_work(body, 500u << k);
        w[k] = g_handshake_work;
    }
    fprintf(stderr, "test_locks: handshake work for 500/1000/2000 pairs: %llu %llu %llu\n",
            (unsigned long long)w[0], (unsigned long long)w[1], (unsigned long long)w[2]);
    ck_assert_uint_gt(w[0], 500);
    ck_assert_msg(w[1] * 10 <= w[0] * 2 * 12, "500 -> 1000: work %llu -> %llu", (unsigned long long)w[0],
                  (unsigned long long)w[1]);
    ck_assert_msg(w[2] * 10 <= w[0] * 4 * 12, "500 -> 2000: work %llu -> %llu", (unsigned long long)w[0],
                  (unsigned long long)w[2]);
}
END_TEST

START_TEST(pairs_cost_linear)
{
    assert_linear("pairs", "    pthread_mutex_lock(&m);\n    counter++;\n    pthread_mutex_unlock(&m);\n");
}
END_TEST

/* Nested locks: at each inner acquire, lock-order asks which sites last took the outer lock. */
START_TEST(nested_cost_linear)
{
    assert_linear("nested pairs", "    pthread_mutex_lock(&m);\n    pthread_mutex_lock(&m2);\n    counter++;\n"
                                  "    pthread_mutex_unlock(&m2);\n    pthread_mutex_unlock(&m);\n");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("test_locks");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, classify_api);
    tcase_add_test(tc, classify_handmade);
    tcase_add_test(tc, semaphore_summaries);
    tcase_add_test(tc, may_vs_must);
    tcase_add_test(tc, try_edges);
    tcase_add_test(tc, try_decider);
    tcase_add_test(tc, rewrite_decider);
    tcase_add_test(tc, function_slots);
    tcase_add_test(tc, status_reach_and_failure);
    tcase_add_test(tc, nonplain_kinds);
    tcase_add_test(tc, helper_summaries);
    tcase_add_test(tc, annotations);
    tcase_add_test(tc, rename_and_classes);
    tcase_add_test(tc, pairs_cost_linear);
    tcase_add_test(tc, handshake_cost_linear);
    tcase_add_test(tc, nested_cost_linear);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
