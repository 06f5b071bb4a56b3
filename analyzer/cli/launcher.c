/* launcher.c - fearless-cc (see launcher.h). */
#include "launcher.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../base/srcmap.h"
#include "../base/xalloc.h"
#include "../diag/sink.h"
#include "../frontend/cdb.h"
#include "../frontend/parse.h"
#include "cache.h"
#include "clang_output.h"

/* Start the compiler; its process, or -1 (said on stderr) when it cannot be started. */
static pid_t start_compiler(char **argv)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "fearless-cc: error: cannot start `%s`: %s\n", argv[0], strerror(errno));
        return -1;
    }
    if (pid == 0) {
        execvp(argv[0], argv);
        fprintf(stderr, "fearless-cc: error: cannot run `%s`: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    return pid;
}

/* The compiler's exit status (128 + the signal that killed it, 127 when it could not run). */
static int wait_compiler(pid_t pid)
{
    if (pid < 0)
        return 127;
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return 127;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
}

/* The C source a command compiles to an object, and the object: false when the command does
   something else (links, preprocesses, compiles several files or another language). */
static bool c_compile(int argc, char **argv, const char **src, const char **obj)
{
    bool compile = false;
    *src = *obj = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-c"))
            compile = true;
        else if (!strcmp(a, "-E") || !strcmp(a, "-S") || !strcmp(a, "-M") || !strcmp(a, "-MM") ||
                 !strcmp(a, "-fsyntax-only"))
            return false;
        else if (!strcmp(a, "-o") && i + 1 < argc)
            *obj = argv[++i];
        else if (!strncmp(a, "-o", 2) && a[2])
            *obj = a + 2;
        else if (a[0] != '-' && !fe_arg_takes_value(argv[i - 1])) {
            size_t n = strlen(a);
            if (n < 3 || strcmp(a + n - 2, ".c"))
                return false; /* an object, another language, or something unknown */
            if (*src)
                return false; /* two sources at once */
            *src = a;
        }
    }
    return compile && *src;
}

static char *absolute(const char *path)
{
    if (path[0] == '/')
        return fl_xstrdup(path);
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd))
        return fl_xstrdup(path);
    return fl_xasprintf("%s/%s", cwd, path);
}

/* The object a compile without -o writes: the source's base name, .o, in this folder. */
static char *default_object(const char *src)
{
    const char *base = strrchr(src, '/');
    base = base ? base + 1 : src;
    char *o = fl_xstrdup(base);
    o[strlen(o) - 1] = 'o';
    char *abs = absolute(o);
    free(o);
    return abs;
}

/* Parse the unit while the compiler runs (`pid`), and write its tree beside the object once the
   compiler has succeeded; *rc gets the compiler's status. False, with one line on stderr, when
   the tree is not written for a reason of fearless's. */
static bool keep_tree(int argc, char **argv, const char *src, const char *obj, pid_t pid, int *rc)
{
    fl_srcmap *sm = fl_srcmap_new();
    diag_sink *sink = diag_sink_new(sm);
    char *files[] = {(char *)src};
    fe_joblist jobs = {0};
    bool ok = false, waited = false;
    char *tree = NULL;
    fe_index *ix = NULL;
    fe_unit *u = NULL;
    sum_cache *c = NULL;
    if (fe_jobs_from_files(files, 1, argv + 1, argc - 1, true, NULL, 0, NULL, 0, &jobs, sink) != 0 || jobs.n != 1) {
        fprintf(stderr, "fearless-cc: warning: `%s` is not analyzed: its command cannot be read\n", src);
        goto out;
    }
    fe_job *job = &jobs.jobs[0];
    free(job->output);
    job->output = obj ? absolute(obj) : default_object(src);
    tree = fl_xasprintf("%s.fltree", job->output);
    ix = fe_index_new();
    clang_output *co = clang_output_new(); /* the compiler already said what it thinks of the flags */
    clang_output_begin(co);
    u = fe_parse(ix, job, sm, sink);
    clang_output_end(co, job->file);
    clang_output_free(co);
    ast_tu *tu = u ? fe_unit_ast(u) : NULL;
    fe_unit_release_clang(u);
    *rc = wait_compiler(pid);
    waited = true;
    if (*rc != 0) {
        ok = true; /* the compiler's failure is the build's, not ours */
        goto out;
    }
    if (!u) {
        fprintf(stderr, "fearless-cc: warning: libclang cannot parse `%s`: `fearless --link` will not see it\n", src);
        unlink(tree); /* an older tree would stand for code that is no longer there */
        goto out;
    }
    const char *const *inputs;
    uint32_t ninputs = fe_unit_inputs(u, &inputs);
    c = cache_new(".");
    char err[600];
    ok = cache_write_tree_file(c, tree, job, tu, inputs, ninputs, sm, err, sizeof err);
    if (!ok)
        fprintf(stderr, "fearless-cc: warning: %s\n", err);
out:
    if (!waited)
        *rc = wait_compiler(pid);
    cache_free(c);
    fe_unit_free(u);
    fe_index_free(ix);
    free(tree);
    fe_joblist_free(&jobs);
    diag_sink_free(sink);
    fl_srcmap_free(sm);
    return ok;
}

int launcher_main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: fearless-cc <compiler> <arguments>...\n"
                        "Runs the compiler, then keeps the unit's tree beside its object file for "
                        "`fearless --link <build dir>`.\n");
        return 2;
    }
    /* the unit is parsed while the compiler runs: the step takes the longer of the two, not both */
    pid_t pid = start_compiler(argv + 1);
    const char *src, *obj;
    if (pid < 0 || !c_compile(argc - 1, argv + 1, &src, &obj))
        return wait_compiler(pid);
    int rc = 0;
    if (!keep_tree(argc, argv, src, obj, pid, &rc) && rc == 0) {
        const char *strict = getenv("FEARLESS_CC_STRICT");
        if (strict && *strict && strcmp(strict, "0"))
            return 1;
    }
    return rc;
}
