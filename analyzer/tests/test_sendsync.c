/* test_sendsync.c - Send/Sync derivation (facts/sendsync.c) on types from real C snippets. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/srcmap.h"
#include "diag/sink.h"
#include "facts/sendsync.h"
#include "frontend/ast.h"
#include "frontend/cdb.h"
#include "frontend/parse.h"

/* ---- fixture: one snippet per test, parsed from a temporary file ---- */

#include "snippet.h"

static void setup(void)
{
    snippet_setup();
}

static void teardown(void)
{
    snippet_teardown();
}

/* Parse a snippet that includes fearless.h and pthread.h; its variables live in `probe`. */
static ss_table *g_tb;

static void parse(const char *body)
{
    g_tb = NULL;
    snippet_parse("sendsync",
                  "#include <pthread.h>\n#include <semaphore.h>\n#include <threads.h>\n"
                  "#include <stdatomic.h>\n#include \"fearless.h\"\n",
                  body);
    g_tb = ss_table_new(g_tu->arena, g_tu->ntypes);
}

/* The type of variable `name` of function `probe`. */
static const ast_type *vt(const char *name)
{
    for (uint32_t i = 0; i < g_tu->nfuncs; i++) {
        ast_func *fn = g_tu->funcs[i];
        if (strcmp(fn->name, "probe") != 0)
            continue;
        for (uint32_t k = 0; k < fn->nvars; k++)
            if (!strcmp(fn->vars[k]->name, name)) {
                ck_assert_msg(fn->vars[k]->type != NULL, "variable %s has no type", name);
                return fn->vars[k]->type;
            }
    }
    ck_abort_msg("no variable %s in probe", name);
    return NULL;
}

static bool send_(const char *var) { return ss_has(g_tb, vt(var), SS_SEND, NULL); }
static bool sync_(const char *var) { return ss_has(g_tb, vt(var), SS_SYNC, NULL); }

/* The chain as text: "struct a.f > struct b * > struct b.g > gl_t" (fields after a dot). */
static const char *chain(const char *var, ss_trait tr)
{
    static char buf[512];
    ss_why why;
    ck_assert(!ss_has(g_tb, vt(var), tr, &why));
    buf[0] = 0;
    for (unsigned i = 0; i < why.nsteps; i++) {
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, "%s%s%s%s", i ? " > " : "", why.steps[i].type->name,
                 why.steps[i].field ? "." : "", why.steps[i].field ? why.steps[i].field->name : "");
    }
    return buf;
}

/* ---- tests ---- */

START_TEST(scalars_enums_pointers_to_them)
{
    parse("enum color { RED };\n"
          "void probe(void) { int a; double b; enum color c; char *d; const char *e; _Bool f; }");
    const char *vars[] = {"a", "b", "c", "d", "e", "f"};
    for (size_t i = 0; i < 6; i++) {
        ck_assert_msg(send_(vars[i]), "%s not Send", vars[i]);
        ck_assert_msg(sync_(vars[i]), "%s not Sync", vars[i]);
    }
}
END_TEST

START_TEST(annotated_record)
{
    parse("struct NOT_SEND gl { int id; };\n"
          "struct NOT_SYNC parser { char *cur; };\n"
          "void probe(void) { struct gl a; struct parser b; }");
    ck_assert(!send_("a"));
    ck_assert(sync_("a")); /* NOT_SEND says nothing about Sync */
    ck_assert(send_("b"));
    ck_assert(!sync_("b"));
    ck_assert_str_eq(chain("a", SS_SEND), "struct gl");
}
END_TEST

START_TEST(annotation_after_brace_and_on_typedef)
{
    parse("struct cache { int n; } NOT_SEND;\n"
          "typedef struct handle handle_t NOT_SYNC;\n"
          "void probe(void) { struct cache a; handle_t *b; struct handle *c; }");
    ck_assert(!send_("a"));
    ck_assert(!sync_("b"));
    ck_assert_str_eq(chain("b", SS_SYNC), "handle_t * > handle_t");
    /* the typedef's annotation is the typedef's, not the struct's */
    ck_assert(sync_("c"));
}
END_TEST

START_TEST(derived_through_nested_fields)
{
    parse("struct NOT_SEND gl { int id; };\n"
          "struct target { int w, h; struct gl *ctx; };\n"
          "struct job { int frame; struct target tgt; };\n"
          "void probe(void) { struct job a; struct target b; }");
    ck_assert(!send_("a"));
    ck_assert(!send_("b"));
    ck_assert(sync_("a"));
    ck_assert_str_eq(chain("a", SS_SEND), "struct job.tgt > struct target.ctx > struct gl * > struct gl");
}
END_TEST

START_TEST(arrays_inherit_from_element)
{
    parse("struct NOT_SYNC slot { int v; };\n"
          "struct table { int n; struct slot slots[16]; };\n"
          "void probe(void) { struct table a; struct slot b[4]; int c[8]; }");
    ck_assert(!sync_("a"));
    ck_assert(!sync_("b"));
    ck_assert(sync_("c"));
    ck_assert_str_eq(chain("a", SS_SYNC), "struct table.slots > struct slot[16] > struct slot");
}
END_TEST

START_TEST(typedef_layers)
{
    parse("struct NOT_SEND gl { int id; };\n"
          "typedef struct gl gl_t;\n"
          "typedef gl_t context_t;\n"
          "void probe(void) { context_t a; context_t *b; }");
    ck_assert(!send_("a"));
    ck_assert(!send_("b"));
    ck_assert_str_eq(chain("b", SS_SEND), "context_t * > context_t > gl_t > struct gl");
}
END_TEST

START_TEST(explicit_send_wins_over_field)
{
    /* the outermost annotated layer decides: C's `unsafe impl Send` */
    parse("struct NOT_SEND gl { int id; };\n"
          "struct SEND owner { struct gl *ctx; };\n"
          "typedef struct gl sendable_gl SEND;\n"
          "struct holder { sendable_gl *g; };\n"
          "void probe(void) { struct owner a; sendable_gl b; struct holder c; }");
    ck_assert(send_("a"));
    ck_assert(send_("b"));
    ck_assert(send_("c"));
}
END_TEST

START_TEST(explicit_not_send_wins_over_fields)
{
    parse("typedef struct plain { int x; } plain_t NOT_SEND;\n"
          "typedef pthread_mutex_t owned_lock NOT_SEND;\n"
          "void probe(void) { plain_t a; struct plain b; owned_lock c; }");
    ck_assert(!send_("a"));
    ck_assert(send_("b"));
    ck_assert(!send_("c")); /* an annotation on a layer above the sync object decides */
    ck_assert(sync_("c"));
}
END_TEST

START_TEST(recursive_struct)
{
    parse("struct node { int v; struct node *next; struct node *prev; };\n"
          "struct NOT_SYNC cursor { int pos; };\n"
          "struct bad { struct bad *next; struct cursor *cur; };\n"
          "struct a2; struct b2 { struct a2 *a; int n; };\n"
          "struct a2 { struct b2 *b; struct cursor c; };\n"
          "void probe(void) { struct node a; struct bad b; struct b2 c; struct a2 d; }");
    ck_assert(send_("a"));
    ck_assert(sync_("a"));
    ck_assert(!sync_("b"));
    ck_assert_str_eq(chain("b", SS_SYNC), "struct bad.cur > struct cursor * > struct cursor");
    /* b2 was assumed Sync while a2 was being decided; a2 is not, so neither is b2 */
    ck_assert(!sync_("c"));
    ck_assert(!sync_("d"));
    ck_assert_str_eq(chain("c", SS_SYNC), "struct b2.a > struct a2 * > struct a2.c > struct cursor");
}
END_TEST

START_TEST(recursive_memo_is_sound_in_either_order)
{
    /* query the inner record first, then the outer one, in a fresh unit */
    parse("struct NOT_SEND tls { int k; };\n"
          "struct a; struct b { struct a *a; };\n"
          "struct a { struct b *b; struct tls *t; };\n"
          "void probe(void) { struct b x; struct a y; }");
    ck_assert(!send_("y"));
    ck_assert(!send_("x"));
    ck_assert(send_("y") == false);
}
END_TEST

START_TEST(unions)
{
    parse("struct NOT_SEND gl { int id; };\n"
          "union value { long i; double d; struct gl *ctx; };\n"
          "union num { long i; double d; };\n"
          "void probe(void) { union value a; union num b; }");
    ck_assert(!send_("a"));
    ck_assert(send_("b"));
    ck_assert_str_eq(chain("a", SS_SEND), "union value.ctx > struct gl * > struct gl");
}
END_TEST

START_TEST(atomics)
{
    parse("struct NOT_SYNC parser { int n; };\n"
          "struct counters { _Atomic long hits; atomic_int misses; _Atomic(struct parser *) cur; };\n"
          "void probe(void) { struct counters a; _Atomic int b; }");
    ck_assert(sync_("a"));
    ck_assert(send_("a"));
    ck_assert(sync_("b"));
}
END_TEST

START_TEST(sync_objects_by_name)
{
    parse("struct stats { pthread_mutex_t mu; pthread_rwlock_t rw; pthread_cond_t cv;\n"
          "  pthread_spinlock_t sp; pthread_once_t once; sem_t sem; mtx_t m; cnd_t c; once_flag of;\n"
          "  long hits; };\n"
          "void probe(void) { struct stats a; pthread_mutex_t b; pthread_barrier_t c; }");
    ck_assert(sync_("a"));
    ck_assert(send_("a"));
    ck_assert(sync_("b"));
    ck_assert(sync_("c"));
}
END_TEST

START_TEST(opaque_and_void)
{
    parse("struct opaque;\n"
          "struct NOT_SEND sealed;\n"
          "void probe(void) { struct opaque *a; void *b; struct sealed *c; }");
    ck_assert(send_("a"));
    ck_assert(sync_("a"));
    ck_assert(send_("b"));
    ck_assert(sync_("b"));
    ck_assert(!send_("c")); /* annotated on its forward declaration */
    ck_assert(sync_("c"));
}
END_TEST

START_TEST(function_pointers)
{
    parse("struct NOT_SEND gl { int id; };\n"
          "struct ops { void (*draw)(struct gl *); int (*size)(void); };\n"
          "void probe(void) { struct ops a; }");
    ck_assert(send_("a"));
    ck_assert(sync_("a"));
}
END_TEST

START_TEST(const_view_keeps_annotation)
{
    parse("struct NOT_SYNC parser { int n; };\n"
          "struct wrap { const struct parser *p; };\n"
          "void probe(void) { const struct parser a; struct wrap b; }");
    ck_assert(!sync_("a"));
    ck_assert(!sync_("b"));
}
END_TEST

START_TEST(chain_ends_at_annotation_span)
{
    parse("typedef struct gl gl_t NOT_SEND;\n"
          "struct job { int id; gl_t *gl; };\n"
          "void probe(void) { struct job a; }");
    ss_why why;
    ck_assert(!ss_has(g_tb, vt("a"), SS_SEND, &why));
    const ast_type *c = ss_culprit(&why);
    ck_assert_str_eq(c->name, "gl_t");
    ck_assert(fl_span_valid(c->annot_span));
    ck_assert_ptr_nonnull(why.steps[0].field);
    ck_assert_str_eq(why.steps[0].field->name, "gl");
}
END_TEST

START_TEST(expression_types)
{
    parse("struct NOT_SEND gl { int id; };\n"
          "struct job { int id; struct gl *gl; struct gl arr[2]; };\n"
          "struct job *make(void);\n"
          "void probe(struct job *p) { struct job j; (void)p->gl; (void)j.arr[1]; (void)*p; (void)make(); }");
    ast_func *fn = NULL;
    for (uint32_t i = 0; i < g_tu->nfuncs; i++)
        if (!strcmp(g_tu->funcs[i]->name, "probe"))
            fn = g_tu->funcs[i];
    ck_assert_ptr_nonnull(fn);
    /* walk the statements: the (void) casts are stripped by ss_expr_type */
    ast_node *body = fn->body;
    const char *want[] = {"struct gl *", "struct gl", "struct job", "struct job *"};
    int k = 0;
    for (uint16_t i = 0; i < body->nkids; i++) {
        ast_node *s = body->kids[i];
        if (s->kind == AST_DECL_STMT)
            continue;
        const ast_type *t = ss_expr_type(s);
        ck_assert_msg(t != NULL, "statement %u has no type", i);
        ck_assert_str_eq(t->name, want[k]);
        k++;
    }
    ck_assert_int_eq(k, 4);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("test_sendsync");
    TCase *tc = tcase_create("derive");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, scalars_enums_pointers_to_them);
    tcase_add_test(tc, annotated_record);
    tcase_add_test(tc, annotation_after_brace_and_on_typedef);
    tcase_add_test(tc, derived_through_nested_fields);
    tcase_add_test(tc, arrays_inherit_from_element);
    tcase_add_test(tc, typedef_layers);
    tcase_add_test(tc, explicit_send_wins_over_field);
    tcase_add_test(tc, explicit_not_send_wins_over_fields);
    tcase_add_test(tc, recursive_struct);
    tcase_add_test(tc, recursive_memo_is_sound_in_either_order);
    tcase_add_test(tc, unions);
    tcase_add_test(tc, atomics);
    tcase_add_test(tc, sync_objects_by_name);
    tcase_add_test(tc, opaque_and_void);
    tcase_add_test(tc, function_pointers);
    tcase_add_test(tc, const_view_keeps_annotation);
    tcase_add_test(tc, chain_ends_at_annotation_span);
    tcase_add_test(tc, expression_types);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
