/* test_astfile.c - a unit's tree as bytes and back (frontend/ast_file.h): what is read back is
 * the tree that was written (its dump, its CFGs, the identity of its callees, variables and
 * types), and damaged bytes are refused or read, never a crash (the sanitizer pass checks the
 * reads). */
#include "snippet.h"

#include "base/bytes.h"
#include "base/hash.h"
#include "base/strbuf.h"
#include "frontend/ast_file.h"

static const char MAGIC[8] = {'T', 'E', 'S', 'T', 'T', 'R', 'E', 'E'};

static const char *path_of(void *ctx, uint32_t file)
{
    return fl_srcmap_path(ctx, file);
}

static uint32_t intern(void *ctx, const char *path)
{
    return fl_srcmap_intern(ctx, path);
}

static unsigned char *write_tree(const ast_tu *tu, size_t *len)
{
    fl_bw w = {0};
    w.path_of = path_of;
    w.ctx = g_sm;
    ck_assert(ast_file_put(&w, tu));
    return fl_bw_finish(&w, MAGIC, AST_FILE_VERSION, len);
}

/* The tree in b, or NULL with the reason in err. */
static ast_tu *read_tree(const unsigned char *b, size_t len, fl_srcmap *sm, char *err, size_t errlen)
{
    fl_arena *A = fl_arena_new();
    fl_br r;
    ast_tu *tu = NULL;
    if (fl_br_open(&r, b, len, MAGIC, AST_FILE_VERSION, "tree", A, intern, sm, err, errlen)) {
        tu = ast_file_get(&r);
        if (!fl_br_close(&r, "tree", err, errlen))
            tu = NULL;
    }
    if (!tu)
        fl_arena_free(A);
    return tu;
}

/* Every function's --dump-ast and --dump-cfg text. */
static char *dump(const ast_tu *tu)
{
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        ast_dump_func(tu->funcs[i], f);
        cfg_dump(cfg_build(tu->arena, tu->funcs[i]), f);
    }
    fclose(f);
    return text;
}

static const char *const SRC =
    "#include <pthread.h>\n"
    "#include <stdlib.h>\n"
    "#include \"fearless.h\"\n"
    "struct job { pthread_mutex_t mu; int n GUARDED_BY(mu); struct job *next; void (*run)(struct job *); };\n"
    "static struct job *head;\n"
    "static void runner(struct job *j) { j->n++; }\n"
    "static struct job proto = { .run = runner };\n"
    "int take(FL_MOVE void *p);\n"
    "static void *work(void *arg)\n"
    "{\n"
    "    struct job *j = arg;\n"
    "    for (int i = 0; i < 3; i++) {\n"
    "        pthread_mutex_lock(&j->mu);\n"
    "        j->n += (int)sizeof(struct job) ?: 1;\n"
    "        pthread_mutex_unlock(&j->mu);\n"
    "    }\n"
    "    switch (j->n) { case 1: break; default: goto out; }\n"
    "out:\n"
    "    return (void *)(long)(struct job){.n = 2}.n;\n"
    "}\n"
    "int main(void)\n"
    "{\n"
    "    pthread_t t;\n"
    "    struct job *j = calloc(1, sizeof *j);\n"
    "    static int calls;\n"
    "    calls++;\n"
    "    head = j;\n"
    "    proto.run(j);\n"
    "    pthread_create(&t, NULL, work, j);\n"
    "    pthread_join(t, NULL);\n"
    "    take(j);\n"
    "    return ({ int k = calls; k; });\n"
    "}\n";

START_TEST(round_trip_is_the_same_tree)
{
    ast_tu *tu = snippet_parse("astfile", "", SRC);
    size_t len;
    unsigned char *b = write_tree(tu, &len);
    char err[256] = "";
    ast_tu *back = read_tree(b, len, g_sm, err, sizeof err);
    ck_assert_msg(back != NULL, "%s", err);
    ck_assert_uint_eq(back->nfuncs, tu->nfuncs);
    ck_assert_uint_eq(back->ncallees, tu->ncallees);
    ck_assert_uint_eq(back->nglobals, tu->nglobals);
    ck_assert_uint_eq(back->ntypes, tu->ntypes);
    ck_assert_uint_eq(back->nfn_inits, tu->nfn_inits);
    ck_assert_uint_eq(back->main_file, tu->main_file);
    char *a = dump(tu), *c = dump(back);
    ck_assert_str_eq(a, c);
    /* identity: a callee's definition is the function, whose self is the callee; a parameter is
       one object wherever it is named */
    for (uint32_t i = 0; i < back->nfuncs; i++) {
        const ast_func *f = back->funcs[i];
        ck_assert_ptr_eq(f->self->def, f);
        ck_assert_ptr_eq(back->callees[f->self->index], f->self);
        for (uint32_t k = 0; k < f->nparams; k++)
            ck_assert_ptr_eq(f->params[k], f->vars[k]);
    }
    for (uint32_t i = 0; i < back->nfn_inits; i++)
        ck_assert_str_eq(back->fn_inits[i].fn->name, tu->fn_inits[i].fn->name);
    /* the same bytes once more: writing is deterministic */
    size_t len2;
    unsigned char *b2 = write_tree(back, &len2);
    ck_assert_uint_eq(len2, len);
    ck_assert(memcmp(b, b2, len) == 0);
    free(a);
    free(c);
    free(b);
    free(b2);
    fl_arena_free(back->arena);
}
END_TEST

static void reseal(unsigned char *b, size_t len)
{
    uint64_t h = fl_fnv1a(FL_FNV_BASIS, b, len - 8);
    for (int i = 0; i < 8; i++)
        b[len - 8 + i] = (unsigned char)(h >> (8 * i));
}

/* Every byte changed, under a matching checksum (a writer's bug, a forgery), and every
   truncation: read or refused, never a crash. */
START_TEST(damaged_is_an_error_never_a_crash)
{
    ast_tu *tu = snippet_parse("astfile", "", "struct s { int a; }; static int g;\n"
                                              "int f(struct s *p, int n) { int k = p->a + n; g = k; return k ? f(p, 0) : 0; }\n");
    size_t len;
    unsigned char *b = write_tree(tu, &len);
    unsigned char *c = malloc(len);
    fl_srcmap *sm2 = fl_srcmap_new();
    static const unsigned char values[] = {0x00, 0x01, 0x7f, 0x80, 0xff};
    unsigned refused = 0, read_back = 0;
    for (size_t i = 8; i < len - 8; i++)
        for (size_t v = 0; v < sizeof values; v++) {
            if (b[i] == values[v])
                continue;
            memcpy(c, b, len);
            c[i] = values[v];
            char err[256] = "";
            ck_assert(read_tree(c, len, sm2, err, sizeof err) == NULL); /* the checksum */
            ck_assert_msg(strstr(err, "damaged") || strstr(err, "format version"), "%s", err);
            reseal(c, len);
            ast_tu *r = read_tree(c, len, sm2, err, sizeof err);
            if (r) {
                read_back++;
                fl_arena_free(r->arena);
            } else
                refused++;
        }
    for (size_t cut = 0; cut < len; cut++) {
        memcpy(c, b, cut);
        char err[256] = "";
        if (cut >= 17)
            reseal(c, cut);
        ck_assert(read_tree(c, cut, sm2, err, sizeof err) == NULL);
    }
    ck_assert_uint_gt(refused, 0);
    (void)read_back;
    fl_srcmap_free(sm2);
    free(c);
    free(b);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("astfile");
    TCase *tc = tcase_create("astfile");
    tcase_add_checked_fixture(tc, snippet_setup, snippet_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, round_trip_is_the_same_tree);
    tcase_add_test(tc, damaged_is_an_error_never_a_crash);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
