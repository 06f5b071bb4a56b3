/* test_cdb.c - jobs from compile_commands.json and from the command line, on real temp trees. */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/srcmap.h"
#include "base/xalloc.h"
#include "diag/sink.h"
#include "frontend/cdb.h"
#include "frontend/cdb_json.h"

/* ---- helpers -------------------------------------------------------------------------- */

static char root[PATH_MAX]; /* resolved temp root of the current test */
static char saved_cwd[PATH_MAX];

static char *path_in(const char *rel)
{
    return fl_xasprintf("%s/%s", root, rel);
}

/* Write `text` to root/rel, creating the folders on the way. */
static void put(const char *rel, const char *text)
{
    char *p = path_in(rel);
    for (char *s = p + strlen(root) + 1; (s = strchr(s, '/')) != NULL; s++) {
        *s = '\0';
        mkdir(p, 0755);
        *s = '/';
    }
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    free(p);
}

static void mkdirs(const char *rel)
{
    char *p = path_in(rel);
    for (char *s = p + strlen(root) + 1;; s++) {
        char *slash = strchr(s, '/');
        if (slash)
            *slash = '\0';
        mkdir(p, 0755);
        if (!slash)
            break;
        *slash = '/';
        s = slash;
    }
    free(p);
}

static void setup(void)
{
    ck_assert_ptr_nonnull(getcwd(saved_cwd, sizeof saved_cwd));
    const char *tmp = getenv("TMPDIR");
    char *tmpl = fl_xasprintf("%s/fl_cdb_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
    /* /tmp may itself be a symlink: jobs carry resolved paths. */
    ck_assert_ptr_nonnull(realpath(tmpl, root));
    free(tmpl);
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(p);
}

static void teardown(void)
{
    if (chdir(saved_cwd) != 0)
        perror("chdir");
    nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void go_root(void)
{
    ck_assert_int_eq(chdir(root), 0);
}

static void expect_argv(const fe_job *j, ...)
{
    va_list ap;
    va_start(ap, j);
    uint32_t i = 0;
    for (const char *want; (want = va_arg(ap, const char *)) != NULL; i++) {
        ck_assert_msg(i < j->argc, "argv too short: wanted '%s' at %u", want, i);
        ck_assert_str_eq(j->argv[i], want);
    }
    va_end(ap);
    ck_assert_uint_eq(j->argc, i);
}

/* The single diagnostic message of `s` (asserts there is exactly one and it is an input error). */
static const char *only_message(diag_sink *s)
{
    diag_sink_finish(s);
    ck_assert_uint_eq(diag_sink_count(s), 1);
    const diag *d = diag_sink_get(s, 0);
    ck_assert_int_eq(d->level, LVL_ERROR);
    ck_assert_ptr_null(d->check);
    return d->message;
}

typedef struct world {
    fl_srcmap *sm;
    diag_sink *sink;
    fe_joblist jobs;
} world;

static world new_world(void)
{
    world w = {0};
    w.sm = fl_srcmap_new();
    w.sink = diag_sink_new(w.sm);
    return w;
}

static void free_world(world *w)
{
    fe_joblist_free(&w->jobs);
    diag_sink_free(w->sink);
    fl_srcmap_free(w->sm);
}

static char **strs(int n, ...)
{
    char **v = fl_xcalloc((size_t)n + 1, sizeof *v);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        v[i] = fl_xstrdup(va_arg(ap, const char *));
    va_end(ap);
    return v;
}

static void free_strs(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* A project: src/a.c including "x.h" from inc/, and a database in build/ with one entry
   in the "arguments" form, relative "file" and relative -I. */
static void make_project(void)
{
    put("inc/x.h", "int x;\n");
    put("src/a.c", "#include \"x.h\"\nint main(void) { return x; }\n");
    char *json = fl_xasprintf(
        "[{\"directory\": \"%s\", \"file\": \"src/a.c\",\n"
        "  \"arguments\": [\"/usr/bin/cc\", \"-Iinc\", \"-DA=1\", \"-MD\", \"-MF\", \"dep.d\",\n"
        "                \"-o\", \"out.o\", \"-c\", \"src/a.c\"]}]\n",
        root);
    put("build/compile_commands.json", json);
    free(json);
}

/* ---- fe_clean_args -------------------------------------------------------------------- */

START_TEST(clean_drops_dependency_and_output_options)
{
    int n = 27;
    char **v = strs(n, "cc", "-M", "-MM", "-MD", "-MMD", "-MG", "-MP", "-MF", "dep.d", "-MFdep2.d", "-MT",
                    "t", "-MTt2", "-MQ", "q", "-MQq2", "-MJ", "j.json", "-o", "out.o", "-oout2.o", "-c",
                    "-DX", "-Iinc", "-Wp,-MD,k.d", "-objcmt-migrate-literals", "a.c");
    uint32_t m = fe_clean_args(v, (uint32_t)n);
    const char *want[] = {"cc", "-DX", "-Iinc", "-objcmt-migrate-literals", "a.c"};
    ck_assert_uint_eq(m, 5);
    for (uint32_t i = 0; i < m; i++)
        ck_assert_str_eq(v[i], want[i]);
    for (int i = (int)m; i < n; i++)
        ck_assert_ptr_null(v[i]);
    free_strs(v, (int)m);
}
END_TEST

START_TEST(clean_keeps_everything_else)
{
    int n = 9;
    char **v = strs(n, "gcc", "-std=c11", "-Werror", "-include", "cfg.h", "-isystem", "/x", "-pthread", "m.c");
    uint32_t m = fe_clean_args(v, (uint32_t)n);
    ck_assert_uint_eq(m, 9);
    ck_assert_str_eq(v[3], "-include");
    ck_assert_str_eq(v[4], "cfg.h");
    free_strs(v, (int)m);
    /* A dangling -o at the end is dropped without reading past the end. */
    v = strs(2, "cc", "-o");
    ck_assert_uint_eq(fe_clean_args(v, 2), 1);
    free_strs(v, 1);
}
END_TEST

/* ---- fe_jobs_from_cdb ----------------------------------------------------------------- */

START_TEST(cdb_arguments_form_cleaned_with_working_directory)
{
    make_project();
    world w = new_world();
    char *build = path_in("build");
    ck_assert_int_eq(fe_jobs_from_cdb(build, NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 1);
    const fe_job *j = &w.jobs.jobs[0];
    char *file = path_in("src/a.c");
    char *wd = fl_xasprintf("-working-directory=%s", root);
    ck_assert_str_eq(j->file, file);
    ck_assert_str_eq(j->directory, root);
    /* The source keeps its relative spelling: it resolves against -working-directory. */
    expect_argv(j, "/usr/bin/cc", "-Iinc", "-DA=1", "src/a.c", wd, NULL);
    diag_sink_finish(w.sink);
    ck_assert_uint_eq(diag_sink_count(w.sink), 0);
    free(file);
    free(wd);
    free(build);
    free_world(&w);
}
END_TEST

START_TEST(cdb_command_form)
{
    put("p/m.c", "int m;\n");
    char *json = fl_xasprintf("[{\"directory\": \"%s/p\", \"file\": \"m.c\",\n"
                              "  \"command\": \"cc -DNAME=\\\"x y\\\" -I ../inc -c m.c -o m.o\"}]\n",
                              root);
    put("compile_commands.json", json);
    free(json);
    world w = new_world();
    ck_assert_int_eq(fe_jobs_from_cdb(root, NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 1);
    char *wd = fl_xasprintf("-working-directory=%s/p", root);
    char *file = path_in("p/m.c");
    /* libclang splits the command like a shell: the quotes go, the space stays. */
    expect_argv(&w.jobs.jobs[0], "cc", "-DNAME=x y", "-I", "../inc", "m.c", wd, NULL);
    ck_assert_str_eq(w.jobs.jobs[0].file, file);
    free(wd);
    free(file);
    free_world(&w);
}
END_TEST

START_TEST(cdb_found_in_parent_directory)
{
    make_project();
    mkdirs("build/sub/deeper");
    world w = new_world();
    char *deep = path_in("build/sub/deeper");
    ck_assert_int_eq(fe_jobs_from_cdb(deep, NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 1);
    ck_assert_str_eq(w.jobs.jobs[0].argv[0], "/usr/bin/cc");
    free(deep);
    free_world(&w);
}
END_TEST

START_TEST(cdb_relative_build_dir_and_json_path)
{
    make_project();
    go_root();
    world w = new_world();
    ck_assert_int_eq(fe_jobs_from_cdb("build", NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 1);
    fe_joblist_free(&w.jobs);
    /* -p naming the database file itself. */
    ck_assert_int_eq(fe_jobs_from_cdb("build/compile_commands.json", NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink),
                     0);
    ck_assert_uint_eq(w.jobs.n, 1);
    free_world(&w);
}
END_TEST

START_TEST(cdb_missing_database)
{
    mkdirs("empty/dir");
    world w = new_world();
    char *dir = path_in("empty/dir");
    ck_assert_int_eq(fe_jobs_from_cdb(dir, NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), -1);
    ck_assert_uint_eq(w.jobs.n, 0);
    char *want = fl_xasprintf("could not find compile_commands.json in '%s' or any parent directory", dir);
    /* Guard against a stray database above the temp folder, which would make this moot. */
    if (access("/compile_commands.json", F_OK) != 0 && access("/tmp/compile_commands.json", F_OK) != 0)
        ck_assert_str_eq(only_message(w.sink), want);
    free(want);
    free(dir);
    free_world(&w);

    w = new_world();
    ck_assert_int_eq(fe_jobs_from_cdb("/nonexistent/fl/build", NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), -1);
    ck_assert_str_eq(only_message(w.sink),
                     "could not find compile_commands.json in '/nonexistent/fl/build' or any parent directory");
    free_world(&w);
}
END_TEST

/* A malformed database is an error pointing into it: libclang would read it as fewer entries,
   or none, and report clean. */
START_TEST(cdb_invalid_json)
{
    put("bad/compile_commands.json", "[{ this is not json");
    world w = new_world();
    char *dir = path_in("bad");
    ck_assert_int_eq(fe_jobs_from_cdb(dir, NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), -1);
    ck_assert_str_eq(only_message(w.sink), "malformed compilation database: expected a key (a string in double quotes)");
    const diag_label *p = diag_primary_label(diag_sink_get(w.sink, 0));
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(p->span.begin, 3); /* the `t` of `this` */
    ck_assert(strstr(fl_srcmap_path(w.sm, p->span.file), "bad/compile_commands.json") != NULL);
    uint32_t line, col;
    ck_assert(fl_srcmap_line_col(w.sm, p->span.file, p->span.begin, &line, &col));
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 4);
    free(dir);
    free_world(&w);
}
END_TEST

/* The malformed databases libclang reads without an error (as fewer entries, or none), each an
   error at the place it goes wrong; and the well-formed ones it reads. */
START_TEST(cdb_json_checked_strictly)
{
    static const struct { const char *text, *what; size_t at; } bad[] = {
        {"[{\"directory\":\"/\",\"command\":\"cc a.c\",\"file\":\"a.c\"}",
         "unexpected end of the file: the array opened at byte 1 is not closed (is the file truncated?)", 50},
        {"[{\"directory\":\"/\",\"command\":\"cc a.c\",\"file\":\"a.c\"}] junk",
         "trailing characters after the array of compile commands", 52},
        {"- directory: /\n  command: cc a.c\n  file: a.c\n",
         "a compilation database is a JSON array of compile commands", 0},
        {"[{\"directory\":\"/\",\"command\":\"cc a.c\",\"file\":\"a.c\",}]",
         "expected a key (a string in double quotes)", 50},
        {"[{\"directory\":\"/\",\"file\":\"a.c\"}]", "compile command without \"command\" or \"arguments\"", 1},
        {"[{\"command\":\"cc a.c\",\"file\":\"a.c\"}]", "compile command without \"directory\"", 1},
        {"[{\"directory\":\"/\",\"arguments\":[\"cc\",3],\"file\":\"a.c\"}]",
         "\"arguments\" must be an array of strings", 36},
        {"[{\"directory\":\"/\",\"command\":[\"cc\"],\"file\":\"a.c\"}]", "\"command\" must be a string", 28},
        {"[{\"directory\":\"/\",\"command\":\"cc\na.c\",\"file\":\"a.c\"}]",
         "control character in a string (a newline is written \\n)", 31},
        {"[{\"directory\":\"/\",\"command\":\"cc \\q\",\"file\":\"a.c\"}]", "invalid escape in a string", 32},
        {"[{\"directory\":\"/\",\"command\":\"cc\",\"file\":\"a.c\",\"x\":01}]", "trailing characters after the array of compile commands", 0},
        {"[1]", "expected a compile command: an object with \"directory\", \"file\" and \"command\" or \"arguments\"", 1},
        {"", "unexpected end of the file: a value is missing (is the file truncated?)", 0},
        {"[{\"directory\" \"/\"}]", "expected ':' after a key", 14},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cdb_json_error err;
        ck_assert_msg(cdb_json_check(bad[i].text, strlen(bad[i].text), &err) == -1, "accepted: %s", bad[i].text);
        if (i == 10) /* `01`: a number may not start with 0, so `1` is junk after `0` */
            ck_assert_str_eq(err.what, "expected ',' or '}' after a member of an object");
        else {
            ck_assert_str_eq(err.what, bad[i].what);
            ck_assert_uint_eq(err.offset, bad[i].at);
        }
    }
    static const char *const good[] = {
        "[]",
        " \n[ ]\n",
        "\xef\xbb\xbf[{\"directory\":\"/\",\"command\":\"cc a.c\",\"file\":\"a.c\"}]",
        "[{\"directory\":\"/\",\"arguments\":[\"cc\",\"-DX=\\\"1\\\"\",\"a.c\"],\"file\":\"a.c\",\"output\":\"a.o\"}]",
        "[{\"directory\":\"/\",\"command\":\"cc\",\"file\":\"\\u00e9.c\",\"extra\":{\"n\":[1,-2.5e3,true,false,null]}}]",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        cdb_json_error err;
        ck_assert_msg(cdb_json_check(good[i], strlen(good[i]), &err) == 0, "refused %s: %s at %zu", good[i],
                      err.what, err.offset);
    }
    /* nesting deeper than any stack would take (the checker keeps its depth on the heap) */
    size_t deep = 200000;
    char *t = fl_xmalloc(2 * deep + 16);
    memcpy(t, "[{\"x\":", 6);
    memset(t + 6, '[', deep);
    memset(t + 6 + deep, ']', deep);
    cdb_json_error err;
    ck_assert_int_eq(cdb_json_check(t, 6 + 2 * deep, &err), -1);
    ck_assert_str_eq(err.what, "unexpected end of the file: the object opened at byte 2 is not closed (is the file truncated?)");
    free(t);
}
END_TEST

/* An empty database is nothing to analyze: an error, not a clean result. */
START_TEST(cdb_empty_database)
{
    put("empty/compile_commands.json", "[]\n");
    world w = new_world();
    char *dir = path_in("empty");
    ck_assert_int_eq(fe_jobs_from_cdb(dir, NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), -1);
    ck_assert(strstr(only_message(w.sink), "has no compile commands") != NULL);
    free(dir);
    free_world(&w);
}
END_TEST

/* Three files, one of them twice. */
static void make_three(void)
{
    put("a.c", "");
    put("b.c", "");
    put("c.c", "");
    char *json = fl_xasprintf("[{\"directory\": \"%s\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-DFIRST\", \"a.c\"]},\n"
                              " {\"directory\": \"%s\", \"file\": \"%s/b.c\", \"arguments\": [\"cc\", \"b.c\"]},\n"
                              " {\"directory\": \"%s\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-DSECOND\", \"a.c\"]},\n"
                              " {\"directory\": \"%s\", \"file\": \"c.c\", \"arguments\": [\"cc\", \"c.c\"]}]\n",
                              root, root, root, root, root);
    put("compile_commands.json", json);
    free(json);
}

START_TEST(cdb_all_entries_in_order_each_once)
{
    make_three();
    world w = new_world();
    ck_assert_int_eq(fe_jobs_from_cdb(root, NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 3);
    const char *names[] = {"a.c", "b.c", "c.c"};
    for (int i = 0; i < 3; i++) {
        char *p = path_in(names[i]);
        ck_assert_str_eq(w.jobs.jobs[i].file, p);
        free(p);
    }
    ck_assert_str_eq(w.jobs.jobs[0].argv[1], "-DFIRST"); /* the first entry wins */
    free_world(&w);
}
END_TEST

START_TEST(cdb_file_filter_in_given_order)
{
    make_three();
    go_root();
    world w = new_world();
    char *abs_a = path_in("a.c");
    char *files[] = {"c.c", "./sub/../a.c", abs_a};
    mkdirs("sub");
    ck_assert_int_eq(fe_jobs_from_cdb(".", files, 3, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 3);
    char *abs_c = path_in("c.c");
    ck_assert_str_eq(w.jobs.jobs[0].file, abs_c);
    ck_assert_str_eq(w.jobs.jobs[1].file, abs_a);
    ck_assert_str_eq(w.jobs.jobs[2].file, abs_a);
    ck_assert_str_eq(w.jobs.jobs[1].argv[1], "-DFIRST");
    free(abs_a);
    free(abs_c);
    free_world(&w);
}
END_TEST

START_TEST(cdb_file_not_in_database_borrows_nearest_flags)
{
    make_three();
    put("d.c", "");
    go_root();
    world w = new_world();
    char *files[] = {"a.c", "d.c"};
    ck_assert_int_eq(fe_jobs_from_cdb(root, files, 2, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 2);
    char *abs_a = path_in("a.c"), *abs_d = path_in("d.c");
    char *wd = fl_xasprintf("-working-directory=%s", root);
    ck_assert_ptr_null(w.jobs.jobs[0].flags_from);
    /* The first entry of the same folder lends its flags, with its file replaced. */
    ck_assert_str_eq(w.jobs.jobs[1].file, abs_d);
    ck_assert_str_eq(w.jobs.jobs[1].flags_from, abs_a);
    expect_argv(&w.jobs.jobs[1], "cc", "-DFIRST", abs_d, wd, NULL);
    diag_sink_finish(w.sink);
    ck_assert_uint_eq(diag_sink_count(w.sink), 0);
    free(abs_a);
    free(abs_d);
    free(wd);
    free_world(&w);
}
END_TEST

START_TEST(cdb_nearest_folder_wins)
{
    put("a.c", "");
    put("sub/s.c", "");
    put("sub/deep/n.c", "");
    put("other/m.c", "");
    char *json = fl_xasprintf("[{\"directory\": \"%s\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-DROOT\", \"a.c\"]},\n"
                              " {\"directory\": \"%s/sub\", \"file\": \"s.c\", \"arguments\": [\"cc\", \"-DSUB\", \"-c\", \"s.c\"]}]\n",
                              root, root);
    put("compile_commands.json", json);
    free(json);
    go_root();
    world w = new_world();
    char *files[] = {"sub/deep/n.c", "other/m.c"};
    ck_assert_int_eq(fe_jobs_from_cdb(root, files, 2, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 2);
    ck_assert_str_eq(w.jobs.jobs[0].argv[1], "-DSUB");  /* the closest parent folder */
    ck_assert_str_eq(w.jobs.jobs[1].argv[1], "-DROOT"); /* a tie: the first entry */
    char *n = path_in("sub/deep/n.c");
    ck_assert_str_eq(w.jobs.jobs[0].argv[2], n);
    free(n);
    free_world(&w);
}
END_TEST

START_TEST(cdb_skips_what_is_not_c)
{
    put("a.c", "");
    put("start.S", "");
    put("util.cpp", "");
    char *json = fl_xasprintf("[{\"directory\": \"%s\", \"file\": \"start.S\", \"arguments\": [\"cc\", \"-c\", \"start.S\"]},\n"
                              " {\"directory\": \"%s\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"a.c\"]},\n"
                              " {\"directory\": \"%s\", \"file\": \"util.cpp\", \"arguments\": [\"c++\", \"util.cpp\"]}]\n",
                              root, root, root);
    put("compile_commands.json", json);
    free(json);
    world w = new_world();
    ck_assert_int_eq(fe_jobs_from_cdb(root, NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 1);
    ck_assert_uint_eq(w.jobs.nskipped, 2);
    char *s = path_in("start.S");
    ck_assert_str_eq(w.jobs.skipped[0], s);
    free(s);
    free_world(&w);

    /* A database with no C entry lends no flags. */
    json = fl_xasprintf("[{\"directory\": \"%s\", \"file\": \"start.S\", \"arguments\": [\"cc\", \"start.S\"]}]\n", root);
    put("compile_commands.json", json);
    free(json);
    go_root();
    w = new_world();
    char *files[] = {"a.c"};
    ck_assert_int_eq(fe_jobs_from_cdb(root, files, 1, NULL, 0, NULL, 0, &w.jobs, w.sink), -1);
    char *want = fl_xasprintf("'a.c' is not in the compilation database %s/compile_commands.json, which has no C "
                              "file to borrow flags from", root);
    ck_assert_str_eq(only_message(w.sink), want);
    free(want);
    free_world(&w);
}
END_TEST

START_TEST(cdb_missing_file)
{
    make_three();
    go_root();
    world w = new_world();
    char *files[] = {"nope.c"};
    ck_assert_int_eq(fe_jobs_from_cdb(root, files, 1, NULL, 0, NULL, 0, &w.jobs, w.sink), -1);
    ck_assert_str_eq(only_message(w.sink), "no such file or directory: 'nope.c'");
    free_world(&w);
}
END_TEST

START_TEST(cdb_extra_args_positions)
{
    make_project();
    world w = new_world();
    char *build = path_in("build");
    char *before[] = {"-xc", "--target=x86_64-linux-gnu"};
    char *after[] = {"-DLAST", "-Wno-everything"};
    ck_assert_int_eq(fe_jobs_from_cdb(build, NULL, 0, before, 2, after, 2, &w.jobs, w.sink), 0);
    char *wd = fl_xasprintf("-working-directory=%s", root);
    expect_argv(&w.jobs.jobs[0], "/usr/bin/cc", "-xc", "--target=x86_64-linux-gnu", "-Iinc", "-DA=1", "src/a.c",
                "-DLAST", "-Wno-everything", wd, NULL);
    free(wd);
    free(build);
    free_world(&w);
}
END_TEST

START_TEST(cdb_relative_directory_field)
{
    /* A relative "directory" is taken relative to the database's folder. */
    put("proj/src/r.c", "");
    put("proj/build/compile_commands.json",
        "[{\"directory\": \"../src\", \"file\": \"r.c\", \"arguments\": [\"cc\", \"-c\", \"r.c\"]}]\n");
    world w = new_world();
    char *build = path_in("proj/build");
    ck_assert_int_eq(fe_jobs_from_cdb(build, NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 1);
    char *src = path_in("proj/src");
    char *file = path_in("proj/src/r.c");
    ck_assert_str_eq(w.jobs.jobs[0].directory, src);
    ck_assert_str_eq(w.jobs.jobs[0].file, file);
    free(src);
    free(file);
    free(build);
    free_world(&w);
}
END_TEST

START_TEST(cdb_many_entries_first_wins)
{
    /* Enough entries to fill the index well past its first size, each file listed twice. */
    enum { N = 300 };
    size_t cap = 200 * N * 2 + 64;
    char *json = fl_xmalloc(cap);
    size_t len = 0;
    len += (size_t)snprintf(json + len, cap - len, "[");
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < N; i++)
            len += (size_t)snprintf(json + len, cap - len,
                                    "%s{\"directory\": \"%s\", \"file\": \"f%d.c\", \"arguments\": [\"cc\", \"-DR%d\", \"f%d.c\"]}\n",
                                    round || i ? "," : "", root, i, round, i);
    snprintf(json + len, cap - len, "]\n");
    put("compile_commands.json", json);
    free(json);
    put("f123.c", "");
    world w = new_world();
    ck_assert_int_eq(fe_jobs_from_cdb(root, NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, N);
    for (int i = 0; i < N; i++) {
        char name[32];
        snprintf(name, sizeof name, "f%d.c", i);
        char *p = path_in(name);
        ck_assert_str_eq(w.jobs.jobs[i].file, p);
        ck_assert_str_eq(w.jobs.jobs[i].argv[1], "-DR0");
        free(p);
    }
    fe_joblist_free(&w.jobs);
    go_root();
    char *files[] = {"f123.c"};
    ck_assert_int_eq(fe_jobs_from_cdb(root, files, 1, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 1);
    ck_assert_str_eq(w.jobs.jobs[0].argv[2], "f123.c");
    free_world(&w);
}
END_TEST

/* ---- fe_jobs_from_files --------------------------------------------------------------- */

START_TEST(files_cmake_style_compile_line)
{
    put("foo.c", "int foo;\n");
    mkdirs("inc");
    go_root();
    char *abs = path_in("foo.c");
    char **args = strs(10, "/usr/bin/cc", "-DX", "-Iinc", "-include", "cfg.h", "-o", "CMakeFiles/x.dir/foo.c.o",
                       "-c", abs, "-MD");
    char *files[] = {abs};
    world w = new_world();
    ck_assert_int_eq(fe_jobs_from_files(files, 1, args, 10, true, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 1);
    char *wd = fl_xasprintf("-working-directory=%s", root);
    expect_argv(&w.jobs.jobs[0], "clang", "-DX", "-Iinc", "-include", "cfg.h", wd, abs, NULL);
    ck_assert_str_eq(w.jobs.jobs[0].file, abs);
    ck_assert_str_eq(w.jobs.jobs[0].directory, root);
    free(wd);
    free(abs);
    free_strs(args, 10);
    free_world(&w);
}
END_TEST

START_TEST(files_compiler_launcher_dropped)
{
    put("m.c", "");
    go_root();
    char **args = strs(6, "ccache", "/usr/bin/gcc", "-O2", "-c", "m.c", "-ooo.o");
    char *files[] = {"m.c"};
    world w = new_world();
    ck_assert_int_eq(fe_jobs_from_files(files, 1, args, 6, true, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    char *wd = fl_xasprintf("-working-directory=%s", root);
    expect_argv(&w.jobs.jobs[0], "clang", "-O2", wd, "m.c", NULL);
    free(wd);
    free_strs(args, 6);
    free_world(&w);
}
END_TEST

START_TEST(files_plain_flags_after_double_dash)
{
    put("a.c", "");
    put("b.c", "");
    go_root();
    char **args = strs(4, "-std=c11", "a.c", "other.c", "-DY");
    char *before[] = {"-xc"};
    char *after[] = {"-DZ"};
    char *files[] = {"a.c", "b.c"};
    world w = new_world();
    ck_assert_int_eq(fe_jobs_from_files(files, 2, args, 4, true, before, 1, after, 1, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 2);
    char *wd = fl_xasprintf("-working-directory=%s", root);
    /* No leading compiler to drop; every source named on the line goes; the file is appended. */
    expect_argv(&w.jobs.jobs[0], "clang", "-xc", "-std=c11", "-DY", "-DZ", wd, "a.c", NULL);
    expect_argv(&w.jobs.jobs[1], "clang", "-xc", "-std=c11", "-DY", "-DZ", wd, "b.c", NULL);
    free(wd);
    free_strs(args, 4);
    free_world(&w);
}
END_TEST

START_TEST(files_empty_double_dash_ignores_database)
{
    make_project();
    go_root();
    /* A database next to the file, but `--` says: these flags (none), not the database's. */
    put("build/compile_commands.json", "[]");
    put("src/compile_commands.json", "[{\"directory\": \"/\", \"file\": \"x.c\", \"arguments\": [\"cc\", \"x.c\"]}]");
    char *files[] = {"src/a.c"};
    world w = new_world();
    ck_assert_int_eq(fe_jobs_from_files(files, 1, NULL, 0, true, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    char *wd = fl_xasprintf("-working-directory=%s", root);
    expect_argv(&w.jobs.jobs[0], "clang", wd, "src/a.c", NULL);
    free(wd);
    free_world(&w);
}
END_TEST

START_TEST(files_use_database_found_upwards)
{
    /* The database sits at the root; the file two levels below; run from elsewhere. */
    put("lib/deep/z.c", "");
    char *json = fl_xasprintf("[{\"directory\": \"%s/lib\", \"file\": \"deep/z.c\",\n"
                              "  \"arguments\": [\"gcc\", \"-DZED\", \"-c\", \"deep/z.c\", \"-o\", \"z.o\"]}]\n",
                              root);
    put("compile_commands.json", json);
    free(json);
    mkdirs("elsewhere");
    char *el = path_in("elsewhere");
    ck_assert_int_eq(chdir(el), 0);
    char *files[] = {"../lib/deep/z.c", "../lib/deep/z.c"};
    world w = new_world();
    ck_assert_int_eq(fe_jobs_from_files(files, 2, NULL, 0, false, NULL, 0, NULL, 0, &w.jobs, w.sink), 0);
    ck_assert_uint_eq(w.jobs.n, 2);
    char *wd = fl_xasprintf("-working-directory=%s/lib", root);
    expect_argv(&w.jobs.jobs[0], "gcc", "-DZED", "deep/z.c", wd, NULL);
    expect_argv(&w.jobs.jobs[1], "gcc", "-DZED", "deep/z.c", wd, NULL);
    free(wd);
    free(el);
    free_world(&w);
}
END_TEST

START_TEST(files_not_in_found_database_borrow_nearest_flags)
{
    make_three();
    put("sub/e.c", "");
    go_root();
    char *files[] = {"sub/e.c"};
    char *after[] = {"-DX"};
    world w = new_world();
    ck_assert_int_eq(fe_jobs_from_files(files, 1, NULL, 0, false, NULL, 0, after, 1, &w.jobs, w.sink), 0);
    char *wd = fl_xasprintf("-working-directory=%s", root);
    char *e = path_in("sub/e.c");
    expect_argv(&w.jobs.jobs[0], "cc", "-DFIRST", e, "-DX", wd, NULL);
    diag_sink_finish(w.sink);
    ck_assert_uint_eq(diag_sink_count(w.sink), 0);
    free(wd);
    free(e);
    free_world(&w);
}
END_TEST

/* A FIFO would block the parse forever, a device read garbage: both refused, by kind. */
START_TEST(files_fifo_and_devices_refused)
{
    go_root();
    char *fifo = path_in("pipe.c");
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    world w = new_world();
    char *files[] = {"pipe.c"};
    ck_assert_int_eq(fe_jobs_from_files(files, 1, NULL, 0, true, NULL, 0, NULL, 0, &w.jobs, w.sink), -1);
    ck_assert_str_eq(only_message(w.sink), "'pipe.c' is a FIFO (named pipe), not a source file");
    free_world(&w);

    w = new_world();
    char *dev[] = {"/dev/null"};
    ck_assert_int_eq(fe_jobs_from_files(dev, 1, NULL, 0, true, NULL, 0, NULL, 0, &w.jobs, w.sink), -1);
    ck_assert_str_eq(only_message(w.sink), "'/dev/null' is a character device, not a source file");
    free_world(&w);

    /* an entry of the database that is a FIFO, with every entry analyzed */
    char *db = fl_xasprintf("[{\"directory\":\"%s\",\"command\":\"cc -c pipe.c\",\"file\":\"pipe.c\"}]", root);
    put("compile_commands.json", db);
    free(db);
    w = new_world();
    ck_assert_int_eq(fe_jobs_from_cdb(root, NULL, 0, NULL, 0, NULL, 0, &w.jobs, w.sink), -1);
    ck_assert_str_eq(only_message(w.sink), "'pipe.c' is a FIFO (named pipe), not a source file");
    free_world(&w);
    free(fifo);
}
END_TEST

START_TEST(files_missing_and_directory_errors)
{
    put("ok.c", "");
    mkdirs("adir");
    go_root();
    world w = new_world();
    char *files[] = {"ok.c", "missing.c"};
    ck_assert_int_eq(fe_jobs_from_files(files, 2, NULL, 0, true, NULL, 0, NULL, 0, &w.jobs, w.sink), -1);
    ck_assert_uint_eq(w.jobs.n, 1); /* the good file is still analyzed */
    ck_assert_str_eq(only_message(w.sink), "no such file or directory: 'missing.c'");
    free_world(&w);

    w = new_world();
    char *dirs[] = {"adir"};
    ck_assert_int_eq(fe_jobs_from_files(dirs, 1, NULL, 0, true, NULL, 0, NULL, 0, &w.jobs, w.sink), -1);
    ck_assert_str_eq(only_message(w.sink), "'adir' is a directory, not a source file");
    free_world(&w);
}
END_TEST

START_TEST(files_unreadable)
{
    if (geteuid() == 0)
        return; /* root reads everything: nothing to test */
    put("secret.c", "");
    char *p = path_in("secret.c");
    chmod(p, 0);
    world w = new_world();
    char *files[] = {p};
    ck_assert_int_eq(fe_jobs_from_files(files, 1, NULL, 0, true, NULL, 0, NULL, 0, &w.jobs, w.sink), -1);
    char *want = fl_xasprintf("cannot read '%s': Permission denied", p);
    ck_assert_str_eq(only_message(w.sink), want);
    free(want);
    free(p);
    free_world(&w);
}
END_TEST

/* ---- fe_display_path ------------------------------------------------------------------ */

START_TEST(display_path_relative_below_cwd)
{
    put("src/a.c", "");
    go_root();
    char *abs = path_in("src/a.c");
    char *d = fe_display_path(abs);
    ck_assert_str_eq(d, "src/a.c");
    free(d);
    free(abs);
    d = fe_display_path("/usr/include/stdio.h");
    ck_assert_str_eq(d, "/usr/include/stdio.h");
    free(d);
}
END_TEST

START_TEST(display_path_not_below_cwd)
{
    mkdirs("ab");
    put("abc/f.c", "");
    char *ab = path_in("ab");
    ck_assert_int_eq(chdir(ab), 0);
    /* A sibling sharing the prefix "ab" is not below "ab". */
    char *abs = path_in("abc/f.c");
    char *d = fe_display_path(abs);
    ck_assert_str_eq(d, abs);
    free(d);
    /* The parent is not below either. */
    d = fe_display_path(root);
    ck_assert_str_eq(d, root);
    free(d);
    free(abs);
    free(ab);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("test_cdb");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, clean_drops_dependency_and_output_options);
    tcase_add_test(tc, clean_keeps_everything_else);
    tcase_add_test(tc, cdb_arguments_form_cleaned_with_working_directory);
    tcase_add_test(tc, cdb_command_form);
    tcase_add_test(tc, cdb_found_in_parent_directory);
    tcase_add_test(tc, cdb_relative_build_dir_and_json_path);
    tcase_add_test(tc, cdb_missing_database);
    tcase_add_test(tc, cdb_invalid_json);
    tcase_add_test(tc, cdb_json_checked_strictly);
    tcase_add_test(tc, cdb_empty_database);
    tcase_add_test(tc, files_fifo_and_devices_refused);
    tcase_add_test(tc, cdb_all_entries_in_order_each_once);
    tcase_add_test(tc, cdb_file_filter_in_given_order);
    tcase_add_test(tc, cdb_file_not_in_database_borrows_nearest_flags);
    tcase_add_test(tc, cdb_nearest_folder_wins);
    tcase_add_test(tc, cdb_skips_what_is_not_c);
    tcase_add_test(tc, cdb_missing_file);
    tcase_add_test(tc, cdb_extra_args_positions);
    tcase_add_test(tc, cdb_relative_directory_field);
    tcase_add_test(tc, cdb_many_entries_first_wins);
    tcase_add_test(tc, files_cmake_style_compile_line);
    tcase_add_test(tc, files_compiler_launcher_dropped);
    tcase_add_test(tc, files_plain_flags_after_double_dash);
    tcase_add_test(tc, files_empty_double_dash_ignores_database);
    tcase_add_test(tc, files_use_database_found_upwards);
    tcase_add_test(tc, files_not_in_found_database_borrow_nearest_flags);
    tcase_add_test(tc, files_missing_and_directory_errors);
    tcase_add_test(tc, files_unreadable);
    tcase_add_test(tc, display_path_relative_below_cwd);
    tcase_add_test(tc, display_path_not_below_cwd);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
