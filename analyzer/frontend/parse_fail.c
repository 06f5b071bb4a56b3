/* parse_fail.c - why libclang could not parse a job, in words (see parse_fail.h). */
#include "parse_fail.h"

#include <stdlib.h>
#include <string.h>

#include "../base/escape.h"
#include "../base/strbuf.h"
#include "../base/xalloc.h"

/* What clang's driver compiles by extension (C, C++, Objective-C, preprocessed, CUDA, OpenCL);
   anything else it takes for a linker input or an AST file, and makes no compile job. */
static bool known_source_ext(const char *ext)
{
    static const char *const exts[] = {
        "c", "i", "h", "C", "cc", "cp", "cpp", "cxx", "c++", "CC", "CPP", "CXX", "hh", "hpp",
        "hxx", "H", "ii", "m", "mm", "mi", "M", "cu", "cl", "cppm", "ccm", "cxxm", "c++m",
    };
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
        if (!strcmp(ext, exts[i]))
            return true;
    return false;
}

/* The languages `-x` takes (clang 17-19), for telling a typo from a language libclang cannot
   compile. */
static bool known_language(const char *lang)
{
    static const char *const langs[] = {
        "c", "c-header", "cpp-output", "c++", "c++-header", "c++-cpp-output", "objective-c",
        "objective-c-header", "objc-cpp-output", "objective-c++", "objective-c++-header",
        "objc++-cpp-output", "cuda", "cuda-cpp-output", "hip", "cl", "clcpp", "assembler",
        "assembler-with-cpp", "ir", "ast", "none", "c-header-unit", "c++-header-unit",
        "c++-system-header", "c++-user-header", "renderscript", "hlsl",
    };
    for (size_t i = 0; i < sizeof langs / sizeof *langs; i++)
        if (!strcmp(lang, langs[i]))
            return true;
    return false;
}

/* The base name of a path. */
static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* What the command line says, as far as the reasons below need it. */
typedef struct cmdline {
    const char *lang;     /* the last -x value, or NULL */
    const char *target;   /* --target= / -target value, or NULL */
    uint32_t ninputs;     /* arguments that are input files */
    bool names_file;      /* one of them is the job's file */
    const char *other;    /* an input that is not the job's file */
} cmdline;

static cmdline read_cmdline(const fe_job *job)
{
    cmdline c = {0};
    for (uint32_t i = 1; i < job->argc; i++) {
        const char *a = job->argv[i];
        if (a[0] == '-' && a[1]) {
            if (!strcmp(a, "-x") || !strcmp(a, "-target"))
                continue; /* the value is read below, as the argument after */
            if (!strncmp(a, "-x", 2))
                c.lang = a + 2;
            else if (!strncmp(a, "--target=", 9))
                c.target = a + 9;
            continue;
        }
        const char *prev = job->argv[i - 1];
        if (i > 1 && !strcmp(prev, "-x")) {
            c.lang = a;
            continue;
        }
        if (i > 1 && !strcmp(prev, "-target")) {
            c.target = a;
            continue;
        }
        if (i > 1 && fe_arg_takes_value(prev))
            continue;
        c.ninputs++;
        /* The job's file is absolute and resolved; the command may name it relatively. */
        if (!strcmp(a, job->file) || !strcmp(base_name(a), base_name(job->file)))
            c.names_file = true;
        else if (!c.other)
            c.other = a;
    }
    return c;
}

/* The cause, as a phrase after "unable to parse 'x': ". Heap string. */
static char *reason(const fe_job *job, enum CXErrorCode ec)
{
    if (ec == CXError_Crashed)
        return fl_xstrdup("libclang crashed while parsing it");
    cmdline c = read_cmdline(job);
    if (!c.names_file)
        return fl_xstrdup("its compile command does not compile it (a command of the compilation "
                          "database that links, or names another file?)");
    if (c.ninputs > 1) {
        char *o = fl_escape_dup(c.other);
        char *r = fl_xasprintf("its compile command compiles %u files ('%s' too): libclang parses "
                               "one file per command", (unsigned)c.ninputs, o);
        free(o);
        return r;
    }
    if (c.lang && !known_language(c.lang)) {
        char *l = fl_escape_dup(c.lang);
        char *r = fl_xasprintf("clang knows no language '-x %s'", l);
        free(l);
        return r;
    }
    if (!c.lang) {
        const char *name = base_name(job->file), *dot = strrchr(name, '.');
        if (!dot || dot == name)
            return fl_xstrdup("it has no file extension, so clang does not know its language "
                              "(give `-x c` before it: `-- -x c`, or --extra-arg-before=-xc)");
        if (!known_source_ext(dot + 1)) {
            char *e = fl_escape_dup(dot);
            char *r = fl_xasprintf("clang does not know the file extension '%s' (give `-x c` before "
                                   "it: `-- -x c`, or --extra-arg-before=-xc)", e);
            free(e);
            return r;
        }
    }
    if (c.target && ec == CXError_Failure) {
        char *t = fl_escape_dup(c.target);
        char *r = fl_xasprintf("libclang could not set up the target '%s'", t);
        free(t);
        return r;
    }
    switch (ec) {
    case CXError_InvalidArguments:
        return fl_xstrdup("libclang rejected the arguments");
    case CXError_ASTReadError:
        return fl_xstrdup("libclang could not make one compile job of its command line");
    default:
        return fl_xstrdup("libclang could not set up a compiler for its command line");
    }
}

diag *parse_fail_diag(const fe_job *job, enum CXErrorCode ec)
{
    char *why = reason(job, ec);
    char *disp = fe_display_path(job->file ? job->file : "<unknown>");
    char *file = fl_escape_dup(disp);
    diag *d = diag_new(LVL_ERROR, NULL, NULL, "unable to parse '%s': %s", file, why);
    free(file);
    free(disp);
    free(why);
    /* the arguments as a shell would read them back, near enough to copy */
    fl_strbuf cmd = {0};
    for (uint32_t i = 0; i < job->argc; i++) {
        const char *a = job->argv[i];
        if (i)
            fl_sb_putc(&cmd, ' ');
        if (!*a || strpbrk(a, " '\"\\$`;&|<>()*?") || fl_escape_needed(a, strlen(a))) {
            fl_sb_putc(&cmd, '"');
            fl_escape_append(&cmd, a, strlen(a));
            fl_sb_putc(&cmd, '"');
        } else {
            fl_sb_puts(&cmd, a);
        }
    }
    diag_note(d, "the compiler command line: %s", fl_sb_str(&cmd));
    fl_sb_free(&cmd);
    diag_help(d, "clang -fsyntax-only with the same arguments shows clang's own error");
    return d;
}
