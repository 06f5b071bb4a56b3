/* test_summary.c - function summaries, wrapper classification and move models, on real C
 * parsed by libclang. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/srcmap.h"
#include "diag/sink.h"
#include "facts/moves.h"
#include "facts/summary.h"
#include "facts/threads.h"
#include "frontend/ast.h"
#include "frontend/parse.h"
#include "ir/cfg.h"
#include "ir/place.h"

#include "snippet.h"

static sum_table g_sums;

static void setup(void)
{
    snippet_setup();
}

static void teardown(void)
{
    snippet_teardown();
}

#define PRELUDE                                                                                  \
    "#include <pthread.h>\n#include <stdlib.h>\n#include <stdio.h>\n#include \"fearless.h\"\n"

/* Parse `src` (PRELUDE prepended), build every CFG and compute the summaries, as the driver
   does. */
static ast_tu *summarize(const char *src)
{
    snippet_parse("summary", PRELUDE, src);
    summary_compute(g_tu->arena, g_tu, g_cfgs, NULL, &g_sums);
    return g_tu;
}

static ast_callee *callee_named(const char *name)
{
    for (uint32_t i = 0; i < g_tu->ncallees; i++)
        if (strcmp(g_tu->callees[i]->name, name) == 0)
            return g_tu->callees[i];
    ck_abort_msg("no callee %s", name);
    return NULL;
}

static const fn_summary *sum(const char *name)
{
    return sum_of(&g_sums, callee_named(name));
}

static const fn_summary *must_sum(const char *name)
{
    const fn_summary *s = sum(name);
    ck_assert_msg(s != NULL, "no summary for %s", name);
    return s;
}

static cfg *cfg_named(const char *name)
{
    for (uint32_t i = 0; i < g_tu->nfuncs; i++)
        if (strcmp(g_tu->funcs[i]->name, name) == 0)
            return g_cfgs[i];
    ck_abort_msg("no function %s", name);
    return NULL;
}

/* The first call to `callee` in function `fn`. */
static ast_node *call_in(const char *fn, const char *callee)
{
    cfg *g = cfg_named(fn);
    for (uint32_t b = 0; b < g->nblocks; b++)
        for (uint32_t i = 0; i < g->blocks[b].nelems; i++) {
            ast_node *n = g->blocks[b].elems[i].node;
            if (g->blocks[b].elems[i].kind == CFG_EXPR && n->kind == AST_CALL && n->name &&
                strcmp(n->name, callee) == 0)
                return n;
        }
    ck_abort_msg("no call to %s in %s", callee, fn);
    return NULL;
}

#define SPAWN_WORKER                                                                             \
    "int spawn_worker(pthread_t *t, void *(*fn)(void *), void *arg)\n"                          \
    "{\n"                                                                                        \
    "    int rc = pthread_create(t, NULL, fn, arg);\n"                                           \
    "    if (rc != 0)\n"                                                                         \
    "        fprintf(stderr, \"cannot start: %d\\n\", rc);\n"                                    \
    "    return rc;\n"                                                                           \
    "}\n"

#define WORKER                                                                                   \
    "struct worker { int id; pthread_t tid; };\n"                                               \
    "int worker_start(struct worker *w, void *(*fn)(void *), void *arg)\n"                      \
    "{ return pthread_create(&w->tid, NULL, fn, arg); }\n"                                      \
    "void worker_stop(struct worker *w) { pthread_join(w->tid, NULL); }\n"

/* ---- spawn wrappers ------------------------------------------------------------------------ */

START_TEST(spawn_wrapper_flags)
{
    summarize(SPAWN_WORKER);
    const fn_summary *s = must_sum("spawn_worker");
    ck_assert_uint_eq(s->nparams, 3);
    ck_assert_uint_eq(s->param[0], SUMP_SPAWN_HANDLE);
    ck_assert_uint_eq(s->param[1], SUMP_SPAWN_FN);
    ck_assert_uint_eq(s->param[2], SUMP_SPAWN_ARG);
    ck_assert_int_eq(s->handle, SUM_HANDLE_PARAM);
    ck_assert_str_eq(s->handle_path[0], "*");
    ck_assert_ptr_null(s->handle_path[1]);
    ck_assert(!s->from_annotations);
    ck_assert_ptr_nonnull(s->spawn_api);
    ck_assert_str_eq(s->spawn_api, "pthread_create");
}
END_TEST

START_TEST(spawn_wrapper_field_handle)
{
    summarize(WORKER);
    const fn_summary *s = must_sum("worker_start");
    ck_assert_uint_eq(s->param[0], SUMP_SPAWN_HANDLE);
    ck_assert_str_eq(s->handle_path[0], "*.tid");
    ck_assert_int_eq(s->handle, SUM_HANDLE_PARAM);
    /* and the matching join wrapper */
    const fn_summary *j = must_sum("worker_stop");
    ck_assert_uint_eq(j->param[0], SUMP_JOINS);
    ck_assert_str_eq(j->handle_path[0], "*.tid");
    ck_assert_int_eq(j->handle, SUM_HANDLE_NONE);
}
END_TEST

START_TEST(spawn_arg_through_local_and_cast)
{
    summarize("void *worker(void *);\n"
              "int start(pthread_t *t, void *ctx)\n"
              "{\n"
              "    void *a = ctx;\n"
              "    return pthread_create(t, NULL, worker, (void *)a);\n"
              "}\n");
    const fn_summary *s = must_sum("start");
    ck_assert_uint_eq(s->param[0], SUMP_SPAWN_HANDLE);
    ck_assert_uint_eq(s->param[1], SUMP_SPAWN_ARG);
}
END_TEST

START_TEST(two_level_composition)
{
    summarize(WORKER "struct pool { struct worker w[4]; };\n"
                     "void start_pool(struct pool *p, void *(*fn)(void *), void *arg)\n"
                     "{\n"
                     "    for (int i = 0; i < 4; i++)\n"
                     "        worker_start(&p->w[i], fn, arg);\n"
                     "}\n"
                     "void stop_pool(struct pool *p)\n"
                     "{\n"
                     "    for (int i = 0; i < 4; i++)\n"
                     "        worker_stop(&p->w[i]);\n"
                     "}\n");
    const fn_summary *s = must_sum("start_pool");
    ck_assert_uint_eq(s->param[0], SUMP_SPAWN_HANDLE);
    ck_assert_uint_eq(s->param[1], SUMP_SPAWN_FN);
    ck_assert_uint_eq(s->param[2], SUMP_SPAWN_ARG);
    ck_assert_str_eq(s->handle_path[0], "*.w[*].tid");
    ck_assert_int_eq(s->handle, SUM_HANDLE_PARAM);
    ck_assert_str_eq(s->spawn_api, "pthread_create"); /* followed through worker_start */
    const fn_summary *j = must_sum("stop_pool");
    ck_assert_uint_eq(j->param[0], SUMP_JOINS);
    ck_assert_str_eq(j->handle_path[0], "*.w[*].tid");
}
END_TEST

START_TEST(join_wrapper_by_value)
{
    summarize("void xjoin(pthread_t t)\n"
              "{\n"
              "    if (pthread_join(t, NULL) != 0)\n"
              "        abort();\n"
              "}\n");
    const fn_summary *s = must_sum("xjoin");
    ck_assert_uint_eq(s->param[0], SUMP_JOINS);
    ck_assert_str_eq(s->handle_path[0], "");
}
END_TEST

START_TEST(returned_handle)
{
    summarize("pthread_t xspawn(void *(*fn)(void *), void *arg)\n"
              "{\n"
              "    pthread_t t;\n"
              "    int rc = pthread_create(&t, NULL, fn, arg);\n"
              "    if (rc != 0)\n"
              "        abort();\n"
              "    return t;\n"
              "}\n");
    const fn_summary *s = must_sum("xspawn");
    ck_assert_int_eq(s->handle, SUM_HANDLE_RETURNED);
    ck_assert_uint_eq(s->param[0], SUMP_SPAWN_FN);
    ck_assert_uint_eq(s->param[1], SUMP_SPAWN_ARG);
}
END_TEST

START_TEST(detached_and_dropped_handles)
{
    summarize("int spawn_detached(void *(*fn)(void *), void *arg)\n"
              "{\n"
              "    pthread_t t;\n"
              "    int rc = pthread_create(&t, NULL, fn, arg);\n"
              "    if (rc == 0)\n"
              "        pthread_detach(t);\n"
              "    return rc;\n"
              "}\n"
              "void fire_and_forget(void *(*fn)(void *), void *arg)\n"
              "{\n"
              "    pthread_t t;\n"
              "    pthread_create(&t, NULL, fn, arg);\n"
              "}\n");
    ck_assert_int_eq(must_sum("spawn_detached")->handle, SUM_HANDLE_DETACHED);
    ck_assert_uint_eq(must_sum("spawn_detached")->param[1], SUMP_SPAWN_ARG);
    ck_assert_int_eq(must_sum("fire_and_forget")->handle, SUM_HANDLE_DETACHED);
}
END_TEST

START_TEST(joined_inside_is_no_spawn)
{
    summarize("int run_in_thread(void *(*fn)(void *), void *arg)\n"
              "{\n"
              "    pthread_t t;\n"
              "    if (pthread_create(&t, NULL, fn, arg) != 0)\n"
              "        return -1;\n"
              "    return pthread_join(t, NULL);\n"
              "}\n"
              "int twice(int x) { return 2 * x; }\n");
    /* the thread is over when it returns: no spawn for its callers, only "it joins threads" */
    const fn_summary *s = must_sum("run_in_thread");
    ck_assert_int_eq(s->handle, SUM_HANDLE_NONE);
    ck_assert_uint_eq(s->param[0], 0);
    ck_assert_uint_eq(s->param[1], 0);
    ck_assert(s->joins_any);
    ck_assert_ptr_null(sum("twice"));
}
END_TEST

START_TEST(hidden_handles)
{
    summarize("static pthread_t g_thread;\n"
              "struct ctx { pthread_t tid; };\n"
              "int start_global(void *(*fn)(void *), void *arg)\n"
              "{ return pthread_create(&g_thread, NULL, fn, arg); }\n"
              "struct ctx *start_heap(void *(*fn)(void *), void *arg)\n"
              "{\n"
              "    struct ctx *c = malloc(sizeof *c);\n"
              "    pthread_create(&c->tid, NULL, fn, arg);\n"
              "    return c;\n"
              "}\n");
    ck_assert_int_eq(must_sum("start_global")->handle, SUM_HANDLE_HIDDEN);
    ck_assert_uint_eq(must_sum("start_global")->param[1], SUMP_SPAWN_ARG);
    ck_assert_int_eq(must_sum("start_heap")->handle, SUM_HANDLE_HIDDEN);
}
END_TEST

START_TEST(moved_thread_arg)
{
    summarize("void *run(void *);\n"
              "int start_job(void *job)\n"
              "{\n"
              "    pthread_t t;\n"
              "    int rc = pthread_create(&t, NULL, run, fl_move(job));\n"
              "    if (rc == 0)\n"
              "        pthread_detach(t);\n"
              "    return rc;\n"
              "}\n");
    const fn_summary *s = must_sum("start_job");
    ck_assert(s->param[0] & SUMP_SPAWN_ARG_MOVED);
    ck_assert(!(s->param[0] & SUMP_SPAWN_ARG));
    /* fl_move(job) moves it on every path */
    ck_assert(s->param[0] & SUMP_MOVES);
    ck_assert(!(s->param[0] & SUMP_FREES));
}
END_TEST

START_TEST(recursion_fixed_point)
{
    summarize("int spawn_chain(pthread_t *ts, int n, void *(*fn)(void *), void *arg)\n"
              "{\n"
              "    if (n <= 0)\n"
              "        return 0;\n"
              "    if (pthread_create(&ts[n - 1], NULL, fn, arg) != 0)\n"
              "        return -1;\n"
              "    return spawn_chain(ts, n - 1, fn, arg);\n"
              "}\n"
              "struct node { struct node *next; };\n"
              "void free_b(struct node *n);\n"
              "void free_a(struct node *n) { if (n->next) free_b(n->next); free(n); }\n"
              "void free_b(struct node *n) { if (n->next) free_a(n->next); free(n); }\n");
    const fn_summary *s = must_sum("spawn_chain");
    ck_assert_uint_eq(s->param[0], SUMP_SPAWN_HANDLE);
    ck_assert_str_eq(s->handle_path[0], "*[*]");
    ck_assert_uint_eq(s->param[1], 0);
    ck_assert_uint_eq(s->param[2], SUMP_SPAWN_FN);
    ck_assert_uint_eq(s->param[3], SUMP_SPAWN_ARG);
    ck_assert_int_eq(s->handle, SUM_HANDLE_PARAM);
    ck_assert(must_sum("free_a")->param[0] & SUMP_FREES);
    ck_assert(must_sum("free_b")->param[0] & SUMP_FREES);
}
END_TEST

/* ---- moves ------------------------------------------------------------------------------- */

START_TEST(must_versus_may_moves)
{
    summarize("struct job { int refs; char *buf; };\n"
              "void job_destroy(struct job *j)\n"
              "{\n"
              "    if (!j)\n"
              "        return;\n"
              "    free(j->buf);\n"
              "    free(j);\n"
              "}\n"
              "int job_release(struct job *j)\n"
              "{\n"
              "    if (--j->refs > 0)\n"
              "        return 1;\n"
              "    free(j);\n"
              "    return 0;\n"
              "}\n"
              "void job_reset(struct job *j)\n"
              "{\n"
              "    if (j->buf)\n"
              "        free(j->buf);\n"
              "    if (j != NULL)\n"
              "        return;\n"
              "    free(j);\n"
              "}\n"
              "void job_free_checked(struct job *j)\n"
              "{\n"
              "    if (!j)\n"
              "        abort();\n"
              "    free(j);\n"
              "}\n");
    /* `if (!j) return;`: a NULL job is nothing to own, so every path frees it */
    const fn_summary *d = must_sum("job_destroy");
    ck_assert_uint_eq(d->param[0], SUMP_MOVES | SUMP_FREES | SUMP_MAY_MOVE);
    /* on the path where refs stay positive it is not freed: only "may" */
    ck_assert_uint_eq(must_sum("job_release")->param[0], SUMP_MAY_MOVE);
    /* only the NULL path "frees" j: the other returns without freeing it */
    ck_assert_uint_eq(must_sum("job_reset")->param[0], SUMP_MAY_MOVE);
    /* the abort() path does not return: freed on every path that does */
    ck_assert_uint_eq(must_sum("job_free_checked")->param[0], SUMP_MOVES | SUMP_FREES | SUMP_MAY_MOVE);
}
END_TEST

START_TEST(moves_through_summaries)
{
    summarize("struct job { char *buf; };\n"
              "void job_free(struct job *j) { free(j->buf); free(j); }\n"
              "void job_finish(struct job *j, int status)\n"
              "{\n"
              "    printf(\"%d\\n\", status);\n"
              "    job_free(j);\n"
              "}\n"
              "void caller(struct job *j)\n"
              "{\n"
              "    job_finish(j, 0);\n"
              "    printf(\"%p\\n\", (void *)j);\n"
              "}\n");
    ck_assert_uint_eq(must_sum("job_free")->param[0], SUMP_MOVES | SUMP_FREES | SUMP_MAY_MOVE);
    ck_assert_uint_eq(must_sum("job_finish")->param[0], SUMP_MOVES | SUMP_FREES | SUMP_MAY_MOVE);
    ck_assert_uint_eq(must_sum("job_finish")->param[1], 0);
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("caller", "job_finish"), 0), MOVE_FREED);
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("caller", "job_finish"), 1), MOVE_NONE);
    /* printf's variadic argument is never moved */
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("caller", "printf"), 1), MOVE_NONE);
}
END_TEST

START_TEST(reassigned_param_not_claimed)
{
    summarize("struct node { struct node *next; };\n"
              "void drop_head(struct node *n)\n"
              "{\n"
              "    n = n->next;\n"
              "    free(n);\n"
              "}\n");
    ck_assert_ptr_null(sum("drop_head"));
}
END_TEST

START_TEST(builtin_moves)
{
    summarize("void *worker(void *);\n"
              "void f(char *p, char *q, char *r)\n"
              "{\n"
              "    pthread_t t;\n"
              "    q = realloc(q, 64);\n"
              "    pthread_create(&t, NULL, worker, fl_move(r));\n"
              "    pthread_join(t, NULL);\n"
              "    free(p);\n"
              "}\n");
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("f", "free"), 0), MOVE_FREED);
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("f", "realloc"), 0), MOVE_FREED);
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("f", "realloc"), 1), MOVE_NONE);
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("f", "fl_move"), 0), MOVE_MOVED);
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("f", "pthread_create"), 3), MOVE_NONE);
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("f", "free"), 5), MOVE_NONE);
}
END_TEST

/* ---- annotations --------------------------------------------------------------------------- */

/* A queue a thread empties and frees: its push sends (facts/channels.c), and so does a helper
   that pushes its parameter; a push that can refuse sends where it does not, which its callers
   cannot tell; the same queue without a freeing consumer sends nothing. */
START_TEST(inferred_queue_senders)
{
    static const char *queue =
        "struct item { struct item *next; int v; };\n"
        "struct q { pthread_mutex_t mu; struct item *head; int closed; };\n"
        "static void push(struct q *q, struct item *it)\n"
        "{ pthread_mutex_lock(&q->mu); it->next = q->head; q->head = it; pthread_mutex_unlock(&q->mu); }\n"
        "static int try_push(struct q *q, struct item *it)\n"
        "{ if (q->closed) return -1; q->head = it; return 0; }\n"
        "static void submit(struct q *q, struct item *it) { it->v = 1; push(q, it); }\n"
        "static int try_submit(struct q *q, struct item *it) { it->v = 2; return try_push(q, it); }\n"
        "static struct item *pop(struct q *q)\n"
        "{ pthread_mutex_lock(&q->mu); struct item *it = q->head; if (it) q->head = it->next;\n"
        "  pthread_mutex_unlock(&q->mu); return it; }\n";
    char src[4096];
    snprintf(src, sizeof src, "%s%s", queue,
             "static void *consumer(void *arg) { struct item *it; while ((it = pop(arg)) != NULL) free(it); return NULL; }\n"
             "void start(struct q *q) { pthread_t t; pthread_create(&t, NULL, consumer, q); pthread_detach(t); }\n");
    summarize(src);
    ck_assert_uint_eq(g_sums.nsenders, 2);
    ck_assert_str_eq(g_sums.senders[0].push->name, "push");
    ck_assert_uint_eq(g_sums.senders[0].param, 1);
    ck_assert_str_eq(g_sums.senders[0].pop->name, "pop");
    ck_assert_str_eq(g_sums.senders[0].consumer->name, "consumer");
    ck_assert_uint_eq(must_sum("push")->param[1] & (SUMP_SENDS | SUMP_MOVES), SUMP_SENDS | SUMP_MOVES);
    ck_assert_uint_eq(must_sum("submit")->param[1] & (SUMP_SENDS | SUMP_MOVES), SUMP_SENDS | SUMP_MOVES);
    ck_assert_uint_eq(must_sum("push")->param[0], 0);
    ck_assert(!g_sums.senders[0].refuses);
    /* a push that can refuse sends where it does not: its callers move only on some paths */
    ck_assert_str_eq(g_sums.senders[1].push->name, "try_push");
    ck_assert(g_sums.senders[1].refuses);
    ck_assert_uint_eq(must_sum("try_push")->param[1] & (SUMP_SENDS | SUMP_MOVES), SUMP_SENDS | SUMP_MOVES);
    const fn_summary *ts = sum("try_submit");
    ck_assert(ts && (ts->param[1] & SUMP_MAY_MOVE) && !(ts->param[1] & SUMP_MOVES));
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("submit", "push"), 1), MOVE_SENT);

    /* the consumer keeps what it pops: nothing is sent */
    snippet_teardown(); /* one unit at a time */
    snippet_setup();
    snprintf(src, sizeof src, "%s%s", queue,
             "static void *consumer(void *arg) { struct item *it; long n = 0; while ((it = pop(arg)) != NULL) n += it->v; return (void *)n; }\n"
             "void start(struct q *q) { pthread_t t; pthread_create(&t, NULL, consumer, q); pthread_detach(t); }\n");
    summarize(src);
    ck_assert_uint_eq(g_sums.nsenders, 0);
    const fn_summary *p = sum("push");
    ck_assert(!p || !(p->param[1] & SUMP_SENDS));

    /* the same consumer called by no thread: nothing is sent */
    snippet_teardown();
    snippet_setup();
    snprintf(src, sizeof src, "%s%s", queue,
             "void drain(struct q *q) { struct item *it; while ((it = pop(q)) != NULL) free(it); }\n");
    summarize(src);
    ck_assert_uint_eq(g_sums.nsenders, 0);
}
END_TEST

START_TEST(annotated_prototypes)
{
    summarize("int pool_spawn(FL_THREAD_HANDLE pthread_t *t, FL_THREAD_FN void *(*fn)(void *),\n"
              "               FL_THREAD_ARG void *arg);\n"
              "void pool_join(FL_JOINS pthread_t t);\n"
              "struct worker;\n"
              "void worker_join(FL_JOINS struct worker *w);\n"
              "pthread_t spawn_owned(FL_THREAD_FN void *(*fn)(void *), FL_THREAD_ARG FL_MOVE void *arg);\n"
              "int chan_send(void *c, FL_SENDS void *msg);\n"
              "void job_free(FL_MOVE void *job);\n"
              "void *worker(void *);\n"
              "void use(struct worker *w, void *m)\n"
              "{\n"
              "    pthread_t t;\n"
              "    pool_spawn(&t, worker, m);\n"
              "    pool_join(t);\n"
              "    worker_join(w);\n"
              "    pthread_t u = spawn_owned(worker, m);\n"
              "    (void)u;\n"
              "    chan_send(w, m);\n"
              "    job_free(m);\n"
              "}\n");
    const fn_summary *s = must_sum("pool_spawn");
    ck_assert(s->from_annotations);
    ck_assert_uint_eq(s->param[0], SUMP_SPAWN_HANDLE);
    ck_assert_uint_eq(s->param[1], SUMP_SPAWN_FN);
    ck_assert_uint_eq(s->param[2], SUMP_SPAWN_ARG);
    ck_assert_str_eq(s->handle_path[0], "*");
    ck_assert_int_eq(s->handle, SUM_HANDLE_PARAM);
    ck_assert_str_eq(must_sum("pool_join")->handle_path[0], "");
    ck_assert_uint_eq(must_sum("pool_join")->param[0], SUMP_JOINS);
    ck_assert_str_eq(must_sum("worker_join")->handle_path[0], "*");
    const fn_summary *o = must_sum("spawn_owned");
    ck_assert_int_eq(o->handle, SUM_HANDLE_RETURNED);
    ck_assert_uint_eq(o->param[1], SUMP_SPAWN_ARG_MOVED | SUMP_MOVES);
    ck_assert_uint_eq(must_sum("chan_send")->param[1], SUMP_SENDS | SUMP_MOVES);
    ck_assert_uint_eq(must_sum("job_free")->param[0], SUMP_MOVES);

    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("use", "chan_send"), 1), MOVE_SENT);
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("use", "chan_send"), 0), MOVE_NONE);
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("use", "job_free"), 0), MOVE_MOVED);
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("use", "spawn_owned"), 1), MOVE_INTO_THREAD);
    ck_assert_int_eq(moves_call_arg(&g_sums, call_in("use", "pool_spawn"), 2), MOVE_NONE);

    thr_call tc = thr_classify(&g_sums, call_in("use", "pool_join"));
    ck_assert_int_eq(tc.kind, THR_JOIN);
    ck_assert(tc.via_wrapper);
    tc = thr_classify(&g_sums, call_in("use", "spawn_owned"));
    ck_assert_int_eq(tc.kind, THR_SPAWN);
    ck_assert_int_eq(tc.handle_kind, THR_HANDLE_RESULT);
    ck_assert(tc.moved);
}
END_TEST

/* ---- classification of wrapper calls ---------------------------------------------------------- */

START_TEST(classify_wrapper_calls)
{
    summarize(WORKER "void *serve(void *);\n"
                     "void caller(struct worker *wp)\n"
                     "{\n"
                     "    struct worker w;\n"
                     "    int cfg = 1;\n"
                     "    worker_start(&w, serve, &cfg);\n"
                     "    worker_stop(&w);\n"
                     "    worker_stop(wp);\n"
                     "}\n");
    ast_node *call = call_in("caller", "worker_start");
    thr_call tc = thr_classify(&g_sums, call);
    ck_assert_int_eq(tc.kind, THR_SPAWN);
    ck_assert(tc.via_wrapper);
    ck_assert_str_eq(tc.api, "worker_start");
    ck_assert_ptr_eq(tc.handle, call->kids[1]);
    ck_assert_ptr_eq(tc.func, call->kids[2]);
    ck_assert_ptr_eq(tc.arg, call->kids[3]);
    ck_assert(!tc.moved);
    ck_assert_int_eq(tc.handle_kind, THR_HANDLE_PTR);
    ck_assert_str_eq(tc.handle_path, "*.tid");
    place p = thr_handle_place(g_tu->arena, &tc);
    ck_assert_ptr_nonnull(p.root);
    ck_assert_str_eq(p.root->name, "w");
    ck_assert_str_eq(p.path, ".tid");

    /* the two joins: `&w` + "*.tid" is w.tid, `wp` + "*.tid" is wp->tid */
    cfg *g = cfg_named("caller");
    int njoins = 0;
    for (uint32_t b = 0; b < g->nblocks; b++)
        for (uint32_t i = 0; i < g->blocks[b].nelems; i++) {
            ast_node *n = g->blocks[b].elems[i].node;
            if (g->blocks[b].elems[i].kind != CFG_EXPR || n->kind != AST_CALL || !n->name ||
                strcmp(n->name, "worker_stop") != 0)
                continue;
            thr_call j = thr_classify(&g_sums, n);
            ck_assert_int_eq(j.kind, THR_JOIN);
            place jp = thr_handle_place(g_tu->arena, &j);
            ck_assert_ptr_nonnull(jp.root);
            if (strcmp(jp.root->name, "w") == 0)
                ck_assert_str_eq(jp.path, ".tid");
            else
                ck_assert_str_eq(jp.path, "*.tid");
            njoins++;
        }
    ck_assert_int_eq(njoins, 2);
    /* the direct API is unchanged */
    tc = thr_classify(&g_sums, call_in("worker_start", "pthread_create"));
    ck_assert(!tc.via_wrapper);
    ck_assert_str_eq(tc.api, "pthread_create");
}
END_TEST

START_TEST(compose_paths)
{
    summarize("void f(pthread_t *tp)\n"
              "{\n"
              "    pthread_t ts[4];\n"
              "    pthread_join(ts[0], NULL);\n"
              "    pthread_join(*tp, NULL);\n"
              "}\n");
    /* build argument nodes from the calls' own operands */
    ast_node *j = call_in("f", "pthread_join");
    ast_node *idx = ast_strip_casts(j->kids[1]); /* ts[0] */
    ck_assert_int_eq(idx->kind, AST_INDEX);
    ast_node *ts = idx->kids[0];
    place p = thr_compose_path(g_tu->arena, ts, "*[*]");
    ck_assert_str_eq(p.root->name, "ts");
    ck_assert_str_eq(p.path, "[*]");
    p = thr_compose_path(g_tu->arena, ts, "*.tid");
    ck_assert_str_eq(p.path, "[0].tid");
    p = thr_compose_path(g_tu->arena, idx, "");
    ck_assert_str_eq(p.path, "[0]");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("test_summary");
    TCase *tc = tcase_create("summary");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, spawn_wrapper_flags);
    tcase_add_test(tc, spawn_wrapper_field_handle);
    tcase_add_test(tc, spawn_arg_through_local_and_cast);
    tcase_add_test(tc, two_level_composition);
    tcase_add_test(tc, join_wrapper_by_value);
    tcase_add_test(tc, returned_handle);
    tcase_add_test(tc, detached_and_dropped_handles);
    tcase_add_test(tc, joined_inside_is_no_spawn);
    tcase_add_test(tc, hidden_handles);
    tcase_add_test(tc, moved_thread_arg);
    tcase_add_test(tc, recursion_fixed_point);
    tcase_add_test(tc, must_versus_may_moves);
    tcase_add_test(tc, moves_through_summaries);
    tcase_add_test(tc, reassigned_param_not_claimed);
    tcase_add_test(tc, builtin_moves);
    tcase_add_test(tc, annotated_prototypes);
    tcase_add_test(tc, inferred_queue_senders);
    tcase_add_test(tc, classify_wrapper_calls);
    tcase_add_test(tc, compose_paths);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
