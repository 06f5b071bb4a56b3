/* test_options.c - the command line: every option in both dash styles, values, `--`, errors. */
#include <check.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"

/* Parse a NULL-terminated list of arguments (argv[0] is supplied). */
static int parse(fl_options *o, char **err, ...)
{
    char *argv[64];
    int argc = 0;
    argv[argc++] = "fearless";
    va_list ap;
    va_start(ap, err);
    for (char *a; (a = va_arg(ap, char *)) != NULL;)
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;
    return options_parse(argc, argv, o, err);
}

/* Expect a usage error with exactly `msg`. *err is read only after the call has run, hence
   the pointer: argument evaluation order is unspecified. */
static void expect_error(const char *msg, int rc, fl_options *o, char **err)
{
    ck_assert_int_eq(rc, -1);
    ck_assert_ptr_nonnull(*err);
    ck_assert_str_eq(*err, msg);
    free(*err);
    *err = NULL;
    options_free(o);
}

START_TEST(defaults)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, NULL), 0);
    ck_assert_ptr_null(err);
    ck_assert_ptr_null(o.checks);
    ck_assert_ptr_null(o.warnings_as_errors);
    ck_assert_int_eq(o.format, FMT_HUMAN);
    ck_assert_int_eq(o.color, COLOR_AUTO);
    ck_assert_ptr_null(o.build_dir);
    ck_assert_uint_eq(o.nfiles, 0);
    ck_assert(!o.have_compile_args);
    ck_assert(!o.help && !o.version && !o.list_checks && !o.quiet && !o.verbose);
    options_free(&o);
}
END_TEST

/* --unit-time-limit and --unit-memory-limit: generous defaults, 0 for none, numbers only. */
START_TEST(unit_limits)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, NULL), 0);
    ck_assert(o.unit_time_limit == FL_DEFAULT_UNIT_SECONDS && o.unit_memory_limit == FL_DEFAULT_UNIT_MIB);
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "--unit-time-limit=2.5", "-unit-memory-limit", "0", NULL), 0);
    ck_assert(o.unit_time_limit == 2.5 && o.unit_memory_limit == 0);
    options_free(&o);
    int rc = parse(&o, &err, "--unit-time-limit=soon", NULL);
    expect_error("invalid value 'soon' for --unit-time-limit (expected a number of seconds, 0 for no limit)", rc, &o,
                 &err);
    rc = parse(&o, &err, "-unit-memory-limit=-5", NULL);
    expect_error("invalid value '-5' for -unit-memory-limit (expected a number of MiB, 0 for no limit)", rc, &o,
                 &err);
}
END_TEST

START_TEST(checks_all_spellings)
{
    const char *forms[][2] = {
        {"--checks=-*,thread-borrow", NULL},
        {"-checks=-*,thread-borrow", NULL},
        {"--checks", "-*,thread-borrow"},
        {"-checks", "-*,thread-borrow"},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        fl_options o;
        char *err = NULL;
        int rc = forms[i][1] ? parse(&o, &err, forms[i][0], forms[i][1], "a.c", NULL)
                             : parse(&o, &err, forms[i][0], "a.c", NULL);
        ck_assert_int_eq(rc, 0);
        ck_assert_str_eq(o.checks, "-*,thread-borrow");
        ck_assert_uint_eq(o.nfiles, 1);
        ck_assert_str_eq(o.files[0], "a.c");
        options_free(&o);
    }
}
END_TEST

START_TEST(format_values)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "--format=short", NULL), 0);
    ck_assert_int_eq(o.format, FMT_SHORT);
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "-format", "json", NULL), 0);
    ck_assert_int_eq(o.format, FMT_JSON);
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "--format=sarif", "-o", "out.sarif", NULL), 0);
    ck_assert_int_eq(o.format, FMT_SARIF);
    ck_assert_str_eq(o.output, "out.sarif");
    options_free(&o);
    /* The last one wins. */
    ck_assert_int_eq(parse(&o, &err, "--format=json", "--format", "human", NULL), 0);
    ck_assert_int_eq(o.format, FMT_HUMAN);
    options_free(&o);
}
END_TEST

START_TEST(color_values)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "--color=always", NULL), 0);
    ck_assert_int_eq(o.color, COLOR_ALWAYS);
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "-color=never", NULL), 0);
    ck_assert_int_eq(o.color, COLOR_NEVER);
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "--color=never", "--color", "auto", NULL), 0);
    ck_assert_int_eq(o.color, COLOR_AUTO);
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "--use-color", NULL), 0);
    ck_assert_int_eq(o.color, COLOR_ALWAYS);
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "-use-color=false", NULL), 0);
    ck_assert_int_eq(o.color, COLOR_NEVER);
    options_free(&o);
}
END_TEST

START_TEST(warnings_as_errors_forms)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "--warnings-as-errors", "x.c", NULL), 0);
    ck_assert_str_eq(o.warnings_as_errors, "*");
    /* The bare form never takes the next argument as its value. */
    ck_assert_uint_eq(o.nfiles, 1);
    ck_assert_str_eq(o.files[0], "x.c");
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "-warnings-as-errors=thread-*", NULL), 0);
    ck_assert_str_eq(o.warnings_as_errors, "thread-*");
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "--warnings-as-errors=", NULL), 0);
    ck_assert_str_eq(o.warnings_as_errors, "");
    options_free(&o);
}
END_TEST

START_TEST(flags_both_dash_styles)
{
    struct {
        const char *name;
        size_t off;
    } flags[] = {
        {"list-checks", offsetof(fl_options, list_checks)},
        {"version", offsetof(fl_options, version)},
        {"help", offsetof(fl_options, help)},
        {"time-report", offsetof(fl_options, time_report)},
        {"verbose", offsetof(fl_options, verbose)},
        {"dump-cfg", offsetof(fl_options, dump_cfg)},
        {"dump-ast", offsetof(fl_options, dump_ast)},
        {"quiet", offsetof(fl_options, quiet)},
    };
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        for (int dashes = 1; dashes <= 2; dashes++) {
            char arg[64];
            snprintf(arg, sizeof arg, "%s%s", dashes == 2 ? "--" : "-", flags[i].name);
            fl_options o;
            char *err = NULL;
            ck_assert_int_eq(parse(&o, &err, arg, NULL), 0);
            ck_assert_msg(*(bool *)((char *)&o + flags[i].off), "%s not set", arg);
            /* Exactly this one flag was set. */
            for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
                if (k != i)
                    ck_assert_msg(!*(bool *)((char *)&o + flags[k].off), "%s also set %s", arg, flags[k].name);
            options_free(&o);
        }
    }
}
END_TEST

START_TEST(help_short_and_bool_values)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "-h", NULL), 0);
    ck_assert(o.help);
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "--quiet=false", "--verbose=true", NULL), 0);
    ck_assert(!o.quiet);
    ck_assert(o.verbose);
    options_free(&o);
    expect_error("invalid value 'maybe' for --quiet (expected true or false)",
                 parse(&o, &err, "--quiet=maybe", NULL), &o, &err);
}
END_TEST

START_TEST(explain_forms)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "--explain=E0373", NULL), 0);
    ck_assert_str_eq(o.explain, "E0373");
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "--explain", "thread-borrow", NULL), 0);
    ck_assert_str_eq(o.explain, "thread-borrow");
    ck_assert_uint_eq(o.nfiles, 0);
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "-explain", "E0373", NULL), 0);
    ck_assert_str_eq(o.explain, "E0373");
    options_free(&o);
}
END_TEST

START_TEST(build_dir_forms)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "-p", "build", NULL), 0);
    ck_assert_str_eq(o.build_dir, "build");
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "-p=out/dir", "x.c", NULL), 0);
    ck_assert_str_eq(o.build_dir, "out/dir");
    ck_assert_uint_eq(o.nfiles, 1);
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "--p", "b2", NULL), 0);
    ck_assert_str_eq(o.build_dir, "b2");
    options_free(&o);
    /* Like clang-tidy, no joined `-pbuild`: it is an unknown option. */
    expect_error("unknown option '-pbuild'", parse(&o, &err, "-pbuild", NULL), &o, &err);
}
END_TEST

START_TEST(extra_args_repeatable)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "--extra-arg=-DA=1", "-extra-arg", "-Iinc", "--extra-arg-before=-xc",
                           "-extra-arg-before=--target=x86_64-linux-gnu", "--extra-arg", "-Wall", NULL),
                     0);
    ck_assert_uint_eq(o.nextra, 3);
    ck_assert_str_eq(o.extra_arg[0], "-DA=1");
    ck_assert_str_eq(o.extra_arg[1], "-Iinc");
    ck_assert_str_eq(o.extra_arg[2], "-Wall");
    ck_assert_uint_eq(o.nextra_before, 2);
    ck_assert_str_eq(o.extra_arg_before[0], "-xc");
    ck_assert_str_eq(o.extra_arg_before[1], "--target=x86_64-linux-gnu");
    options_free(&o);
}
END_TEST

START_TEST(positional_files_and_dash)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "a.c", "--quiet", "dir/b.c", "-", NULL), 0);
    ck_assert_uint_eq(o.nfiles, 3);
    ck_assert_str_eq(o.files[0], "a.c");
    ck_assert_str_eq(o.files[1], "dir/b.c");
    ck_assert_str_eq(o.files[2], "-");
    ck_assert(o.quiet);
    options_free(&o);
}
END_TEST

START_TEST(double_dash_compile_args)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "--checks=*", "foo.c", "--", "/usr/bin/cc", "-DX", "--checks=no",
                           "--", "-o", "x.o", NULL),
                     0);
    ck_assert_uint_eq(o.nfiles, 1);
    ck_assert(o.have_compile_args);
    ck_assert_int_eq(o.ncompile_args, 6);
    /* Verbatim after the first `--`, including option-looking and a second `--`. */
    ck_assert_str_eq(o.compile_args[0], "/usr/bin/cc");
    ck_assert_str_eq(o.compile_args[2], "--checks=no");
    ck_assert_str_eq(o.compile_args[3], "--");
    ck_assert_str_eq(o.checks, "*");
    options_free(&o);
}
END_TEST

START_TEST(double_dash_empty)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "a.c", "--", NULL), 0);
    ck_assert(o.have_compile_args);
    ck_assert_int_eq(o.ncompile_args, 0);
    options_free(&o);
}
END_TEST

START_TEST(clang_tidy_compat_ignored)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "--header-filter=.*", "--config={}",
                           "-config-file=.clang-tidy", "--system-headers", "-line-filter=[]",
                           "--allow-no-checks", "--exclude-header-filter", "x", "a.c", NULL),
                     0);
    ck_assert_uint_eq(o.nfiles, 1);
    ck_assert_str_eq(o.files[0], "a.c");
    ck_assert_int_eq(o.color, COLOR_AUTO);
    ck_assert_str_eq(o.config_file, ".clang-tidy"); /* read, no longer ignored */
    options_free(&o);
}
END_TEST

START_TEST(levels_in_order)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "--level=lock-*=off", "-level", "data-race=warning",
                           "--report-unused-suppressions", "a.c", NULL),
                     0);
    ck_assert_uint_eq(o.nlevels, 2);
    ck_assert_str_eq(o.levels[0], "lock-*=off");
    ck_assert_str_eq(o.levels[1], "data-race=warning");
    ck_assert(o.report_unused_suppressions);
    options_free(&o);
}
END_TEST

START_TEST(fix_options)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "a.c", NULL), 0);
    ck_assert_int_eq(o.fix, FIX_NONE);
    ck_assert_ptr_null(o.export_fixes);
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "--fix", "-export-fixes", "fixes.yaml", "a.c", NULL), 0);
    ck_assert_int_eq(o.fix, FIX_APPLY);
    ck_assert_str_eq(o.export_fixes, "fixes.yaml");
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "-fix-notes", NULL), 0);
    ck_assert_int_eq(o.fix, FIX_APPLY);
    options_free(&o);
    /* --fix-errors is the stronger, whichever comes first; =false turns fixing off */
    ck_assert_int_eq(parse(&o, &err, "-fix-errors", "--fix", NULL), 0);
    ck_assert_int_eq(o.fix, FIX_EVEN_WITH_ERRORS);
    options_free(&o);
    ck_assert_int_eq(parse(&o, &err, "--fix", "--fix=false", NULL), 0);
    ck_assert_int_eq(o.fix, FIX_NONE);
    options_free(&o);
}
END_TEST

/* A failed parse keeps the format asked for, before or after the bad option, so that the
   usage error itself comes out as JSON under --format=json. */
START_TEST(error_keeps_format)
{
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "--format=json", "--frob", NULL), -1);
    ck_assert_int_eq(o.format, FMT_JSON);
    free(err);
    ck_assert_int_eq(parse(&o, &err, "--frob", "a.c", "-format", "json", NULL), -1);
    ck_assert_int_eq(o.format, FMT_JSON);
    free(err);
    ck_assert_int_eq(parse(&o, &err, "--format=short", "--checks", NULL), -1);
    ck_assert_int_eq(o.format, FMT_SHORT);
    free(err);
    ck_assert_int_eq(parse(&o, &err, "--frob", "--", "--format=json", NULL), -1);
    ck_assert_int_eq(o.format, FMT_HUMAN); /* a compiler argument */
    free(err);
    ck_assert_int_eq(parse(&o, &err, "--format=xml", "--format=json", NULL), -1);
    ck_assert_int_eq(o.format, FMT_JSON);
    free(err);
}
END_TEST

START_TEST(error_unknown_option)
{
    fl_options o;
    char *err = NULL;
    expect_error("unknown option '--frob'", parse(&o, &err, "a.c", "--frob", NULL), &o, &err);
    expect_error("unknown option '-frob'", parse(&o, &err, "-frob=3", NULL), &o, &err);
    err = NULL;
    /* An unknown option after `--` is a compiler argument, not an error. */
    ck_assert_int_eq(parse(&o, &err, "a.c", "--", "--frob", NULL), 0);
    options_free(&o);
}
END_TEST

START_TEST(error_missing_value)
{
    fl_options o;
    char *err = NULL;
    expect_error("missing value for --checks", parse(&o, &err, "--checks", NULL), &o, &err);
    expect_error("missing value for -p", parse(&o, &err, "a.c", "-p", NULL), &o, &err);
    expect_error("missing value for --extra-arg", parse(&o, &err, "--extra-arg", NULL), &o, &err);
}
END_TEST

START_TEST(error_bad_enum)
{
    fl_options o;
    char *err = NULL;
    expect_error("invalid value 'xml' for --format (expected human, short, json or sarif)",
                 parse(&o, &err, "--format=xml", NULL), &o, &err);
    expect_error("invalid value 'sometimes' for -color (expected auto, always or never)",
                 parse(&o, &err, "-color", "sometimes", NULL), &o, &err);
}
END_TEST

START_TEST(failed_parse_leaves_options_freed)
{
    /* main() does not call options_free after an error: the parse must not leak what it had
       collected, and a second options_free must be harmless. */
    fl_options o;
    char *err = NULL;
    ck_assert_int_eq(parse(&o, &err, "a.c", "--extra-arg=-DX", "--checks=*", "--bogus", NULL), -1);
    ck_assert_ptr_null(o.files);
    ck_assert_ptr_null(o.checks);
    ck_assert_ptr_null(o.extra_arg);
    free(err);
    options_free(&o);
}
END_TEST

START_TEST(usage_text)
{
    const char *u = options_usage();
    ck_assert_ptr_nonnull(strstr(u, "USAGE: fearless"));
    const char *must[] = {"--checks", "--format", "--color", "--warnings-as-errors", "--list-checks",
                          "--explain", "--version", "--help", "--time-report", "--verbose", "--dump-cfg",
                          "--dump-ast", "-p <build dir>", "--extra-arg=", "--extra-arg-before=", "--quiet",
                          "EXIT CODES", "NO_COLOR", "--fix", "--header-filter"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        ck_assert_msg(strstr(u, must[i]) != NULL, "usage lacks %s", must[i]);
    /* One option per line, and lines fit a terminal. */
    for (const char *l = u; *l;) {
        const char *nl = strchr(l, '\n');
        size_t len = nl ? (size_t)(nl - l) : strlen(l);
        ck_assert_msg(len <= 100, "usage line too long: %.*s", (int)len, l);
        l += len + (nl ? 1 : 0);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("test_options");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, defaults);
    tcase_add_test(tc, checks_all_spellings);
    tcase_add_test(tc, format_values);
    tcase_add_test(tc, color_values);
    tcase_add_test(tc, warnings_as_errors_forms);
    tcase_add_test(tc, flags_both_dash_styles);
    tcase_add_test(tc, help_short_and_bool_values);
    tcase_add_test(tc, explain_forms);
    tcase_add_test(tc, build_dir_forms);
    tcase_add_test(tc, extra_args_repeatable);
    tcase_add_test(tc, positional_files_and_dash);
    tcase_add_test(tc, double_dash_compile_args);
    tcase_add_test(tc, double_dash_empty);
    tcase_add_test(tc, clang_tidy_compat_ignored);
    tcase_add_test(tc, levels_in_order);
    tcase_add_test(tc, fix_options);
    tcase_add_test(tc, error_unknown_option);
    tcase_add_test(tc, error_keeps_format);
    tcase_add_test(tc, error_missing_value);
    tcase_add_test(tc, error_bad_enum);
    tcase_add_test(tc, failed_parse_leaves_options_freed);
    tcase_add_test(tc, usage_text);
    tcase_add_test(tc, unit_limits);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
