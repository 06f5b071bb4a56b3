/* test_sumfile.c - a unit's summary written as bytes and read back (facts/sumfile.h): the same
 * summary comes back; truncated, damaged or foreign bytes and other format versions are errors
 * with a message, never a crash. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "facts/sumfile.h"
#include "facts/unit.h"

#include "snippet.h"

#define PRELUDE "#include <pthread.h>\n#include <stdlib.h>\n#include \"fearless.h\"\n"

/* Spans through a path: the writer's file ids are g_sm's; the reader interns into its own map. */
static const char *path_of(void *ctx, uint32_t file)
{
    return fl_srcmap_path(ctx, file);
}

static uint32_t intern(void *ctx, const char *path)
{
    return fl_srcmap_intern(ctx, path);
}

static us_unit *g_sum;
static fx_unit *g_fx;

static void setup(void)
{
    snippet_setup();
    g_sum = NULL;
    g_fx = NULL;
}

static void teardown(void)
{
    us_free(g_sum);
    fx_unit_free(g_fx);
    snippet_teardown();
}

/* The summary of a unit with a spawn wrapper, a join helper and lock helpers (on a parameter's
   field, on a static global, and a trylock). */
static const us_unit *summary(void)
{
    snippet_parse("sumfile", PRELUDE,
                  "struct conn { pthread_mutex_t mu; int n; };\n"
                  "static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;\n"
                  "int spawn(pthread_t *t, void *(*fn)(void *), void *arg) { return pthread_create(t, NULL, fn, arg); }\n"
                  "void wait_for(pthread_t t) { pthread_join(t, NULL); }\n"
                  "void conn_lock(struct conn *c) { pthread_mutex_lock(&c->mu); }\n"
                  "void conn_unlock(struct conn *c) { pthread_mutex_unlock(&c->mu); }\n"
                  "int conn_trylock(struct conn *c) { return pthread_mutex_trylock(&c->mu); }\n"
                  "void table_enter(void) { pthread_mutex_lock(&table_lock); }\n"
                  "void release(void *p) { free(p); }\n");
    g_fx = fx_unit_build(g_tu, g_cfgs, g_sm, FX_NEED_LOCKS, NULL);
    g_sum = fx_unit_export(g_fx, fl_srcmap_path(g_sm, g_tu->main_file));
    return g_sum;
}

static sf_stamp stamp(void)
{
    static sf_input in[2] = {{"/src/a.c", 120, 1700000000, 5}, {"/usr/include/pthread.h", 40000, -3, 999999999}};
    static sf_import im[1] = {{"xmalloc", 0x1234567890abcdefULL}};
    return (sf_stamp){0xfeedfacecafebeefULL, in, 2, im, 1};
}

static unsigned char *write_it(const us_unit *u, size_t *len)
{
    sf_stamp st = stamp();
    return sf_write(u, &st, path_of, g_sm, len);
}

START_TEST(round_trip)
{
    const us_unit *u = summary();
    ck_assert_uint_ge(u->nfns, 7);
    size_t len;
    unsigned char *b = write_it(u, &len);
    fl_srcmap *sm2 = fl_srcmap_new();
    sf_stamp st;
    char err[256] = "";
    us_unit *r = sf_read(b, len, &st, intern, sm2, err, sizeof err);
    ck_assert_msg(r != NULL, "read: %s", err);
    ck_assert_str_eq(r->file, u->file);
    ck_assert_uint_eq(r->nfns, u->nfns);
    for (uint32_t i = 0; i < u->nfns; i++) {
        const us_fn *a = &u->fns[i], *c = &r->fns[i];
        ck_assert_str_eq(a->name, c->name);
        ck_assert_uint_eq(a->nparams, c->nparams);
        ck_assert_uint_eq(a->nlocks, c->nlocks);
        ck_assert_uint_eq(a->handle, c->handle);
        /* the hash covers every effect: recomputed on reading, it is the writer's */
        ck_assert_msg(a->hash == c->hash, "%s: effects differ after reading", a->name);
        if (fl_span_valid(a->span)) {
            ck_assert(fl_span_valid(c->span));
            ck_assert_str_eq(fl_srcmap_path(g_sm, a->span.file), fl_srcmap_path(sm2, c->span.file));
            ck_assert_uint_eq(a->span.begin, c->span.begin);
        }
    }
    /* what the writer says of them */
    const us_fn *lk = us_find(r, "conn_lock"), *tb = us_find(r, "table_enter"), *sp = us_find(r, "spawn");
    ck_assert(lk && lk->nlocks == 1 && lk->locks[0].param == 0 && strcmp(lk->locks[0].path, "*.mu") == 0);
    ck_assert(tb && tb->nlocks == 1 && tb->locks[0].param == -1 && tb->locks[0].global_file != NULL);
    ck_assert(sp && sp->nparams == 3 && sp->spawn_api && strcmp(sp->spawn_api, "pthread_create") == 0);
    /* the stamp */
    ck_assert(st.command == 0xfeedfacecafebeefULL);
    ck_assert_uint_eq(st.ninputs, 2);
    ck_assert_str_eq(st.inputs[1].path, "/usr/include/pthread.h");
    ck_assert_int_eq(st.inputs[1].mtime_s, -3);
    ck_assert_uint_eq(st.inputs[1].mtime_ns, 999999999u);
    ck_assert_uint_eq(st.nimports, 1);
    ck_assert_str_eq(st.imports[0].name, "xmalloc");
    ck_assert(st.imports[0].hash == 0x1234567890abcdefULL);
    us_free(r);
    fl_srcmap_free(sm2);
    free(b);
}
END_TEST

/* Every prefix of a good file is an error, with a message. */
START_TEST(truncated_is_an_error)
{
    size_t len;
    unsigned char *b = write_it(summary(), &len);
    fl_srcmap *sm2 = fl_srcmap_new();
    for (size_t n = 0; n < len; n++) {
        sf_stamp st;
        char err[256] = "";
        us_unit *r = sf_read(b, n, &st, intern, sm2, err, sizeof err);
        ck_assert_msg(r == NULL, "a prefix of %zu of %zu bytes was read", n, len);
        ck_assert(err[0] != 0);
    }
    fl_srcmap_free(sm2);
    free(b);
}
END_TEST

/* Set the trailing hash of buf[0..len) to what it should be, as a writer would. */
static void reseal(unsigned char *b, size_t len)
{
    uint64_t h = fl_fnv1a(FL_FNV_BASIS, b, len - 8);
    for (int i = 0; i < 8; i++)
        b[len - 8 + i] = (unsigned char)(h >> (8 * i));
}

/* A changed byte fails the checksum; a changed byte under a matching checksum (a writer's bug, a
   deliberate forgery) is read or refused, never a crash (the sanitizer pass checks the reads). */
START_TEST(damaged_is_an_error_never_a_crash)
{
    size_t len;
    unsigned char *b = write_it(summary(), &len);
    unsigned char *c = malloc(len);
    fl_srcmap *sm2 = fl_srcmap_new();
    static const unsigned char values[] = {0x00, 0x01, 0x7f, 0x80, 0xff};
    for (size_t i = 0; i < len - 8; i++)
        for (size_t v = 0; v < sizeof values; v++) {
            if (b[i] == values[v])
                continue;
            memcpy(c, b, len);
            c[i] = values[v];
            sf_stamp st;
            char err[256] = "";
            us_unit *r = sf_read(c, len, &st, intern, sm2, err, sizeof err);
            /* the magic, the version (one byte), then the rest */
            const char *want = i < 8 ? "not a fearless summary" : i == 8 ? "summary format version" : "damaged";
            ck_assert_msg(r == NULL && strstr(err, want), "byte %zu set to %u: %s", i, values[v], err);
            reseal(c, len);
            r = sf_read(c, len, &st, intern, sm2, err, sizeof err);
            us_free(r);
        }
    /* not a summary at all */
    sf_stamp st;
    char err[256] = "";
    ck_assert(sf_read((const unsigned char *)"int main(void) { return 0; }\n", 30, &st, intern, sm2, err, sizeof err) ==
              NULL);
    ck_assert_str_eq(err, "not a fearless summary file");
    fl_srcmap_free(sm2);
    free(c);
    free(b);
}
END_TEST

START_TEST(other_version_is_a_clear_error)
{
    size_t len;
    unsigned char *b = write_it(summary(), &len);
    ck_assert_uint_eq(b[8], SF_VERSION); /* one varint byte after the magic */
    b[8] = SF_VERSION + 1;
    fl_srcmap *sm2 = fl_srcmap_new();
    sf_stamp st;
    char err[256] = "";
    /* under its own checksum, as that version would write it, and without */
    for (int sealed = 0; sealed < 2; sealed++) {
        if (sealed)
            reseal(b, len);
        ck_assert(sf_read(b, len, &st, intern, sm2, err, sizeof err) == NULL);
        char want[128];
        snprintf(want, sizeof want, "summary format version %d, this fearless reads version %d", SF_VERSION + 1,
                 SF_VERSION);
        ck_assert_str_eq(err, want);
    }
    fl_srcmap_free(sm2);
    free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("test_sumfile");
    TCase *tc = tcase_create("sumfile");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, round_trip);
    tcase_add_test(tc, truncated_is_an_error);
    tcase_add_test(tc, damaged_is_an_error_never_a_crash);
    tcase_add_test(tc, other_version_is_a_clear_error);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
