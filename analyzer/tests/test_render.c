/* test_render.c - the diagnostic sink, the human, short and JSON renderers, and libclang's caught output.
 *
 * Snapshot tests: hand-built diagnostics over source text given with fl_srcmap_set_contents,
 * compared with literal expected output. Several snapshots are rustc 1.95's own output for the
 * equivalent Rust program (same source lines, same spans), since rustc's layout is the target.
 */
#define _GNU_SOURCE
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/srcmap.h"
#include "cli/clang_output.h"
#include "diag/diag.h"
#include "diag/render.h"
#include "diag/sink.h"

static fl_srcmap *sm;

static void setup(void) { sm = fl_srcmap_new(); }
static void teardown(void) { fl_srcmap_free(sm); }

static uint32_t add_file(const char *path, const char *text)
{
    uint32_t f = fl_srcmap_intern(sm, path);
    fl_srcmap_set_contents(sm, f, text, strlen(text));
    return f;
}

/* The span of `len` bytes at 1-based line:col. */
static fl_span at(uint32_t f, uint32_t line, uint32_t col, uint32_t len)
{
    uint32_t b = fl_srcmap_line_start(sm, f, line) + col - 1;
    return (fl_span){f, b, b + len};
}

/* Render one diagnostic (plain), free it, return the text (caller frees). */
static char *human(diag *d)
{
    char *s = render_human_one(d, sm, false);
    diag_free(d);
    return s;
}

#define ck_human(d, expected)                                                                      \
    do {                                                                                           \
        char *got_ = human(d);                                                                     \
        ck_assert_str_eq(got_, expected);                                                          \
        free(got_);                                                                                \
    } while (0)

/* Whole-sink rendering into a string. */
enum { FMT_H, FMT_HC, FMT_S, FMT_J };
static char *render_sink(diag_sink *s, int fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    if (fmt == FMT_H || fmt == FMT_HC)
        render_human(s, f, fmt == FMT_HC);
    else if (fmt == FMT_S)
        render_short(s, f);
    else
        render_json(s, f);
    fclose(f);
    return buf;
}

static char *strip_ansi(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    while (*s) {
        if (s[0] == '\x1b' && s[1] == '[') {
            s += 2;
            while (*s && (isdigit((unsigned char)*s) || *s == ';'))
                s++;
            ck_assert_int_eq(*s, 'm');
            s++;
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return out;
}

/* ---- the spec's example ---------------------------------------------------------------------- */

static const char *MAIN_C = "#include <pthread.h>\n"
                            "\n"
                            "static void *worker(void *arg)\n"
                            "{\n"
                            "    return arg;\n"
                            "}\n"
                            "\n"
                            "void spawn(void) {\n"
                            "    int counter = 0;\n"
                            "    pthread_t t;\n"
                            "    /* start */\n"
                            "    pthread_create(&t, NULL, worker, &counter);\n"
                            "}\n";

static diag *spec_diag(uint32_t f)
{
    diag *d = diag_new(LVL_ERROR, "E0373", "thread-borrow", "thread may outlive borrowed value `%s`",
                       "counter");
    diag_primary(d, at(f, 12, 38, 8), "borrowed here");
    diag_secondary(d, at(f, 9, 9, 7), "`counter` declared here");
    diag_secondary(d, at(f, 13, 1, 1), "`counter` dies here while the thread may still run");
    diag_note(d, "the thread may still be running when `counter` goes out of scope");
    diag_help(d, "join the thread before the end of the scope: `pthread_join(t, NULL);`");
    return d;
}

static const char *SPEC_OUT =
    "error[E0373]: thread may outlive borrowed value `counter`\n"
    "  --> src/main.c:12:38\n"
    "   |\n"
    " 9 |     int counter = 0;\n"
    "   |         ------- `counter` declared here\n"
    "...\n"
    "12 |     pthread_create(&t, NULL, worker, &counter);\n"
    "   |                                      ^^^^^^^^ borrowed here\n"
    "13 | }\n"
    "   | - `counter` dies here while the thread may still run\n"
    "   |\n"
    "   = note: the thread may still be running when `counter` goes out of scope\n"
    "   = help: join the thread before the end of the scope: `pthread_join(t, NULL);`\n"
    "\n";

START_TEST(human_spec_example)
{
    uint32_t f = add_file("src/main.c", MAIN_C);
    ck_human(spec_diag(f), SPEC_OUT);
}
END_TEST

/* ---- snippets -------------------------------------------------------------------------------- */

static const char *A_C = "int main(void) {\n"
                         "    int x = y;\n"
                         "}\n";

START_TEST(human_single_primary)
{
    uint32_t f = add_file("a.c", A_C);
    diag *d = diag_new(LVL_ERROR, "E0001", "c", "use of `y`");
    diag_primary(d, at(f, 2, 13, 1), "not found");
    ck_human(d, "error[E0001]: use of `y`\n"
                " --> a.c:2:13\n"
                "  |\n"
                "2 |     int x = y;\n"
                "  |             ^ not found\n"
                "\n");
}
END_TEST

START_TEST(human_warning_without_code_or_label)
{
    uint32_t f = add_file("a.c", A_C);
    diag *d = diag_new(LVL_WARNING, NULL, "c", "odd");
    diag_primary(d, at(f, 2, 9, 1), NULL);
    ck_human(d, "warning: odd\n"
                " --> a.c:2:9\n"
                "  |\n"
                "2 |     int x = y;\n"
                "  |         ^\n"
                "\n");
}
END_TEST

/* rustc: `let z: i32 = "a";` E0308. */
START_TEST(human_primary_and_secondary_same_line)
{
    uint32_t f = add_file("b.rs", "    let z: i32 = \"a\";\n");
    diag *d = diag_new(LVL_ERROR, "E0308", "types", "mismatched types");
    diag_primary(d, at(f, 1, 18, 3), "expected `i32`, found `&str`");
    diag_secondary(d, at(f, 1, 12, 3), "expected due to this");
    ck_human(d, "error[E0308]: mismatched types\n"
                " --> b.rs:1:18\n"
                "  |\n"
                "1 |     let z: i32 = \"a\";\n"
                "  |            ---   ^^^ expected `i32`, found `&str`\n"
                "  |            |\n"
                "  |            expected due to this\n"
                "\n");
}
END_TEST

/* rustc 1.95, `foo(&mut x, &mut x);` on line 10: three labels stacked. */
START_TEST(human_three_labels_one_line)
{
    uint32_t f = add_file("a.rs", "\n\n\n\n\n\n\n\n\n    foo(&mut x, &mut x);\n");
    diag *d = diag_new(LVL_ERROR, "E0499", "borrow", "cannot borrow `x` as mutable more than once at a time");
    diag_primary(d, at(f, 10, 17, 6), "second mutable borrow occurs here");
    diag_secondary(d, at(f, 10, 5, 3), "first borrow later used by call");
    diag_secondary(d, at(f, 10, 9, 6), "first mutable borrow occurs here");
    ck_human(d, "error[E0499]: cannot borrow `x` as mutable more than once at a time\n"
                "  --> a.rs:10:17\n"
                "   |\n"
                "10 |     foo(&mut x, &mut x);\n"
                "   |     --- ------  ^^^^^^ second mutable borrow occurs here\n"
                "   |     |   |\n"
                "   |     |   first mutable borrow occurs here\n"
                "   |     first borrow later used by call\n"
                "\n");
}
END_TEST

START_TEST(human_labels_far_apart_and_unlabelled)
{
    uint32_t f = add_file("a.rs", "\n\n\n\n\n\n\n\n\n    foo(&mut x, &mut x);\n");
    /* Unlabelled underlines never push anything down. */
    diag *d = diag_new(LVL_ERROR, NULL, "borrow", "m");
    diag_primary(d, at(f, 10, 17, 6), NULL);
    diag_secondary(d, at(f, 10, 5, 3), NULL);
    diag_secondary(d, at(f, 1, 1, 0), "top");
    ck_human(d, "error: m\n"
                "  --> a.rs:10:17\n"
                "   |\n"
                " 1 |\n"
                "   | - top\n"
                "...\n"
                "10 |     foo(&mut x, &mut x);\n"
                "   |     ---         ^^^^^^\n"
                "\n");
}
END_TEST

static const char *C_RS = "fn main() {\n"
                          "    let mut x = 1;\n"
                          "    let r = &mut x;\n"
                          "    let s = &mut x;\n"
                          "    let _q = 3;\n"
                          "    let _q = 3;\n"
                          "    let _q = 3;\n"
                          "    let _q = 3;\n"
                          "    let _q = 3;\n"
                          "    *r += 1;\n"
                          "    let _ = s;\n"
                          "    let v = String::new();\n"
                          "    let w = v;\n"
                          "\n"
                          "    let u = v;\n"
                          "    let _ = (w, u);\n"
                          "}\n";

/* rustc 1.95 on C_RS: adjacent lines, then `...` over five lines. */
START_TEST(human_rustc_adjacent_and_elided)
{
    uint32_t f = add_file("c.rs", C_RS);
    diag *d = diag_new(LVL_ERROR, "E0499", "borrow", "cannot borrow `x` as mutable more than once at a time");
    diag_primary(d, at(f, 4, 13, 6), "second mutable borrow occurs here");
    diag_secondary(d, at(f, 3, 13, 6), "first mutable borrow occurs here");
    diag_secondary(d, at(f, 10, 5, 7), "first borrow later used here");
    ck_human(d, "error[E0499]: cannot borrow `x` as mutable more than once at a time\n"
                "  --> c.rs:4:13\n"
                "   |\n"
                " 3 |     let r = &mut x;\n"
                "   |             ------ first mutable borrow occurs here\n"
                " 4 |     let s = &mut x;\n"
                "   |             ^^^^^^ second mutable borrow occurs here\n"
                "...\n"
                "10 |     *r += 1;\n"
                "   |     ------- first borrow later used here\n"
                "\n");
}
END_TEST

/* rustc 1.95 on C_RS: a gap of one (empty) line is shown, and an insertion suggestion. */
START_TEST(human_rustc_gap_of_one_line_and_insertion)
{
    uint32_t f = add_file("c.rs", C_RS);
    diag *d = diag_new(LVL_ERROR, "E0382", "move", "use of moved value: `v`");
    diag_primary(d, at(f, 15, 13, 1), "value used here after move");
    diag_secondary(d, at(f, 12, 9, 1),
                   "move occurs because `v` has type `String`, which does not implement the `Copy` trait");
    diag_secondary(d, at(f, 13, 13, 1), "value moved here");
    diag_help_replace(d, at(f, 13, 13, 1), "v.clone()",
                      "consider cloning the value if the performance cost is acceptable");
    ck_human(d, "error[E0382]: use of moved value: `v`\n"
                "  --> c.rs:15:13\n"
                "   |\n"
                "12 |     let v = String::new();\n"
                "   |         - move occurs because `v` has type `String`, which does not implement the `Copy` trait\n"
                "13 |     let w = v;\n"
                "   |             - value moved here\n"
                "14 |\n"
                "15 |     let u = v;\n"
                "   |             ^ value used here after move\n"
                "   |\n"
                "help: consider cloning the value if the performance cost is acceptable\n"
                "   |\n"
                "13 |     let w = v.clone();\n"
                "   |              ++++++++\n"
                "\n");
}
END_TEST

START_TEST(human_two_files)
{
    uint32_t m = add_file("main.c", "#include \"w.h\"\nvoid f(void) {\n    start(&x);\n}\n");
    uint32_t h = add_file("w.h", "//\n//\n//\n//\n//\n//\nvoid start(int *p);\n");
    diag *d = diag_new(LVL_ERROR, NULL, "c", "msg");
    diag_secondary(d, at(h, 7, 12, 6), "parameter declared here");
    diag_primary(d, at(m, 3, 11, 2), "borrowed here");
    ck_human(d, "error: msg\n"
                " --> main.c:3:11\n"
                "  |\n"
                "3 |     start(&x);\n"
                "  |           ^^ borrowed here\n"
                "  |\n"
                " ::: w.h:7:12\n"
                "  |\n"
                "7 | void start(int *p);\n"
                "  |            ------ parameter declared here\n"
                "\n");
}
END_TEST

START_TEST(human_zero_width_span)
{
    uint32_t f = add_file("z.c", "int f(void) { return 0 }\n");
    diag *d = diag_new(LVL_ERROR, NULL, NULL, "expected `;`");
    diag_primary(d, at(f, 1, 23, 0), "expected `;` here");
    ck_human(d, "error: expected `;`\n"
                " --> z.c:1:23\n"
                "  |\n"
                "1 | int f(void) { return 0 }\n"
                "  |                       ^ expected `;` here\n"
                "\n");
}
END_TEST

/* Labels that do not collide both stay on the underline row (rustc's rule: label width + 2). */
START_TEST(human_tabs_expand)
{
    uint32_t f = add_file("t.c", "\tint\tx = y;\n");
    diag *d = diag_new(LVL_ERROR, NULL, "c", "t");
    diag_primary(d, at(f, 1, 10, 1), "here");
    diag_secondary(d, at(f, 1, 2, 3), "type");
    ck_human(d, "error: t\n"
                " --> t.c:1:10\n"
                "  |\n"
                "1 |     int    x = y;\n"
                "  |     --- type   ^ here\n"
                "\n");
}
END_TEST

START_TEST(human_control_chars_escaped)
{
    uint32_t f = add_file("e.c", "x = \"\x1b[2J\" + z;\n");
    diag *d = diag_new(LVL_ERROR, NULL, "c", "bad \xe2\x80\xae name \xff");
    diag_primary(d, at(f, 1, 14, 1), "here\x07");
    char *got = human(d);
    ck_assert_str_eq(got, "error: bad \\u{202e} name \\xff\n"
                          " --> e.c:1:14\n"
                          "  |\n"
                          "1 | x = \"\\x1b[2J\" + z;\n"
                          "  |                 ^ here\\x07\n"
                          "\n");
    ck_assert_ptr_null(strchr(got, '\x1b'));
    free(got);
}
END_TEST

START_TEST(human_utf8_counts_one_column)
{
    uint32_t f = add_file("u.c", "s = \"h\xc3\xa9\"; z;\n");
    diag *d = diag_new(LVL_ERROR, NULL, "c", "m");
    diag_primary(d, at(f, 1, 12, 1), NULL);
    ck_human(d, "error: m\n"
                " --> u.c:1:12\n"
                "  |\n"
                "1 | s = \"h\xc3\xa9\"; z;\n"
                "  |           ^\n"
                "\n");
}
END_TEST

START_TEST(human_multiline_span)
{
    uint32_t f = add_file("m.c", "void f(void) {\n    if (x) {\n        g();\n    }\n}\n");
    diag *d = diag_new(LVL_ERROR, NULL, "c", "m");
    fl_span s = at(f, 2, 5, 0);
    s.end = fl_srcmap_line_start(sm, f, 4) + 5;
    diag_primary(d, s, "this block");
    ck_human(d, "error: m\n"
                " --> m.c:2:5\n"
                "  |\n"
                "2 |     if (x) {\n"
                "  |     ^^^^^^^^ this block\n"
                "\n");
}
END_TEST

/* ---- children -------------------------------------------------------------------------------- */

START_TEST(human_located_note)
{
    uint32_t f = add_file("a.c", A_C);
    diag *d = diag_new(LVL_ERROR, "E0001", "c", "use of `y`");
    diag_primary(d, at(f, 2, 13, 1), "not found");
    diag_note_at(d, at(f, 1, 5, 4), "`main` is here");
    diag_note(d, "plain");
    ck_human(d, "error[E0001]: use of `y`\n"
                " --> a.c:2:13\n"
                "  |\n"
                "2 |     int x = y;\n"
                "  |             ^ not found\n"
                "  |\n"
                "note: `main` is here\n"
                " --> a.c:1:5\n"
                "  |\n"
                "1 | int main(void) {\n"
                "  |     ^^^^\n"
                "  = note: plain\n"
                "\n");
}
END_TEST

START_TEST(human_note_gutter_shared_with_children)
{
    /* A child on line 12 widens the gutter of the whole diagnostic. */
    uint32_t f = add_file("src/main.c", MAIN_C);
    diag *d = diag_new(LVL_WARNING, NULL, "c", "w");
    diag_primary(d, at(f, 5, 5, 6), NULL);
    diag_note_at(d, at(f, 12, 5, 14), "spawned here");
    ck_human(d, "warning: w\n"
                "  --> src/main.c:5:5\n"
                "   |\n"
                " 5 |     return arg;\n"
                "   |     ^^^^^^\n"
                "   |\n"
                "note: spawned here\n"
                "  --> src/main.c:12:5\n"
                "   |\n"
                "12 |     pthread_create(&t, NULL, worker, &counter);\n"
                "   |     ^^^^^^^^^^^^^^\n"
                "\n");
}
END_TEST

static const char *D_RS = "fn main() {\n"
                          "    let _x: i32 = 5u64;\n"
                          "    let s = String::new();\n"
                          "    let _y: &str = s;\n"
                          "    let _z = Strin::new();\n"
                          "}\n";

/* rustc 1.95: a replacement is shown in diff form. */
START_TEST(human_help_replacement_diff)
{
    uint32_t f = add_file("d.rs", D_RS);
    diag *d = diag_new(LVL_ERROR, "E0308", "types", "mismatched types");
    diag_primary(d, at(f, 2, 19, 4), "expected `i32`, found `u64`");
    diag_secondary(d, at(f, 2, 13, 3), "expected due to this");
    diag_help_replace(d, at(f, 2, 19, 4), "5i32", "change the type of the numeric literal from `u64` to `i32`");
    ck_human(d, "error[E0308]: mismatched types\n"
                " --> d.rs:2:19\n"
                "  |\n"
                "2 |     let _x: i32 = 5u64;\n"
                "  |             ---   ^^^^ expected `i32`, found `u64`\n"
                "  |             |\n"
                "  |             expected due to this\n"
                "  |\n"
                "help: change the type of the numeric literal from `u64` to `i32`\n"
                "  |\n"
                "2 -     let _x: i32 = 5u64;\n"
                "2 +     let _x: i32 = 5i32;\n"
                "  |\n"
                "\n");
}
END_TEST

/* rustc 1.95: insertions, before a span and inside a replaced word. */
START_TEST(human_help_insertions)
{
    uint32_t f = add_file("d.rs", D_RS);
    diag *d = diag_new(LVL_ERROR, "E0308", "types", "mismatched types");
    diag_primary(d, at(f, 4, 20, 1), "expected `&str`, found `String`");
    diag_secondary(d, at(f, 4, 13, 4), "expected due to this");
    diag_help_replace(d, at(f, 4, 20, 0), "&", "consider borrowing here");
    ck_human(d, "error[E0308]: mismatched types\n"
                " --> d.rs:4:20\n"
                "  |\n"
                "4 |     let _y: &str = s;\n"
                "  |             ----   ^ expected `&str`, found `String`\n"
                "  |             |\n"
                "  |             expected due to this\n"
                "  |\n"
                "help: consider borrowing here\n"
                "  |\n"
                "4 |     let _y: &str = &s;\n"
                "  |                    +\n"
                "\n");
    d = diag_new(LVL_ERROR, "E0433", "names", "cannot find type `Strin` in this scope");
    diag_primary(d, at(f, 5, 14, 5), "use of undeclared type `Strin`");
    diag_help_replace(d, at(f, 5, 14, 5), "String", "a struct with a similar name exists");
    ck_human(d, "error[E0433]: cannot find type `Strin` in this scope\n"
                " --> d.rs:5:14\n"
                "  |\n"
                "5 |     let _z = Strin::new();\n"
                "  |              ^^^^^ use of undeclared type `Strin`\n"
                "  |\n"
                "help: a struct with a similar name exists\n"
                "  |\n"
                "5 |     let _z = String::new();\n"
                "  |                   +\n"
                "\n");
}
END_TEST

START_TEST(human_help_multiline_replacement)
{
    uint32_t f = add_file("src/main.c", MAIN_C);
    diag *d = diag_new(LVL_ERROR, "E0373", "thread-borrow", "m");
    diag_primary(d, at(f, 12, 38, 8), NULL);
    diag_help_replace(d, at(f, 13, 1, 0), "    pthread_join(t, NULL);\n", "join the thread");
    ck_human(d, "error[E0373]: m\n"
                "  --> src/main.c:12:38\n"
                "   |\n"
                "12 |     pthread_create(&t, NULL, worker, &counter);\n"
                "   |                                      ^^^^^^^^\n"
                "   |\n"
                "help: join the thread\n"
                "   |\n"
                "13 +     pthread_join(t, NULL);\n"
                "   |\n"
                "\n");
}
END_TEST

START_TEST(human_no_location)
{
    diag *d = diag_new(LVL_ERROR, NULL, NULL, "cannot read compile_commands.json");
    ck_human(d, "error: cannot read compile_commands.json\n\n");
    d = diag_new(LVL_ERROR, NULL, NULL, "cannot read %s", "x.json");
    diag_note(d, "looked in build/");
    diag_help(d, "pass -p");
    ck_human(d, "error: cannot read x.json\n"
                "  |\n"
                "  = note: looked in build/\n"
                "  = help: pass -p\n"
                "\n");
}
END_TEST

START_TEST(human_unreadable_file)
{
    uint32_t f = fl_srcmap_intern(sm, "/nonexistent/fearless/x.c");
    diag *d = diag_new(LVL_ERROR, NULL, "c", "m");
    diag_primary(d, (fl_span){f, 10, 12}, "label");
    diag_note_at(d, (fl_span){f, 1, 2}, "there");
    ck_human(d, "error: m\n"
                " --> /nonexistent/fearless/x.c\n"
                "  |\n"
                "note: there\n"
                " --> /nonexistent/fearless/x.c\n"
                "\n");
}
END_TEST

START_TEST(human_multiline_messages_indent)
{
    diag *d = diag_new(LVL_ERROR, NULL, NULL, "first\nsecond");
    diag_note(d, "a\nb");
    ck_human(d, "error: first\n"
                "       second\n"
                "  |\n"
                "  = note: a\n"
                "          b\n"
                "\n");
}
END_TEST

/* ---- colors ---------------------------------------------------------------------------------- */

START_TEST(color_stripped_equals_plain)
{
    uint32_t f = add_file("src/main.c", MAIN_C);
    diag *d = spec_diag(f);
    diag_note_at(d, at(f, 9, 5, 3), "located");
    diag_help_replace(d, at(f, 13, 1, 0), "x", "fix");
    char *plain = render_human_one(d, sm, false);
    char *colored = render_human_one(d, sm, true);
    ck_assert_ptr_nonnull(strchr(colored, '\x1b'));
    ck_assert_ptr_null(strchr(plain, '\x1b'));
    char *stripped = strip_ansi(colored);
    ck_assert_str_eq(stripped, plain);
    free(stripped);
    free(plain);
    free(colored);
    diag_free(d);
}
END_TEST

START_TEST(color_styles)
{
    uint32_t f = add_file("a.c", A_C);
    diag *d = diag_new(LVL_WARNING, "W1", "c", "msg");
    diag_primary(d, at(f, 2, 13, 1), "p");
    diag_secondary(d, at(f, 2, 5, 3), NULL);
    diag_note(d, "n");
    char *got = render_human_one(d, sm, true);
    ck_assert_str_eq(got, "\x1b[1;33mwarning[W1]\x1b[0m\x1b[1m: msg\x1b[0m\n"
                          " \x1b[1;34m-->\x1b[0m a.c:2:13\n"
                          "  \x1b[1;34m|\x1b[0m\n"
                          "\x1b[1;34m2\x1b[0m \x1b[1;34m|\x1b[0m     int x = y;\n"
                          "  \x1b[1;34m|\x1b[0m     \x1b[1;34m---\x1b[0m     \x1b[1;33m^\x1b[0m \x1b[1;33mp\x1b[0m\n"
                          "  \x1b[1;34m|\x1b[0m\n"
                          "  \x1b[1;34m=\x1b[0m \x1b[1;32mnote\x1b[0m: n\n"
                          "\n");
    free(got);
    diag_free(d);
}
END_TEST

/* ---- the sink and the summary ------------------------------------------------------------ */

static diag *located(diag_level l, const char *check, uint32_t f, uint32_t off, const char *msg)
{
    diag *d = diag_new(l, check ? "E1" : NULL, check, "%s", msg);
    diag_primary(d, (fl_span){f, off, off + 1}, NULL);
    return d;
}

/* The last line of a rendering. */
static char *last_line(const char *s)
{
    size_t n = strlen(s);
    ck_assert(n > 0 && s[n - 1] == '\n');
    size_t b = n - 1;
    while (b > 0 && s[b - 1] != '\n')
        b--;
    return strndup(s + b, n - b);
}

static void check_summary(diag_sink *s, const char *expected)
{
    diag_sink_finish(s);
    char *out = render_sink(s, FMT_H);
    char *last = last_line(out);
    ck_assert_str_eq(last, expected);
    free(last);
    free(out);
    diag_sink_free(s);
}

START_TEST(summary_wording)
{
    uint32_t a = add_file("a.c", "aaaa\nbbbb\n"), b = add_file("b.c", "cccc\n");
    diag_sink *s = diag_sink_new(sm);
    diag_sink_add(s, located(LVL_ERROR, "c", a, 0, "x"));
    check_summary(s, "error: 1 error in 1 file\n");

    s = diag_sink_new(sm);
    diag_sink_add(s, located(LVL_ERROR, "c", a, 0, "x"));
    diag_sink_add(s, located(LVL_ERROR, "c", a, 5, "y"));
    diag_sink_add(s, located(LVL_ERROR, "c", b, 0, "z"));
    check_summary(s, "error: 3 errors in 2 files\n");

    s = diag_sink_new(sm);
    diag_sink_add(s, located(LVL_WARNING, "c", a, 0, "x"));
    diag_sink_add(s, located(LVL_WARNING, "c", a, 5, "y"));
    check_summary(s, "warning: 2 warnings in 1 file\n");

    s = diag_sink_new(sm);
    diag_sink_add(s, located(LVL_WARNING, "c", a, 0, "x"));
    check_summary(s, "warning: 1 warning in 1 file\n");

    s = diag_sink_new(sm);
    diag_sink_add(s, located(LVL_ERROR, "c", a, 0, "x"));
    diag_sink_add(s, located(LVL_ERROR, "c", a, 5, "y"));
    diag_sink_add(s, located(LVL_WARNING, "c", b, 0, "w"));
    diag_sink_add(s, located(LVL_ERROR, "c", a, 2, "z"));
    check_summary(s, "error: 3 errors and 1 warning in 2 files\n");

    s = diag_sink_new(sm);
    diag_sink_add(s, located(LVL_ERROR, "c", a, 0, "x"));
    diag_sink_add(s, located(LVL_WARNING, "c", b, 0, "w"));
    diag_sink_add(s, located(LVL_WARNING, "c", b, 1, "v"));
    check_summary(s, "error: 1 error and 2 warnings in 2 files\n");

    /* Input errors have no file. */
    s = diag_sink_new(sm);
    diag_sink_add(s, diag_new(LVL_ERROR, NULL, NULL, "no input"));
    check_summary(s, "error: 1 error\n");
}
END_TEST

START_TEST(summary_absent_and_notes_not_counted)
{
    uint32_t a = add_file("a.c", "aaaa\n");
    diag_sink *s = diag_sink_new(sm);
    diag_sink_finish(s);
    char *out = render_sink(s, FMT_H);
    ck_assert_str_eq(out, "");
    free(out);
    diag_sink_add(s, located(LVL_NOTE, "c", a, 0, "explained"));
    diag_sink_finish(s);
    out = render_sink(s, FMT_H);
    ck_assert_str_eq(out, "note[E1]: explained\n"
                          " --> a.c:1:1\n"
                          "  |\n"
                          "1 | aaaa\n"
                          "  | ^\n"
                          "\n");
    free(out);
    ck_assert_uint_eq(diag_sink_errors(s), 0);
    ck_assert_uint_eq(diag_sink_warnings(s), 0);
    diag_sink_free(s);
}
END_TEST

START_TEST(render_human_sink_colored_summary)
{
    uint32_t a = add_file("a.c", "aaaa\n");
    diag_sink *s = diag_sink_new(sm);
    diag_sink_add(s, located(LVL_ERROR, "c", a, 0, "x"));
    diag_sink_finish(s);
    char *out = render_sink(s, FMT_HC);
    char *last = last_line(out);
    ck_assert_str_eq(last, "\x1b[1;31merror\x1b[0m\x1b[1m: 1 error in 1 file\x1b[0m\n");
    free(last);
    free(out);
    diag_sink_free(s);
}
END_TEST

START_TEST(sink_sort_order)
{
    uint32_t b = add_file("b.c", "0123456789\n"), a = add_file("a.c", "0123456789012345678901234567890123456789\n");
    diag_sink *s = diag_sink_new(sm);
    diag_sink_add(s, located(LVL_ERROR, "c", b, 1, "b1"));
    diag_sink_add(s, located(LVL_ERROR, "c", a, 30, "a30"));
    diag_sink_add(s, located(LVL_WARNING, "c", a, 3, "a3-z"));
    diag_sink_add(s, located(LVL_ERROR, "c", a, 3, "a3-m"));
    diag_sink_add(s, diag_new(LVL_ERROR, "E9", NULL, "coded"));
    diag_sink_add(s, diag_new(LVL_ERROR, NULL, NULL, "zzz"));
    diag_sink_add(s, diag_new(LVL_ERROR, NULL, NULL, "aaa"));
    /* Same key, different check: kept in the order added. */
    diag_sink_add(s, located(LVL_ERROR, "second", a, 30, "a30"));
    diag_sink_finish(s);
    const char *want[] = {"aaa", "zzz", "coded", "a3-m", "a3-z", "a30", "a30", "b1"};
    ck_assert_uint_eq(diag_sink_count(s), 8);
    for (size_t i = 0; i < 8; i++)
        ck_assert_str_eq(diag_sink_get(s, i)->message, want[i]);
    ck_assert_str_eq(diag_sink_get(s, 5)->check, "c");
    ck_assert_str_eq(diag_sink_get(s, 6)->check, "second");
    diag_sink_free(s);
}
END_TEST

START_TEST(sink_dedup)
{
    uint32_t a = add_file("a.c", "0123456789\n");
    diag_sink *s = diag_sink_new(sm);
    diag_sink_add(s, located(LVL_ERROR, "c", a, 3, "m"));
    diag_sink_add(s, located(LVL_WARNING, "c", a, 3, "m")); /* level differs */
    diag_sink_add(s, located(LVL_ERROR, "c", a, 3, "m"));   /* duplicate, not adjacent */
    diag_sink_add(s, located(LVL_ERROR, "d", a, 3, "m"));   /* check differs */
    diag *wide = located(LVL_ERROR, "c", a, 3, "m");
    wide->labels[0].span.end = 6; /* span differs */
    diag_sink_add(s, wide);
    diag_sink_add(s, diag_new(LVL_ERROR, NULL, NULL, "input"));
    diag_sink_add(s, diag_new(LVL_ERROR, NULL, NULL, "input"));
    diag_sink_finish(s);
    ck_assert_uint_eq(diag_sink_count(s), 5);
    ck_assert_str_eq(diag_sink_get(s, 0)->message, "input");
    ck_assert_int_eq(diag_sink_get(s, 1)->level, LVL_ERROR);
    ck_assert_int_eq(diag_sink_get(s, 2)->level, LVL_WARNING);
    ck_assert_str_eq(diag_sink_get(s, 3)->check, "d");
    ck_assert_uint_eq(diag_sink_get(s, 4)->labels[0].span.end, 6);
    diag_sink_finish(s); /* idempotent */
    ck_assert_uint_eq(diag_sink_count(s), 5);
    diag_sink_free(s);
}
END_TEST

START_TEST(sink_warnings_as_errors)
{
    uint32_t a = add_file("a.c", "0123456789\n");
    diag_sink *s = diag_sink_new(sm);
    diag_sink_set_warnings_as_errors(s, "thread-*,-thread-x");
    diag_sink_add(s, located(LVL_WARNING, "thread-borrow", a, 1, "promoted"));
    diag_sink_add(s, located(LVL_WARNING, "thread-x", a, 2, "excluded"));
    diag_sink_add(s, located(LVL_WARNING, "other", a, 3, "unmatched"));
    diag_sink_add(s, located(LVL_NOTE, "thread-borrow", a, 4, "note stays"));
    diag_sink_set_warnings_as_errors(s, "");
    diag_sink_add(s, located(LVL_WARNING, "thread-borrow", a, 5, "after reset"));
    diag_sink_set_warnings_as_errors(s, "*");
    diag_sink_add(s, diag_new(LVL_WARNING, NULL, NULL, "no check"));
    diag_sink_finish(s);
    ck_assert_str_eq(diag_sink_get(s, 0)->message, "no check");
    ck_assert_int_eq(diag_sink_get(s, 0)->level, LVL_WARNING);
    ck_assert_int_eq(diag_sink_get(s, 1)->level, LVL_ERROR);
    ck_assert_int_eq(diag_sink_get(s, 2)->level, LVL_WARNING);
    ck_assert_int_eq(diag_sink_get(s, 3)->level, LVL_WARNING);
    ck_assert_int_eq(diag_sink_get(s, 4)->level, LVL_NOTE);
    ck_assert_int_eq(diag_sink_get(s, 5)->level, LVL_WARNING);
    ck_assert_uint_eq(diag_sink_errors(s), 1);
    ck_assert_uint_eq(diag_sink_warnings(s), 4);
    diag_sink_free(s);
}
END_TEST

/* The identities of the findings of one text, in order (each a caller-owned copy). */
static void ids_of(const char *path, const char *text, uint32_t fn_line, uint32_t fn_lines, char **ids, size_t n)
{
    uint32_t f = add_file(path, text);
    diag_sink *s = diag_sink_new(sm);
    uint32_t b = fl_srcmap_line_start(sm, f, fn_line);
    diag_sink_add_function(s, (fl_span){f, b, fl_srcmap_line_start(sm, f, fn_line + fn_lines)}, "worker");
    /* Every `*p` in the text is a finding about `p`. */
    for (const char *q = strstr(text, "*p;"); q; q = strstr(q + 1, "*p;")) {
        diag *d = diag_new(LVL_ERROR, "E1", "use-after-move", "use of freed value: `p`");
        diag_primary(d, (fl_span){f, (uint32_t)(q - text), (uint32_t)(q - text + 2)}, "used here");
        diag_sink_add(s, d);
    }
    diag_sink_finish(s);
    ck_assert_uint_eq(diag_sink_count(s), n);
    for (size_t i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(diag_sink_get(s, i)->id);
        ids[i] = strdup(diag_sink_get(s, i)->id);
    }
    diag_sink_free(s);
}

START_TEST(sink_identity_stable_and_distinct)
{
    char *a[2], *b[2], *c[1], *d[2];
    ids_of("id.c", "void worker(int *p) {\n  x = *p;\n  y = *p;\n}\n", 1, 4, a, 2);
    /* Lines added above and reindented: the same identities. */
    ids_of("id.c", "/* moved */\n\nvoid worker(int *p) {\n        x = *p;\n    y =   *p;\n}\n", 3, 4, b, 2);
    /* The same finding twice in a function: told apart by order, the first keeps its identity. */
    ck_assert_str_ne(a[0], a[1]);
    ck_assert_str_eq(a[0], b[0]);
    ck_assert_str_eq(a[1], b[1]);
    ids_of("id.c", "void worker(int *p) {\n  x = *p;\n}\n", 1, 3, c, 1);
    ck_assert_str_eq(a[0], c[0]);
    /* Another file: other identities. */
    ids_of("other.c", "void worker(int *p) {\n  x = *p;\n  y = *p;\n}\n", 1, 4, d, 2);
    ck_assert_str_ne(a[0], d[0]);
    for (int i = 0; i < 2; i++)
        free(a[i]), free(b[i]), free(d[i]);
    free(c[0]);
}
END_TEST

START_TEST(sink_counts)
{
    uint32_t a = add_file("a.c", "0123456789\n"), b = add_file("b.c", "0123\n"), c = add_file("c.c", "0\n");
    diag_sink *s = diag_sink_new(sm);
    diag_sink_add(s, located(LVL_ERROR, "c", a, 1, "e1"));
    diag_sink_add(s, located(LVL_ERROR, "c", a, 2, "e2"));
    diag_sink_add(s, located(LVL_WARNING, "c", b, 1, "w1"));
    diag_sink_add(s, located(LVL_NOTE, "c", c, 0, "n1"));
    diag_sink_finish(s);
    ck_assert_uint_eq(diag_sink_errors(s), 2);
    ck_assert_uint_eq(diag_sink_warnings(s), 1);
    ck_assert_uint_eq(diag_sink_files_with(s, false), 1);
    ck_assert_uint_eq(diag_sink_files_with(s, true), 2);
    ck_assert(!diag_sink_has_input_errors(s));
    ck_assert_ptr_eq(diag_sink_srcmap(s), sm);
    diag_sink_add(s, diag_new(LVL_WARNING, NULL, NULL, "input warning"));
    diag_sink_finish(s);
    ck_assert(!diag_sink_has_input_errors(s));
    diag_sink_add(s, diag_new(LVL_ERROR, NULL, NULL, "input error"));
    diag_sink_finish(s);
    ck_assert(diag_sink_has_input_errors(s));
    ck_assert_uint_eq(diag_sink_errors(s), 3);
    ck_assert_uint_eq(diag_sink_files_with(s, false), 1);
    diag_sink_free(s);
}
END_TEST

/* ---- short format ------------------------------------------------------------------------- */

START_TEST(short_lines)
{
    uint32_t f = add_file("src/main.c", MAIN_C);
    diag_sink *s = diag_sink_new(sm);
    diag *d = spec_diag(f);
    diag_note_at(d, at(f, 10, 5, 9), "handle");
    diag_secondary(d, at(f, 10, 15, 1), NULL); /* unlabelled: no line */
    diag_sink_add(s, d);
    d = diag_new(LVL_ERROR, NULL, NULL, "cannot parse %s", "x.c");
    diag_note(d, "why");
    diag_sink_add(s, d);
    diag_sink_add(s, located(LVL_WARNING, "w-check", f, fl_srcmap_line_start(sm, f, 3) + 5, "tab\there"));
    diag_sink_finish(s);
    char *out = render_sink(s, FMT_S);
    ck_assert_str_eq(out,
                     "fearless: error: cannot parse x.c\n"
                     "fearless: note: why\n"
                     "src/main.c:3:6: warning: tab    here [w-check]\n"
                     "src/main.c:12:38: error: thread may outlive borrowed value `counter` [thread-borrow]\n"
                     "src/main.c:9:9: note: `counter` declared here\n"
                     "src/main.c:13:1: note: `counter` dies here while the thread may still run\n"
                     "src/main.c:12:38: note: the thread may still be running when `counter` goes out of scope\n"
                     "src/main.c:12:38: help: join the thread before the end of the scope: `pthread_join(t, NULL);`\n"
                     "src/main.c:10:5: note: handle\n");
    free(out);
    diag_sink_free(s);
}
END_TEST

/* ---- JSON ------------------------------------------------------------------------------------ */

/* A strict little JSON parser for validation: returns the position after one value, or NULL. When
   `want_key` is set, the string value of that top-level key is decoded into *found. */
static const char *json_value(const char *p, const char *want_key, char **found, int depth);

static const char *json_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

static const char *json_string(const char *p, char **decoded)
{
    if (*p != '"')
        return NULL;
    p++;
    char *out = malloc(strlen(p) + 1), *o = out;
    while (*p != '"') {
        unsigned char c = (unsigned char)*p;
        if (c == 0 || c < 0x20) {
            free(out);
            return NULL;
        }
        if (c == '\\') {
            p++;
            switch (*p) {
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            case '/': *o++ = '/'; break;
            case 'n': *o++ = '\n'; break;
            case 't': *o++ = '\t'; break;
            case 'r': *o++ = '\r'; break;
            case 'b': *o++ = '\b'; break;
            case 'f': *o++ = '\f'; break;
            case 'u': {
                unsigned v = 0;
                for (int k = 1; k <= 4; k++) {
                    if (!isxdigit((unsigned char)p[k])) {
                        free(out);
                        return NULL;
                    }
                    v = v * 16 + (unsigned)(isdigit((unsigned char)p[k]) ? p[k] - '0' : (tolower(p[k]) - 'a' + 10));
                }
                if (v >= 0x80) { /* only used for the Latin-1 reading of invalid bytes here */
                    *o++ = (char)(0xc0 | (v >> 6));
                    *o++ = (char)(0x80 | (v & 0x3f));
                } else {
                    *o++ = (char)v;
                }
                p += 4;
                break;
            }
            default: free(out); return NULL;
            }
            p++;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    if (decoded)
        *decoded = out;
    else
        free(out);
    return p + 1;
}

static const char *json_value(const char *p, const char *want_key, char **found, int depth)
{
    p = json_ws(p);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        bool obj = *p == '{';
        p = json_ws(p + 1);
        if (*p == close)
            return p + 1;
        for (;;) {
            char *key = NULL;
            if (obj) {
                p = json_string(json_ws(p), &key);
                if (!p)
                    return NULL;
                p = json_ws(p);
                if (*p++ != ':') {
                    free(key);
                    return NULL;
                }
            }
            bool want = depth == 0 && key && want_key && strcmp(key, want_key) == 0;
            free(key);
            if (want && *json_ws(p) == '"')
                p = json_string(json_ws(p), found);
            else
                p = json_value(p, want_key, found, depth + 1);
            if (!p)
                return NULL;
            p = json_ws(p);
            if (*p == close)
                return p + 1;
            if (*p++ != ',')
                return NULL;
        }
    }
    if (*p == '"')
        return json_string(p, NULL);
    if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0)
        return p + 4;
    if (strncmp(p, "false", 5) == 0)
        return p + 5;
    if (*p == '-' || isdigit((unsigned char)*p)) {
        p++;
        while (isdigit((unsigned char)*p))
            p++;
        return p;
    }
    return NULL;
}

START_TEST(json_exact_object)
{
    uint32_t f = add_file("a.c", A_C);
    diag_sink *s = diag_sink_new(sm);
    diag *d = diag_new(LVL_ERROR, "E0001", "c", "use of `y`");
    diag_primary(d, at(f, 2, 13, 1), "not found");
    diag_secondary(d, at(f, 1, 5, 4), NULL);
    diag_note(d, "n");
    diag_help_replace(d, at(f, 2, 13, 1), "z", "use z");
    diag_sink_add(s, d);
    diag_sink_add(s, diag_new(LVL_WARNING, NULL, NULL, "bare"));
    diag_sink_finish(s);
    char *out = render_sink(s, FMT_J);
    ck_assert_str_eq(
        out,
        "{\"level\":\"warning\",\"code\":null,\"check\":null,\"id\":null,\"function\":null,"
        "\"message\":\"bare\",\"spans\":[],"
        "\"children\":[],\"rendered\":\"warning: bare\\n\\n\"}\n"
        "{\"level\":\"error\",\"code\":\"E0001\",\"check\":\"c\",\"id\":\"913d4c0f6ca5b503\","
        "\"function\":null,\"message\":\"use of `y`\",\"spans\":["
        "{\"file\":\"a.c\",\"byte_start\":29,\"byte_end\":30,\"line_start\":2,\"column_start\":13,"
        "\"line_end\":2,\"column_end\":14,\"is_primary\":true,\"label\":\"not found\"},"
        "{\"file\":\"a.c\",\"byte_start\":4,\"byte_end\":8,\"line_start\":1,\"column_start\":5,"
        "\"line_end\":1,\"column_end\":9,\"is_primary\":false,\"label\":null}],"
        "\"children\":[{\"level\":\"note\",\"message\":\"n\",\"spans\":[],\"suggested_replacement\":null},"
        "{\"level\":\"help\",\"message\":\"use z\",\"spans\":["
        "{\"file\":\"a.c\",\"byte_start\":29,\"byte_end\":30,\"line_start\":2,\"column_start\":13,"
        "\"line_end\":2,\"column_end\":14,\"is_primary\":true,\"label\":null}],"
        "\"suggested_replacement\":\"z\"}],"
        "\"rendered\":\"error[E0001]: use of `y`\\n --> a.c:2:13\\n  |\\n1 | int main(void) {\\n  |     ----\\n"
        "2 |     int x = y;\\n  |             ^ not found\\n  |\\n  = note: n\\nhelp: use z\\n  |\\n"
        "2 -     int x = y;\\n2 +     int x = z;\\n  |\\n\\n\"}\n");
    free(out);
    diag_sink_free(s);
}
END_TEST

/* File names are carried byte-exact: a tab or a byte that is not UTF-8 in a name is quoted and
   escaped in the short and human formats (never expanded, never a broken line), and written as
   \udcXX in JSON; plain names are printed as they are. */
START_TEST(file_names_byte_exact)
{
    uint32_t tab = add_file("dir/a\tb.c", "int x;\n");
    uint32_t ff = add_file("c\xff" "d.c", "int y;\n");
    uint32_t plain = add_file("sub dir/\xc3\xa9t\xc3\xa9.c", "int z;\n");
    diag_sink *s = diag_sink_new(sm);
    diag *d = diag_new(LVL_ERROR, "E1", "c", "m1");
    diag_primary(d, at(tab, 1, 5, 1), NULL);
    diag_sink_add(s, d);
    d = diag_new(LVL_ERROR, "E1", "c", "m2");
    diag_primary(d, at(ff, 1, 5, 1), NULL);
    diag_sink_add(s, d);
    d = diag_new(LVL_ERROR, "E1", "c", "m3");
    diag_primary(d, at(plain, 1, 5, 1), NULL);
    diag_sink_add(s, d);
    diag_sink_finish(s);
    char *out = render_sink(s, FMT_S);
    ck_assert_str_eq(out, "\"c\\xffd.c\":1:5: error: m2 [c]\n"
                          "\"dir/a\\tb.c\":1:5: error: m1 [c]\n"
                          "sub dir/\xc3\xa9t\xc3\xa9.c:1:5: error: m3 [c]\n");
    free(out);
    out = render_sink(s, FMT_H);
    ck_assert_ptr_nonnull(strstr(out, " --> \"dir/a\\tb.c\":1:5\n"));
    ck_assert_ptr_nonnull(strstr(out, " --> \"c\\xffd.c\":1:5\n"));
    ck_assert_ptr_nonnull(strstr(out, " --> sub dir/\xc3\xa9t\xc3\xa9.c:1:5\n"));
    free(out);
    out = render_sink(s, FMT_J);
    ck_assert_ptr_nonnull(strstr(out, "\"file\":\"c\\udcffd.c\""));
    ck_assert_ptr_nonnull(strstr(out, "\"file\":\"dir/a\\tb.c\""));
    ck_assert_ptr_nonnull(strstr(out, "\"file\":\"sub dir/\xc3\xa9t\xc3\xa9.c\""));
    free(out);
    diag_sink_free(s);
}
END_TEST

/* A diagnostic without a location that follows another (clang's "too many errors emitted"
   after the last error it caps) sorts right after it, not first. */
START_TEST(sink_sort_after)
{
    uint32_t f = add_file("a.c", "int x;\nint y;\n");
    uint32_t g = add_file("b.c", "int z;\n");
    diag_sink *s = diag_sink_new(sm);
    diag *cap = diag_new(LVL_ERROR, NULL, NULL, "too many errors emitted, stopping now");
    cap->sort_after = at(f, 1, 5, 1);
    diag_sink_add(s, cap);
    diag *e2 = diag_new(LVL_ERROR, NULL, NULL, "second");
    diag_primary(e2, at(f, 1, 5, 1), NULL);
    diag_sink_add(s, e2);
    diag *e1 = diag_new(LVL_ERROR, NULL, NULL, "first");
    diag_primary(e1, at(f, 1, 1, 1), NULL);
    diag_sink_add(s, e1);
    diag_sink_add(s, diag_new(LVL_ERROR, NULL, NULL, "unlocated"));
    diag *other = diag_new(LVL_ERROR, NULL, NULL, "in b.c");
    diag_primary(other, at(g, 1, 1, 1), NULL);
    diag_sink_add(s, other);
    diag_sink_finish(s);
    const char *want[] = {"unlocated", "first", "second", "too many errors emitted, stopping now", "in b.c"};
    ck_assert_uint_eq(diag_sink_count(s), 5);
    for (size_t i = 0; i < 5; i++)
        ck_assert_str_eq(diag_sink_get(s, i)->message, want[i]);
    char *out = render_sink(s, FMT_S);
    ck_assert_str_eq(out, "fearless: error: unlocated\na.c:1:1: error: first\na.c:1:5: error: second\n"
                          "fearless: error: too many errors emitted, stopping now\nb.c:1:1: error: in b.c\n");
    free(out);
    diag_sink_free(s);
}
END_TEST

START_TEST(json_escaping_valid_and_rendered)
{
    uint32_t f = add_file("q\"uo\\te.c", "char *s = \"\x01\";\tint \xc3\xa9 = 1;\n");
    diag_sink *s = diag_sink_new(sm);
    diag *d = diag_new(LVL_ERROR, "E2", "c", "quote \" backslash \\ nl\nctl\x1f bad\xfe utf8 \xc3\xa9");
    diag_primary(d, at(f, 1, 11, 3), "lbl \"x\"\t");
    diag_help_replace(d, at(f, 1, 12, 1), "\\x02\n", "h");
    diag_sink_add(s, d);
    diag_sink_finish(s);
    char *out = render_sink(s, FMT_J);

    /* One line, valid JSON, nothing after it. */
    const char *nl = strchr(out, '\n');
    ck_assert_ptr_nonnull(nl);
    ck_assert_str_eq(nl, "\n");
    char *rendered = NULL;
    const char *end = json_value(out, "rendered", &rendered, 0);
    ck_assert_ptr_nonnull(end);
    ck_assert_str_eq(end, "\n");
    ck_assert_ptr_nonnull(rendered);
    char *expected = render_human_one(diag_sink_get(s, 0), sm, false);
    ck_assert_str_eq(rendered, expected);
    free(expected);
    free(rendered);

    /* The escapes themselves. */
    /* a byte that is not UTF-8 is the lone surrogate \udcXX (surrogateescape): byte-exact */
    ck_assert_ptr_nonnull(strstr(out, "\"message\":\"quote \\\" backslash \\\\ nl\\nctl\\u001f bad\\udcfe utf8 \xc3\xa9\""));
    ck_assert_ptr_nonnull(strstr(out, "\"file\":\"q\\\"uo\\\\te.c\""));
    ck_assert_ptr_nonnull(strstr(out, "\"label\":\"lbl \\\"x\\\"\\t\""));
    ck_assert_ptr_nonnull(strstr(out, "\"suggested_replacement\":\"\\\\x02\\n\""));
    /* Every field is present. */
    const char *fields[] = {"\"level\":", "\"code\":", "\"check\":", "\"id\":", "\"function\":",
                            "\"message\":", "\"spans\":",
                            "\"children\":", "\"rendered\":", "\"file\":", "\"byte_start\":",
                            "\"byte_end\":", "\"line_start\":", "\"column_start\":", "\"line_end\":",
                            "\"column_end\":", "\"is_primary\":", "\"label\":", "\"suggested_replacement\":"};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        ck_assert_msg(strstr(out, fields[i]), "missing %s", fields[i]);
    free(out);
    diag_sink_free(s);
}
END_TEST

START_TEST(json_unreadable_file_has_null_lines)
{
    uint32_t f = fl_srcmap_intern(sm, "/nonexistent/fearless/y.c");
    diag_sink *s = diag_sink_new(sm);
    diag *d = diag_new(LVL_ERROR, NULL, "c", "m");
    diag_primary(d, (fl_span){f, 3, 4}, NULL);
    diag_sink_add(s, d);
    diag_sink_finish(s);
    char *out = render_sink(s, FMT_J);
    ck_assert_ptr_nonnull(strstr(out, "\"line_start\":null,\"column_start\":null"));
    ck_assert_ptr_nonnull(json_value(out, NULL, NULL, 0));
    free(out);
    diag_sink_free(s);
}
END_TEST

/* Two threads printing the same driver warning while units are parsed at once: clang writes the
   level, the message and the newline separately, so the caught lines interleave. Nothing new
   was said, so nothing is kept beyond the probe's warning, even under --verbose. */
START_TEST(clang_output_interleaved_repeats)
{
    const char *msg = "unknown warning option '-Wlogical-op' [-Wunknown-warning-option]";
    clang_output *co = clang_output_new();
    clang_output_begin(co);
    fprintf(stderr, "warning: %s\n", msg);
    clang_output_end_units(co, "/src/a.c", 2);
    clang_output_begin(co);
    fprintf(stderr, "warning: warning: %s%s\n\n", msg, msg);
    fprintf(stderr, "warning: %s\n%s\n", msg, msg);
    fprintf(stderr, "fatal: something else\n");
    clang_output_end_units(co, NULL, 0);
    diag_sink *s = diag_sink_new(sm);
    clang_output_report(co, s, sm, true);
    ck_assert_uint_eq(diag_sink_count(s), 2);
    ck_assert_int_eq(diag_sink_get(s, 0)->level, LVL_WARNING);
    ck_assert_ptr_nonnull(strstr(diag_sink_get(s, 0)->message, "-Wlogical-op"));
    ck_assert_int_eq(diag_sink_get(s, 1)->level, LVL_NOTE);
    ck_assert_str_eq(diag_sink_get(s, 1)->message, "libclang said: fatal: something else");
    diag_sink_free(s);
    clang_output_free(co);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("test_render");
    TCase *human_tc = tcase_create("human");
    tcase_add_checked_fixture(human_tc, setup, teardown);
    tcase_add_test(human_tc, human_spec_example);
    tcase_add_test(human_tc, human_single_primary);
    tcase_add_test(human_tc, human_warning_without_code_or_label);
    tcase_add_test(human_tc, human_primary_and_secondary_same_line);
    tcase_add_test(human_tc, human_three_labels_one_line);
    tcase_add_test(human_tc, human_labels_far_apart_and_unlabelled);
    tcase_add_test(human_tc, human_rustc_adjacent_and_elided);
    tcase_add_test(human_tc, human_rustc_gap_of_one_line_and_insertion);
    tcase_add_test(human_tc, human_two_files);
    tcase_add_test(human_tc, human_zero_width_span);
    tcase_add_test(human_tc, human_tabs_expand);
    tcase_add_test(human_tc, human_control_chars_escaped);
    tcase_add_test(human_tc, human_utf8_counts_one_column);
    tcase_add_test(human_tc, human_multiline_span);
    tcase_add_test(human_tc, human_located_note);
    tcase_add_test(human_tc, human_note_gutter_shared_with_children);
    tcase_add_test(human_tc, human_help_replacement_diff);
    tcase_add_test(human_tc, human_help_insertions);
    tcase_add_test(human_tc, human_help_multiline_replacement);
    tcase_add_test(human_tc, human_no_location);
    tcase_add_test(human_tc, human_unreadable_file);
    tcase_add_test(human_tc, human_multiline_messages_indent);
    tcase_add_test(human_tc, color_stripped_equals_plain);
    tcase_add_test(human_tc, color_styles);
    suite_add_tcase(s, human_tc);

    TCase *sink_tc = tcase_create("sink");
    tcase_add_checked_fixture(sink_tc, setup, teardown);
    tcase_add_test(sink_tc, summary_wording);
    tcase_add_test(sink_tc, summary_absent_and_notes_not_counted);
    tcase_add_test(sink_tc, render_human_sink_colored_summary);
    tcase_add_test(sink_tc, sink_sort_order);
    tcase_add_test(sink_tc, sink_sort_after);
    tcase_add_test(sink_tc, sink_dedup);
    tcase_add_test(sink_tc, sink_warnings_as_errors);
    tcase_add_test(sink_tc, sink_identity_stable_and_distinct);
    tcase_add_test(sink_tc, sink_counts);
    suite_add_tcase(s, sink_tc);

    TCase *other_tc = tcase_create("short_json");
    tcase_add_checked_fixture(other_tc, setup, teardown);
    tcase_add_test(other_tc, short_lines);
    tcase_add_test(other_tc, json_exact_object);
    tcase_add_test(other_tc, json_escaping_valid_and_rendered);
    tcase_add_test(other_tc, file_names_byte_exact);
    tcase_add_test(other_tc, json_unreadable_file_has_null_lines);
    tcase_add_test(other_tc, clang_output_interleaved_repeats);
    suite_add_tcase(s, other_tc);

    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
