/* test_base.c - arenas, strings, glob lists, the source map and bit sets. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/bitset.h"
#include "base/glob.h"
#include "base/graph.h"
#include "base/srcmap.h"
#include "base/strbuf.h"
#include "base/suggest.h"
#include "base/vec.h"
#include "base/xalloc.h"

START_TEST(arena_alignment_and_growth)
{
    fl_arena *a = fl_arena_new();
    for (int i = 0; i < 10000; i++) {
        void *p = fl_arena_alloc(a, (size_t)(i % 37) + 1);
        ck_assert_uint_eq((uintptr_t)p % 16, 0);
    }
    /* a block bigger than a chunk */
    char *big = fl_arena_alloc(a, 1 << 20);
    memset(big, 1, 1 << 20);
    char *after = fl_arena_alloc(a, 8);
    ck_assert_ptr_nonnull(after);
    ck_assert_uint_ge(fl_arena_used(a), (size_t)(1 << 20));
    fl_arena_free(a);
}
END_TEST

START_TEST(arena_strings)
{
    fl_arena *a = fl_arena_new();
    ck_assert_str_eq(fl_arena_strdup(a, "pthread"), "pthread");
    ck_assert_str_eq(fl_arena_strndup(a, "pthread_create", 7), "pthread");
    ck_assert_str_eq(fl_arena_sprintf(a, "%s[%d]", "t", 3), "t[3]");
    ck_assert_ptr_null(fl_arena_strdup(a, NULL));
    int *z = FL_NEW_ARRAY(a, int, 100);
    for (int i = 0; i < 100; i++)
        ck_assert_int_eq(z[i], 0);
    fl_arena_free(a);
}
END_TEST

START_TEST(strbuf_appends)
{
    fl_strbuf sb = {0};
    ck_assert_str_eq(fl_sb_str(&sb), "");
    fl_sb_puts(&sb, "error");
    fl_sb_putc(&sb, '[');
    fl_sb_printf(&sb, "E%04d", 373);
    fl_sb_putc(&sb, ']');
    fl_sb_repeat(&sb, '^', 3);
    ck_assert_str_eq(fl_sb_str(&sb), "error[E0373]^^^");
    ck_assert_uint_eq(sb.len, 15);
    for (int i = 0; i < 1000; i++)
        fl_sb_putc(&sb, 'x');
    ck_assert_uint_eq(strlen(fl_sb_str(&sb)), 1015);
    char *s = fl_sb_take(&sb);
    ck_assert_uint_eq(strlen(s), 1015);
    ck_assert_ptr_null(sb.data);
    free(s);
}
END_TEST

START_TEST(suggest_closest_name)
{
    static const char *const names[] = {"data-race", "double-lock", "lock-leak", "use-after-move"};
    ck_assert_str_eq(fl_suggest("data-rase", names, 4), "data-race");
    ck_assert_str_eq(fl_suggest("use-after-mvoe", names, 4), "use-after-move"); /* a swap */
    ck_assert_str_eq(fl_suggest("lockleak", names, 4), "lock-leak");
    ck_assert_ptr_null(fl_suggest("thread-borrow", names, 4)); /* nothing close */
    ck_assert_ptr_null(fl_suggest("data-race", names, 4));     /* not misspelt */
}
END_TEST

START_TEST(glob_single)
{
    ck_assert(fl_glob_match("*", "thread-borrow", 1));
    ck_assert(fl_glob_match("thread-*", "thread-borrow", 8));
    ck_assert(!fl_glob_match("thread-*", "data-race", 8));
    ck_assert(fl_glob_match("*-borrow", "thread-borrow", 8));
    ck_assert(fl_glob_match("t*d-b*w", "thread-borrow", 7));
    ck_assert(!fl_glob_match("thread", "thread-borrow", 6));
}
END_TEST

START_TEST(glob_lists_last_match_wins)
{
    ck_assert(fl_glob_list_match("*", "thread-borrow"));
    ck_assert(!fl_glob_list_match("-*", "thread-borrow"));
    ck_assert(!fl_glob_list_match("*,-thread-borrow", "thread-borrow"));
    ck_assert(fl_glob_list_match("-*,thread-borrow", "thread-borrow"));
    ck_assert(fl_glob_list_match("-*, thread-* ", "thread-borrow"));
    ck_assert(!fl_glob_list_match("", "thread-borrow"));
    ck_assert(!fl_glob_list_match(NULL, "thread-borrow"));
    ck_assert(!fl_glob_list_match("data-race", "thread-borrow"));
}
END_TEST

START_TEST(srcmap_lines_and_columns)
{
    fl_srcmap *sm = fl_srcmap_new();
    uint32_t f = fl_srcmap_intern(sm, "a.c");
    ck_assert_uint_eq(fl_srcmap_intern(sm, "b.c"), f + 1);
    ck_assert_uint_eq(fl_srcmap_intern(sm, "a.c"), f);
    const char *text = "int a;\r\nint b;\n\nint c;";
    fl_srcmap_set_contents(sm, f, text, strlen(text));
    ck_assert_uint_eq(fl_srcmap_nlines(sm, f), 4);
    uint32_t line, col;
    ck_assert(fl_srcmap_line_col(sm, f, 0, &line, &col));
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 1);
    ck_assert(fl_srcmap_line_col(sm, f, 12, &line, &col));
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 5);
    ck_assert(fl_srcmap_line_col(sm, f, 16, &line, &col));
    ck_assert_uint_eq(line, 4);
    ck_assert_uint_eq(col, 1);
    size_t len;
    const char *l1 = fl_srcmap_line(sm, f, 1, &len);
    ck_assert_uint_eq(len, 6); /* \r\n stripped */
    ck_assert(strncmp(l1, "int a;", len) == 0);
    ck_assert_ptr_nonnull(fl_srcmap_line(sm, f, 3, &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_ptr_null(fl_srcmap_line(sm, f, 5, &len));
    ck_assert_uint_eq(fl_srcmap_line_start(sm, f, 4), 16);
    ck_assert_str_eq(fl_srcmap_path(sm, f), "a.c");
    fl_srcmap_free(sm);
}
END_TEST

START_TEST(srcmap_unreadable_file)
{
    fl_srcmap *sm = fl_srcmap_new();
    uint32_t f = fl_srcmap_intern(sm, "/nonexistent/dir/file.c");
    uint32_t line, col;
    ck_assert(!fl_srcmap_line_col(sm, f, 10, &line, &col));
    size_t len;
    ck_assert_ptr_null(fl_srcmap_line(sm, f, 1, &len));
    ck_assert_uint_eq(fl_srcmap_nlines(sm, f), 0);
    fl_srcmap_free(sm);
}
END_TEST

START_TEST(srcmap_reads_from_disk)
{
    char path[] = "/tmp/fl_test_srcmap_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char *text = "line one\nline two\n";
    ck_assert_int_eq(write(fd, text, strlen(text)), (int)strlen(text));
    close(fd);
    fl_srcmap *sm = fl_srcmap_new();
    uint32_t f = fl_srcmap_intern(sm, path);
    size_t len;
    const char *l2 = fl_srcmap_line(sm, f, 2, &len);
    ck_assert_ptr_nonnull(l2);
    ck_assert(strncmp(l2, "line two", len) == 0 && len == 8);
    ck_assert_uint_eq(fl_srcmap_nlines(sm, f), 2);
    fl_srcmap_free(sm);
    unlink(path);
}
END_TEST

START_TEST(bitset_ops)
{
    fl_word a[2], b[2];
    uint32_t nw = fl_bs_words(100);
    ck_assert_uint_eq(nw, 2);
    fl_bs_zero(a, nw);
    fl_bs_zero(b, nw);
    ck_assert(fl_bs_empty(a, nw));
    fl_bs_set(a, 3);
    fl_bs_set(a, 99);
    ck_assert(fl_bs_test(a, 99) && fl_bs_test(a, 3) && !fl_bs_test(a, 4));
    ck_assert(fl_bs_union(b, a, nw));
    ck_assert(!fl_bs_union(b, a, nw));
    ck_assert(fl_bs_equal(a, b, nw));
    fl_bs_clear(b, 3);
    ck_assert(fl_bs_intersect(a, b, nw));
    ck_assert(!fl_bs_test(a, 3) && fl_bs_test(a, 99));
    fl_bs_fill(b, nw);
    ck_assert(!fl_bs_intersect(a, b, nw));
}
END_TEST

/* 0 -> 1 -> 2, 0 -> 2, 3 -> 3 (a loop on itself), 4 -> 0 */
static const uint32_t *test_succs(void *ctx, uint32_t v, uint32_t *n)
{
    static const uint32_t s0[] = {1, 2}, s1[] = {2}, s3[] = {3}, s4[] = {0};
    static const uint32_t *const all[] = {s0, s1, NULL, s3, s4};
    static const uint32_t counts[] = {2, 1, 0, 1, 1};
    (void)ctx;
    *n = counts[v];
    return all[v];
}

START_TEST(post_order_callees_first)
{
    bool visited[5] = {false};
    fl_u32_vec order = {0};
    fl_post_order(0, test_succs, NULL, visited, &order);
    ck_assert_uint_eq(order.len, 3);
    ck_assert_uint_eq(order.items[0], 2);
    ck_assert_uint_eq(order.items[1], 1);
    ck_assert_uint_eq(order.items[2], 0);
    /* a node on a loop to itself, then a root whose successors are all done */
    fl_post_order(3, test_succs, NULL, visited, &order);
    fl_post_order(4, test_succs, NULL, visited, &order);
    fl_post_order(0, test_succs, NULL, visited, &order); /* already visited: nothing */
    ck_assert_uint_eq(order.len, 5);
    ck_assert_uint_eq(order.items[3], 3);
    ck_assert_uint_eq(order.items[4], 4);
    fl_vec_free(&order);
}
END_TEST

START_TEST(vec_push)
{
    FL_VEC(int) v = {0};
    for (int i = 0; i < 1000; i++)
        fl_vec_push(&v, i * 2);
    ck_assert_uint_eq(v.len, 1000);
    ck_assert_int_eq(v.items[999], 1998);
    fl_vec_free(&v);
    ck_assert_ptr_null(v.items);
}
END_TEST

START_TEST(xasprintf_formats)
{
    char *s = fl_xasprintf("%s:%u:%u", "main.c", 12u, 5u);
    ck_assert_str_eq(s, "main.c:12:5");
    free(s);
    char *d = fl_xstrndup("abcdef", 3);
    ck_assert_str_eq(d, "abc");
    free(d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("base");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, arena_alignment_and_growth);
    tcase_add_test(tc, arena_strings);
    tcase_add_test(tc, strbuf_appends);
    tcase_add_test(tc, suggest_closest_name);
    tcase_add_test(tc, glob_single);
    tcase_add_test(tc, glob_lists_last_match_wins);
    tcase_add_test(tc, srcmap_lines_and_columns);
    tcase_add_test(tc, srcmap_unreadable_file);
    tcase_add_test(tc, srcmap_reads_from_disk);
    tcase_add_test(tc, bitset_ops);
    tcase_add_test(tc, vec_push);
    tcase_add_test(tc, post_order_callees_first);
    tcase_add_test(tc, xasprintf_formats);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
