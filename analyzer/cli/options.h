/* options.h - the command line, clang-tidy style. */
#ifndef FL_OPTIONS_H
#define FL_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum fl_format { FMT_HUMAN, FMT_SHORT, FMT_JSON, FMT_SARIF } fl_format;
typedef enum fl_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } fl_color;

/* The default limits of one unit's analysis (cli/budget.h): generous, far above what real code
   takes (a large real unit: seconds and tens of MiB), low enough that one generated file cannot
   take a CI machine's time or memory. */
#define FL_DEFAULT_UNIT_SECONDS 300.0
#define FL_DEFAULT_UNIT_MIB 8192.0

/* Applying the suggested edits (cli/fixes.h): not, when every unit was analyzed, or always. */
typedef enum fl_fix { FIX_NONE, FIX_APPLY, FIX_EVEN_WITH_ERRORS } fl_fix;

typedef struct fl_options {
    char *checks;             /* glob list; NULL (the default) means "*" */
    char *warnings_as_errors; /* glob list or NULL */
    fl_format format;
    fl_color color;
    char *build_dir;          /* -p */
    char *explain;            /* --explain=<check-or-code> */
    bool list_checks, version, help, time_report, verbose, dump_cfg, dump_ast, quiet;
    bool suggest;             /* --suggest: propose annotations instead of running the checks */
    bool report_unused_suppressions; /* --report-unused-suppressions */
    char **files;             /* positional source files */
    uint32_t nfiles;
    char **compile_args;      /* everything after `--` */
    int ncompile_args;
    bool have_compile_args;   /* `--` was given (even with nothing after it) */
    char **extra_arg_before;  /* --extra-arg-before=... */
    uint32_t nextra_before;
    char **extra_arg;         /* --extra-arg=... */
    uint32_t nextra;
    char **levels;            /* --level=<checks>=<error|warning|off>, in order */
    uint32_t nlevels;
    char *config_file;        /* --config-file: the only configuration file read */
    char *output;             /* -o/--output: write the report to this file, not stdout */
    char *baseline;           /* --baseline: hide the findings this file records */
    char *write_baseline;     /* --write-baseline: record the findings in this file */
    char *line_filter;        /* --line-filter: clang-tidy's JSON list of files and lines */
    double unit_time_limit;   /* --unit-time-limit: seconds of analysis per unit, 0 none */
    double unit_memory_limit; /* --unit-memory-limit: MiB of analysis memory per unit, 0 none */
    char *cache_dir;          /* --cache-dir: where units' summaries are kept (cli/cache.h) */
    bool no_cache;            /* --no-cache */
    char *link;               /* --link: the build folder whose fearless-cc trees are the units */
    unsigned jobs;            /* -j/--jobs: units parsed at a time; 0 (the default): the cores */
    fl_fix fix;               /* --fix, --fix-notes (the same here), --fix-errors */
    char *export_fixes;       /* --export-fixes: the suggested edits as clang-apply-replacements YAML */
} fl_options;

/* Parse argv. Accepts `--opt=v`, `--opt v` and clang-tidy's single-dash spellings (`-checks=`).
   Returns 0, or -1 with *err set to a one-line reason (heap-owned) and the options freed,
   except o->format: the last --format on the line (human if none or invalid), for the error. */
int options_parse(int argc, char **argv, fl_options *o, char **err);
void options_free(fl_options *o);
/* The --help text. */
const char *options_usage(void);

#endif
