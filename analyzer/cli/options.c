/* cli/options.c - the command line, clang-tidy style.
 *
 * Every long option is accepted with one or two dashes, because CMake's CMAKE_C_CLANG_TIDY and
 * run-clang-tidy spell them `-checks=...`, `-p=...`, `-quiet`, and people type `--checks=...`.
 * A value is given as `--opt=v` or `--opt v`; optional values (--warnings-as-errors) only with
 * `=`, so that the next argument, usually a file, is never swallowed.
 */
#include "options.h"

#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"

typedef enum opt_kind {
    K_FLAG,     /* no value; `=true|false|1|0` is accepted like LLVM's cl::opt<bool> */
    K_VALUE,    /* value required: `=v` or the next argument */
    K_OPTVALUE, /* value optional, only as `=v` */
} opt_kind;

typedef enum opt_id {
    O_CHECKS, O_FORMAT, O_COLOR, O_WAE, O_LIST_CHECKS, O_EXPLAIN, O_VERSION, O_HELP,
    O_TIME_REPORT, O_VERBOSE, O_DUMP_CFG, O_DUMP_AST, O_BUILD_DIR, O_EXTRA_ARG,
    O_EXTRA_ARG_BEFORE, O_QUIET, O_USE_COLOR, O_FIX, O_FIX_ERRORS, O_EXPORT_FIXES, O_REPORT_UNUSED, O_LEVEL, O_CONFIG_FILE, O_OUTPUT, O_BASELINE, O_WRITE_BASELINE, O_LINE_FILTER,
    O_UNIT_TIME_LIMIT, O_UNIT_MEMORY_LIMIT, O_CACHE_DIR, O_NO_CACHE, O_JOBS, O_LINK, O_SUGGEST,
    O_IGNORED_VALUE, O_IGNORED_FLAG,
} opt_id;

typedef struct opt_spec {
    const char *name; /* without dashes */
    opt_kind kind;
    opt_id id;
} opt_spec;

static const opt_spec specs[] = {
    {"checks", K_VALUE, O_CHECKS},
    {"format", K_VALUE, O_FORMAT},
    {"color", K_VALUE, O_COLOR},
    {"warnings-as-errors", K_OPTVALUE, O_WAE},
    {"list-checks", K_FLAG, O_LIST_CHECKS},
    {"explain", K_VALUE, O_EXPLAIN},
    {"version", K_FLAG, O_VERSION},
    {"help", K_FLAG, O_HELP},
    {"h", K_FLAG, O_HELP},
    {"time-report", K_FLAG, O_TIME_REPORT},
    {"verbose", K_FLAG, O_VERBOSE},
    {"dump-cfg", K_FLAG, O_DUMP_CFG},
    {"dump-ast", K_FLAG, O_DUMP_AST},
    {"p", K_VALUE, O_BUILD_DIR},
    {"extra-arg", K_VALUE, O_EXTRA_ARG},
    {"extra-arg-before", K_VALUE, O_EXTRA_ARG_BEFORE},
    {"quiet", K_FLAG, O_QUIET},
    {"report-unused-suppressions", K_FLAG, O_REPORT_UNUSED},
    {"level", K_VALUE, O_LEVEL},
    {"config-file", K_VALUE, O_CONFIG_FILE},
    {"o", K_VALUE, O_OUTPUT},
    {"output", K_VALUE, O_OUTPUT},
    {"baseline", K_VALUE, O_BASELINE},
    {"write-baseline", K_VALUE, O_WRITE_BASELINE},
    {"line-filter", K_VALUE, O_LINE_FILTER},
    {"unit-time-limit", K_VALUE, O_UNIT_TIME_LIMIT},
    {"unit-memory-limit", K_VALUE, O_UNIT_MEMORY_LIMIT},
    {"cache-dir", K_VALUE, O_CACHE_DIR},
    {"no-cache", K_FLAG, O_NO_CACHE},
    {"j", K_VALUE, O_JOBS},
    {"link", K_VALUE, O_LINK},
    {"suggest", K_FLAG, O_SUGGEST},
    {"jobs", K_VALUE, O_JOBS},
    /* clang-tidy options accepted for drop-in use. */
    {"use-color", K_FLAG, O_USE_COLOR},
    {"fix", K_FLAG, O_FIX},
    {"fix-errors", K_FLAG, O_FIX_ERRORS},
    {"fix-notes", K_FLAG, O_FIX},
    {"export-fixes", K_VALUE, O_EXPORT_FIXES},
    {"header-filter", K_VALUE, O_IGNORED_VALUE},
    {"exclude-header-filter", K_VALUE, O_IGNORED_VALUE},
    {"config", K_VALUE, O_IGNORED_VALUE},
    {"system-headers", K_FLAG, O_IGNORED_FLAG},
    {"allow-no-checks", K_FLAG, O_IGNORED_FLAG},
};

static const char usage_text[] =
    "USAGE: fearless [options] <file>... [-- <compiler arguments>]\n"
    "       fearless [options] -p <build dir> [<file>...]\n"
    "\n"
    "fearless brings Rust's thread-safety rules to C programs that use pthreads or C11\n"
    "threads, and reports what it finds the way rustc does. Each file is parsed with libclang\n"
    "using, in this order of preference: its entry in the compile_commands.json of\n"
    "-p <build dir>; the compiler arguments given after `--`; its entry in a\n"
    "compile_commands.json found in the file's folder or a parent; no flags. With -p and no\n"
    "files, every file of the compilation database is analyzed.\n"
    "\n"
    "OPTIONS:\n"
    "  --checks=<globs>             Checks to run: comma-separated globs, `-` to remove\n"
    "                               (e.g. `-*,thread-borrow`); default `*`; globs that\n"
    "                               enable no check are a usage error\n"
    "  --warnings-as-errors[=<globs>]\n"
    "                               Report warnings of matching checks as errors; the bare\n"
    "                               form means `*`, `=` with nothing means none\n"
    "  --level=<checks>=<error|warning|off>\n"
    "                               Level of the findings of these checks (globs, comma-separated);\n"
    "                               off does not run them (repeatable; the last match wins)\n"
    "  --config-file=<file>         Read only this configuration file (.fearless format, or\n"
    "                               .clang-tidy's when named .clang-tidy, *.yaml or *.yml) instead\n"
    "                               of the nearest .fearless and .clang-tidy of each file\n"
    "  --format=<human|short|json|sarif>\n"
    "                               Output format; default human (sarif: SARIF 2.1.0)\n"
    "  -o, --output=<file>          Write the report to <file> instead of standard output\n"
    "  --color=<auto|always|never>  Colored output; default auto (a terminal, and NO_COLOR unset)\n"
    "  --use-color                  Same as --color=always (clang-tidy spelling)\n"
    "  -p <build dir>               Folder holding compile_commands.json (or below the one\n"
    "                               that does)\n"
    "  --extra-arg=<arg>            Append <arg> to the compiler command line (repeatable)\n"
    "  --extra-arg-before=<arg>     Prepend <arg> to the compiler command line (repeatable)\n"
    "  --report-unused-suppressions\n"
    "                               Warn about suppressions naming fearless checks (NOLINT(...),\n"
    "                               `fearless: allow(...)`, FL_ALLOW) that silenced nothing\n"
    "  --baseline=<file>            Report only the findings that <file> does not record\n"
    "  --write-baseline=<file>      Record every finding in <file> (their stable identities) and\n"
    "                               exit 0 unless something could not be analyzed\n"
    "  --line-filter=<json>         Report only findings on these lines, clang-tidy's format:\n"
    "                               [{\"name\":\"a.c\",\"lines\":[[1,9]]},{\"name\":\"b.h\"}]\n"
    "  --export-fixes=<file>        Write the findings and their suggested edits to <file> as\n"
    "                               YAML for clang-apply-replacements\n"
    "  --fix                        Apply the suggested edits to the files (not when some code\n"
    "                               could not be analyzed); --fix-notes is the same\n"
    "  --fix-errors                 Apply them even when some code could not be analyzed\n"
    "  --unit-time-limit=<seconds>  Stop analyzing a unit (a source file) after this long and\n"
    "                               report it as not analyzed; 0 means no limit; default 300\n"
    "  --unit-memory-limit=<MiB>    The same for the memory its analysis takes; default 8192\n"
    "  --cache-dir=<dir>            Where the trees and summaries of units, and the last report,\n"
    "                               are kept between runs (a unit that did not change is not\n"
    "                               parsed again; when nothing changed, the report is replayed);\n"
    "                               default .fearless-cache beside compile_commands.json (with -p)\n"
    "  --no-cache                   Neither read nor write trees, summaries and reports\n"
    "  --suggest                    Instead of the checks, propose the annotations the code\n"
    "                               already keeps (GUARDED_BY, REQUIRES, ACQUIRE/RELEASE,\n"
    "                               EXCLUDES, spawn wrappers, MOVE, SYNC), each with its evidence,\n"
    "                               its edit and the accesses that break it;\n"
    "                               --checks=-*,suggest-guarded-by picks kinds\n"
    "  --link=<dir>                 Analyze the units of a build made with fearless-cc as the\n"
    "                               compiler launcher, from the trees it left beside the object\n"
    "                               files under <dir>: nothing is parsed\n"
    "  -j, --jobs=<n>               Parse <n> units at a time (threads); default, and 0: the\n"
    "                               number of cores. The report is the same for every <n>\n"
    "  --list-checks                List the enabled checks and exit\n"
    "  --explain <check-or-code>    Explain a check or an error code (e.g. E0373) and exit\n"
    "  --time-report                Print the time spent parsing and analyzing to stderr\n"
    "  --verbose                    Let the checks say more about what they find\n"
    "  --dump-ast                   Print the syntax tree of each function to stderr (debugging)\n"
    "  --dump-cfg                   Print the control-flow graph of each function to stderr\n"
    "                               (debugging)\n"
    "  --quiet                      No progress line on stderr (shown on a terminal while\n"
    "                               two or more units are parsed)\n"
    "  --version                    Print the version and exit\n"
    "  -h, --help                   Print this help and exit\n"
    "\n"
    "  Every long option may also be written with one dash (-checks=..., -p=<dir>), and a\n"
    "  value may follow as the next argument (--checks <globs>).\n"
    "  For drop-in use in place of clang-tidy, --header-filter, --exclude-header-filter,\n"
    "  --config, --system-headers and --allow-no-checks are accepted and ignored.\n"
    "  Suggested edits are offered only where the fix needs no judgment (an unlock or a join\n"
    "  before a return); the others are the help's words.\n"
    "\n"
    "EXIT CODES:\n"
    "  0  no error-level finding\n"
    "  1  at least one error-level finding\n"
    "  2  usage error, unreadable file, a unit that failed to parse or went over its limits, or\n"
    "     output that could not be written\n"
    "\n"
    "ENVIRONMENT:\n"
    "  NO_COLOR     When set and not empty, --color=auto means no color\n";

const char *options_usage(void)
{
    return usage_text;
}

static void push(char ***arr, uint32_t *n, const char *s)
{
    *arr = fl_xrealloc(*arr, (*n + 1) * sizeof **arr);
    (*arr)[(*n)++] = fl_xstrdup(s);
}

static void set_str(char **slot, const char *v)
{
    free(*slot);
    *slot = fl_xstrdup(v);
}

static const opt_spec *find_spec(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (strlen(specs[i].name) == len && strncmp(specs[i].name, name, len) == 0)
            return &specs[i];
    return NULL;
}

/* LLVM's cl::opt<bool> accepts these after `=`; -1 for anything else. */
static int parse_bool(const char *v)
{
    if (!strcmp(v, "true") || !strcmp(v, "TRUE") || !strcmp(v, "True") || !strcmp(v, "1"))
        return 1;
    if (!strcmp(v, "false") || !strcmp(v, "FALSE") || !strcmp(v, "False") || !strcmp(v, "0"))
        return 0;
    return -1;
}

/* A limit: a number >= 0 (0: none). */
static int parse_limit(const char *v, const char *shown, const char *unit, double *out, char **err)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !(d >= 0) || d > 1e12) {
        *err = fl_xasprintf("invalid value '%s' for %s (expected a number of %s, 0 for no limit)", v, shown, unit);
        return -1;
    }
    *out = d;
    return 0;
}

/* --jobs: a count of threads, 0 for the number of cores. */
static int parse_jobs(const char *v, const char *shown, unsigned *out, char **err)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < 0 || n > 1024) {
        *err = fl_xasprintf("invalid value '%s' for %s (expected a number of threads from 0 to 1024)", v, shown);
        return -1;
    }
    *out = (unsigned)n;
    return 0;
}

/* Apply one recognized option. `shown` is the option as the user spelled it (for messages);
   `v` its value (NULL for a flag without `=` or an optional value left out). */
static int apply(fl_options *o, const opt_spec *sp, const char *shown, const char *v, char **err)
{
    int on = 1;
    if (sp->kind == K_FLAG && v) {
        on = parse_bool(v);
        if (on < 0) {
            *err = fl_xasprintf("invalid value '%s' for %s (expected true or false)", v, shown);
            return -1;
        }
    }
    switch (sp->id) {
    case O_CHECKS: set_str(&o->checks, v); break;
    case O_FORMAT:
        if (!strcmp(v, "human"))
            o->format = FMT_HUMAN;
        else if (!strcmp(v, "short"))
            o->format = FMT_SHORT;
        else if (!strcmp(v, "json"))
            o->format = FMT_JSON;
        else if (!strcmp(v, "sarif"))
            o->format = FMT_SARIF;
        else {
            *err = fl_xasprintf("invalid value '%s' for %s (expected human, short, json or sarif)", v, shown);
            return -1;
        }
        break;
    case O_COLOR:
        if (!strcmp(v, "auto"))
            o->color = COLOR_AUTO;
        else if (!strcmp(v, "always"))
            o->color = COLOR_ALWAYS;
        else if (!strcmp(v, "never"))
            o->color = COLOR_NEVER;
        else {
            *err = fl_xasprintf("invalid value '%s' for %s (expected auto, always or never)", v, shown);
            return -1;
        }
        break;
    case O_WAE: set_str(&o->warnings_as_errors, v ? v : "*"); break;
    case O_LIST_CHECKS: o->list_checks = on; break;
    case O_EXPLAIN: set_str(&o->explain, v); break;
    case O_VERSION: o->version = on; break;
    case O_HELP: o->help = on; break;
    case O_TIME_REPORT: o->time_report = on; break;
    case O_VERBOSE: o->verbose = on; break;
    case O_DUMP_CFG: o->dump_cfg = on; break;
    case O_DUMP_AST: o->dump_ast = on; break;
    case O_BUILD_DIR: set_str(&o->build_dir, v); break;
    case O_EXTRA_ARG: push(&o->extra_arg, &o->nextra, v); break;
    case O_EXTRA_ARG_BEFORE: push(&o->extra_arg_before, &o->nextra_before, v); break;
    case O_QUIET: o->quiet = on; break;
    case O_REPORT_UNUSED: o->report_unused_suppressions = on; break;
    case O_LEVEL: push(&o->levels, &o->nlevels, v); break;
    case O_CONFIG_FILE: set_str(&o->config_file, v); break;
    case O_OUTPUT: set_str(&o->output, v); break;
    case O_BASELINE: set_str(&o->baseline, v); break;
    case O_WRITE_BASELINE: set_str(&o->write_baseline, v); break;
    case O_LINE_FILTER: set_str(&o->line_filter, v); break;
    case O_UNIT_TIME_LIMIT: return parse_limit(v, shown, "seconds", &o->unit_time_limit, err);
    case O_UNIT_MEMORY_LIMIT: return parse_limit(v, shown, "MiB", &o->unit_memory_limit, err);
    case O_CACHE_DIR: set_str(&o->cache_dir, v); break;
    case O_NO_CACHE: o->no_cache = on; break;
    case O_JOBS: return parse_jobs(v, shown, &o->jobs, err);
    case O_LINK: set_str(&o->link, v); break;
    case O_SUGGEST: o->suggest = on; break;
    case O_USE_COLOR: o->color = on ? COLOR_ALWAYS : COLOR_NEVER; break;
    case O_FIX: o->fix = on ? (o->fix > FIX_APPLY ? o->fix : FIX_APPLY) : FIX_NONE; break;
    case O_FIX_ERRORS: o->fix = on ? FIX_EVEN_WITH_ERRORS : FIX_NONE; break;
    case O_EXPORT_FIXES: set_str(&o->export_fixes, v); break;
    case O_IGNORED_VALUE:
    case O_IGNORED_FLAG: break;
    }
    return 0;
}

static void set_defaults(fl_options *o)
{
    memset(o, 0, sizeof *o);
    o->format = FMT_HUMAN;
    o->color = COLOR_AUTO;
    o->unit_time_limit = FL_DEFAULT_UNIT_SECONDS;
    o->unit_memory_limit = FL_DEFAULT_UNIT_MIB;
}

int options_parse(int argc, char **argv, fl_options *o, char **err)
{
    set_defaults(o);
    *err = NULL;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            o->have_compile_args = true;
            o->ncompile_args = argc - i - 1;
            o->compile_args = fl_xcalloc((size_t)o->ncompile_args + 1, sizeof *o->compile_args);
            for (int k = 0; k < o->ncompile_args; k++)
                o->compile_args[k] = fl_xstrdup(argv[i + 1 + k]);
            break;
        }
        if (a[0] != '-' || a[1] == '\0') { /* "-" names standard input, like a file */
            push(&o->files, &o->nfiles, a);
            continue;
        }
        const char *name = a + (a[1] == '-' ? 2 : 1);
        if (a[1] == 'j' && a[2] >= '0' && a[2] <= '9') { /* -j4, as make and ninja spell it */
            if (parse_jobs(a + 2, "-j", &o->jobs, err) != 0)
                goto fail;
            continue;
        }
        const char *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        const opt_spec *sp = find_spec(name, nlen);
        char *shown = fl_xstrndup(a, (size_t)(name - a) + nlen);
        if (!sp) {
            *err = fl_xasprintf("unknown option '%s'", shown);
            free(shown);
            goto fail;
        }
        const char *v = eq ? eq + 1 : NULL;
        if (sp->kind == K_VALUE && !v) {
            if (i + 1 >= argc) {
                *err = fl_xasprintf("missing value for %s", shown);
                free(shown);
                goto fail;
            }
            v = argv[++i];
        }
        /* `--warnings-as-errors=` stays "": none, as in clang-tidy. */
        int rc = apply(o, sp, shown, v, err);
        free(shown);
        if (rc != 0)
            goto fail;
    }
    return 0;

fail:
    /* main() does not free the options of a failed parse. The format is kept, and looked for
       among the arguments left, so that the error itself comes out as JSON when asked. */
    {
        fl_format format = o->format;
        for (int k = 1; k < argc && strcmp(argv[k], "--"); k++)
            if (!strncmp(argv[k], "--format=", 9) || !strncmp(argv[k], "-format=", 8)) {
                const char *v = strchr(argv[k], '=') + 1;
                format = !strcmp(v, "json") ? FMT_JSON : !strcmp(v, "short") ? FMT_SHORT : format;
            } else if ((!strcmp(argv[k], "--format") || !strcmp(argv[k], "-format")) && k + 1 < argc) {
                const char *v = argv[++k];
                format = !strcmp(v, "json") ? FMT_JSON : !strcmp(v, "short") ? FMT_SHORT : format;
            }
        options_free(o);
        o->format = format;
    }
    return -1;
}

static void free_list(char **arr, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(arr[i]);
    free(arr);
}

void options_free(fl_options *o)
{
    free(o->checks);
    free(o->warnings_as_errors);
    free(o->build_dir);
    free(o->cache_dir);
    free(o->link);
    free(o->explain);
    free_list(o->files, o->nfiles);
    free_list(o->compile_args, o->ncompile_args > 0 ? (size_t)o->ncompile_args : 0);
    free_list(o->extra_arg_before, o->nextra_before);
    free_list(o->extra_arg, o->nextra);
    free_list(o->levels, o->nlevels);
    free(o->config_file);
    free(o->output);
    free(o->baseline);
    free(o->write_baseline);
    free(o->line_filter);
    free(o->export_fixes);
    set_defaults(o);
}
