/* frontend/cdb.c - what to parse: jobs from compile_commands.json or from the command line.
 *
 * libclang reads the database (both the "arguments" and the "command" forms), but only in the
 * one folder it is given; like clang-tidy we search that folder and then its parents. Entries
 * are copied out of libclang at once into plain heap strings and matched by realpath, so that
 * `src/../src/a.c`, symlinks and relative "file" fields all name the same file.
 */
#include "cdb.h"

#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <clang-c/CXCompilationDatabase.h>

#include "../base/escape.h"
#include "../base/strbuf.h"
#include "../base/vec.h"
#include "../base/xalloc.h"
#include "../diag/diag.h"
#include "cdb_json.h"

#define CDB_NAME "compile_commands.json"

/* One compile command, owned by us. */
typedef struct cdb_entry {
    char *file;      /* absolute; resolved when it exists */
    char *directory; /* absolute */
    char **args;     /* args[0] is the compiler */
    uint32_t nargs;
} cdb_entry;

typedef struct cdb {
    char *path; /* <dir>/compile_commands.json, for messages */
    cdb_entry *entries;
    uint32_t n;
    /* Open-addressing index file -> 1 + first entry for it (0: empty slot). Databases of big
       projects hold thousands of entries, and each is looked up once per entry or file. */
    uint32_t *index;
    uint32_t index_mask;
} cdb;

typedef FL_VEC(fe_job) job_vec;

/* ---- paths ---------------------------------------------------------------------------- */

static char *cwd_dup(void)
{
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf))
        return fl_xstrdup(".");
    return fl_xstrdup(buf);
}

/* `path` made absolute against `base` (when relative) and resolved; when it does not exist,
   the joined path unresolved. Caller owns the result. */
static char *abs_path(const char *path, const char *base)
{
    char *joined;
    if (path[0] == '/')
        joined = fl_xstrdup(path);
    else if (base[0] && base[strlen(base) - 1] == '/')
        joined = fl_xasprintf("%s%s", base, path);
    else
        joined = fl_xasprintf("%s/%s", base, path);
    char buf[PATH_MAX];
    if (realpath(joined, buf)) {
        free(joined);
        return fl_xstrdup(buf);
    }
    return joined;
}

/* The parent folder of an absolute resolved path, or NULL at "/". Caller owns the result. */
static char *parent_dir(const char *dir)
{
    if (!strcmp(dir, "/"))
        return NULL;
    const char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return fl_xstrdup("/");
    return fl_xstrndup(dir, (size_t)(slash - dir));
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* What a file that is not a regular file is, for messages. */
static const char *file_kind(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO (named pipe)";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

/* An input error (the name escaped: escape.h) for `file` as the user gave it. */
static void file_error(diag_sink *sink, const char *fmt, const char *file, const char *why)
{
    char *name = fl_escape_dup(file);
    diag_sink_add(sink, diag_new(LVL_ERROR, NULL, NULL, fmt, name, why));
    free(name);
}

/* An input error if `file` is not a regular file: parsing a FIFO or a device would block on
   it or read garbage. */
static bool check_regular(const char *file, const struct stat *st, diag_sink *sink)
{
    if (S_ISREG(st->st_mode))
        return true;
    file_error(sink, "'%s' is %s, not a source file", file, file_kind(st->st_mode));
    return false;
}

/* An input error if `file` (as the user gave it) cannot be read as a source file. */
static bool check_readable(const char *file, diag_sink *sink)
{
    struct stat st;
    if (!strcmp(file, "-")) {
        diag_sink_add(sink, diag_new(LVL_ERROR, NULL, NULL,
                                     "reading the source from standard input ('-') is not supported"));
        return false;
    }
    if (stat(file, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            file_error(sink, "no such file or directory: '%s'%s", file, "");
        else
            file_error(sink, "cannot read '%s': %s", file, strerror(errno));
        return false;
    }
    if (!check_regular(file, &st, sink))
        return false;
    if (access(file, R_OK) != 0) {
        file_error(sink, "cannot read '%s': %s", file, strerror(errno));
        return false;
    }
    return true;
}

char *fe_display_path(const char *abs)
{
    char *cwd = cwd_dup();
    size_t n = strlen(cwd);
    char *out;
    if (!strcmp(cwd, "/"))
        out = fl_xstrdup(abs[0] == '/' && abs[1] ? abs + 1 : abs);
    else if (!strncmp(abs, cwd, n) && abs[n] == '/' && abs[n + 1])
        out = fl_xstrdup(abs + n + 1);
    else
        out = fl_xstrdup(abs);
    free(cwd);
    return out;
}

/* ---- the database --------------------------------------------------------------------- */

static char *take_cxstring(CXString s)
{
    const char *c = clang_getCString(s);
    char *out = fl_xstrdup(c ? c : "");
    clang_disposeString(s);
    return out;
}

static void cdb_free(cdb *db)
{
    if (!db)
        return;
    for (uint32_t i = 0; i < db->n; i++) {
        cdb_entry *e = &db->entries[i];
        free(e->file);
        free(e->directory);
        for (uint32_t k = 0; k < e->nargs; k++)
            free(e->args[k]);
        free(e->args);
    }
    free(db->entries);
    free(db->index);
    free(db->path);
    free(db);
}

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot of `file` in db->index: where it is, or the empty slot where it would go. */
static uint32_t index_slot(const cdb *db, const char *file)
{
    uint32_t i = hash_str(file) & db->index_mask;
    while (db->index[i] && strcmp(db->entries[db->index[i] - 1].file, file))
        i = (i + 1) & db->index_mask;
    return i;
}

/* A command of clang's own front end (`clang -cc1 ...`), not a compiler command line: some
   build recorders list these beside the real command, for the `-MM` step of a Makefile. */
static bool is_cc1(const cdb_entry *e)
{
    return e->nargs >= 2 && strncmp(e->args[1], "-cc1", 4) == 0;
}

/* Index every file at its first entry that is a compiler command line (the first entry wins),
   or at its first entry when it has no other. */
static void build_index(cdb *db)
{
    uint32_t cap = 16;
    while (cap < 2 * db->n)
        cap *= 2;
    db->index = fl_xcalloc(cap, sizeof *db->index);
    db->index_mask = cap - 1;
    for (int cc1 = 0; cc1 < 2; cc1++)
        for (uint32_t e = 0; e < db->n; e++) {
            if (is_cc1(&db->entries[e]) != (cc1 == 1))
                continue;
            uint32_t i = index_slot(db, db->entries[e].file);
            if (!db->index[i])
                db->index[i] = e + 1;
        }
}

/* The whole of a file (heap, NUL-terminated), or NULL with errno set. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fl_strbuf sb = {0};
    char buf[65536];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, f)) > 0)
        fl_sb_putn(&sb, buf, k);
    bool bad = ferror(f);
    int e = errno;
    fclose(f);
    if (bad) {
        fl_sb_free(&sb);
        errno = e;
        return NULL;
    }
    *len = sb.len;
    return fl_sb_take(&sb);
}

/* An input error unless the database at `path` is well-formed JSON of compile commands
   (cdb_json.h): libclang would read a truncated or malformed one as fewer entries, or none. The
   error points into the file, so every format shows its line and column. */
static bool check_json(const char *path, diag_sink *sink)
{
    size_t len = 0;
    char *text = read_file(path, &len);
    char *shown = fe_display_path(path);
    if (!text) {
        file_error(sink, "cannot read the compilation database '%s': %s", shown, strerror(errno));
        free(shown);
        return false;
    }
    cdb_json_error err;
    bool ok = cdb_json_check(text, len, &err) == 0;
    if (!ok) {
        diag *d = diag_new(LVL_ERROR, NULL, NULL, "malformed compilation database: %s", err.what);
        uint32_t id = fl_srcmap_intern(diag_sink_srcmap(sink), shown);
        uint32_t at = (uint32_t)err.offset;
        diag_primary(d, (fl_span){id, at, at < len ? at + 1 : at}, NULL);
        diag_help(d, "compile_commands.json is a JSON array of objects with \"directory\", \"file\" "
                     "and \"command\" (a string) or \"arguments\" (an array of strings)");
        diag_sink_add(sink, d);
    }
    free(text);
    free(shown);
    return ok;
}

/* Load <dir>/compile_commands.json, which exists. NULL after an input error if it is malformed
   or libclang cannot read it. */
static cdb *cdb_load(const char *dir, diag_sink *sink)
{
    char *path = fl_xasprintf("%s%s" CDB_NAME, dir, strcmp(dir, "/") ? "/" : "");
    if (!check_json(path, sink)) {
        free(path);
        return NULL;
    }
    CXCompilationDatabase_Error err = CXCompilationDatabase_NoError;
    CXCompilationDatabase cx = clang_CompilationDatabase_fromDirectory(dir, &err);
    if (!cx || err != CXCompilationDatabase_NoError) {
        diag_sink_add(sink, diag_new(LVL_ERROR, NULL, NULL,
                                     "could not load the compilation database '%s' (is it valid JSON?)", path));
        if (cx)
            clang_CompilationDatabase_dispose(cx);
        free(path);
        return NULL;
    }
    cdb *db = fl_xcalloc(1, sizeof *db);
    db->path = path;
    CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(cx);
    unsigned n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
    db->entries = fl_xcalloc(n ? n : 1, sizeof *db->entries);
    for (unsigned i = 0; i < n; i++) {
        CXCompileCommand c = clang_CompileCommands_getCommand(cmds, i);
        cdb_entry *e = &db->entries[db->n++];
        /* A relative "directory" is relative to the database's folder. */
        char *d = take_cxstring(clang_CompileCommand_getDirectory(c));
        e->directory = abs_path(d[0] ? d : ".", dir);
        free(d);
        char *f = take_cxstring(clang_CompileCommand_getFilename(c));
        e->file = abs_path(f, e->directory);
        free(f);
        e->nargs = clang_CompileCommand_getNumArgs(c);
        e->args = fl_xcalloc(e->nargs + 1, sizeof *e->args);
        for (uint32_t k = 0; k < e->nargs; k++)
            e->args[k] = take_cxstring(clang_CompileCommand_getArg(c, k));
    }
    if (cmds)
        clang_CompileCommands_dispose(cmds);
    clang_CompilationDatabase_dispose(cx);
    build_index(db);
    return db;
}

/* The folder at or above `start` (absolute, resolved) holding compile_commands.json, or NULL.
   Caller owns the result. */
static char *cdb_find_dir(const char *start)
{
    char *dir = fl_xstrdup(start);
    while (dir) {
        char *cand = fl_xasprintf("%s/" CDB_NAME, strcmp(dir, "/") ? dir : "");
        bool found = is_file(cand);
        free(cand);
        if (found)
            return dir;
        char *up = parent_dir(dir);
        free(dir);
        dir = up;
    }
    return NULL;
}

/* The first entry for `abs_file`, or NULL. */
static const cdb_entry *cdb_lookup(const cdb *db, const char *abs_file)
{
    uint32_t i = index_slot(db, abs_file);
    return db->index[i] ? &db->entries[db->index[i] - 1] : NULL;
}

bool fe_is_other_language(const char *path)
{
    static const char *const exts[] = {
        ".S", ".s", ".sx", ".asm", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp", ".m", ".mm", ".cu",
        ".f", ".f90", ".f95", ".F", ".F90", ".go", ".rs", ".java", ".hpp", ".hh", ".hxx",
    };
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    for (size_t i = 0; dot && i < sizeof exts / sizeof exts[0]; i++)
        if (!strcmp(dot, exts[i]))
            return true;
    return false;
}

bool fe_is_c_source(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    return dot && (!strcmp(dot, ".c") || !strcmp(dot, ".h") || !strcmp(dot, ".i"));
}

/* Length of the common folder prefix of two absolute paths (whole components only). */
static size_t common_dir_len(const char *a, const char *b)
{
    size_t i = 0, last = 0;
    while (a[i] && a[i] == b[i]) {
        if (a[i] == '/')
            last = i;
        i++;
    }
    return last;
}

/* The entry whose flags a file without one of its own borrows, as clang's interpolating
   database does: the C entry whose folder is nearest (the same folder, then the longest common
   parent), the first such in database order; NULL when the database has no C entry. */
static const cdb_entry *cdb_nearest(const cdb *db, const char *abs_file)
{
    const cdb_entry *best = NULL;
    size_t best_len = 0;
    for (uint32_t i = 0; i < db->n; i++) {
        const cdb_entry *e = &db->entries[i];
        if (!fe_is_c_source(e->file) || is_cc1(e))
            continue;
        size_t n = common_dir_len(abs_file, e->file);
        if (!best || n > best_len) {
            best = e;
            best_len = n;
        }
    }
    return best;
}

/* ---- argument lists ------------------------------------------------------------------- */

typedef FL_VEC(char *) str_vec;

static void push_dup(str_vec *v, const char *s)
{
    fl_vec_push(v, fl_xstrdup(s));
}

/* Options whose value may be the next argument. Used to tell `-include x.h` (kept) from a
   source file named on the compiler line (dropped). */
bool fe_arg_takes_value(const char *a)
{
    static const char *const opts[] = {
        "-I", "-D", "-U", "-o", "-x", "-include", "-imacros", "-isystem", "-iquote", "-idirafter",
        "-iprefix", "-iwithprefix", "-iwithprefixbefore", "-isysroot", "-iframework",
        "-cxx-isystem", "-include-pch", "-ivfsoverlay", "-MF", "-MT", "-MQ", "-MJ", "-Xclang",
        "-Xpreprocessor", "-Xassembler", "-Xlinker", "-target", "-arch", "--sysroot", "-F", "-L",
        "-B", "-A", "-u", "-T", "-z", "--param", "-aux-triple", "-working-directory",
        "--serialize-diagnostics", "-dependency-file", "-dependency-dot",
    };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (!strcmp(a, opts[i]))
            return true;
    return false;
}

static bool has_source_ext(const char *a)
{
    size_t n = strlen(a);
    return n > 2 && a[n - 2] == '.' && (a[n - 1] == 'c' || a[n - 1] == 'h' || a[n - 1] == 'i');
}

/* Output option spelled with its value joined: `-ofoo.o`, but not `-objcmt-...`/`-object`. */
static bool is_joined_output(const char *a)
{
    return a[0] == '-' && a[1] == 'o' && a[2] && strncmp(a, "-objcmt", 7) && strcmp(a, "-object");
}

uint32_t fe_clean_args(char **argv, uint32_t argc)
{
    uint32_t out = 0;
    for (uint32_t i = 0; i < argc; i++) {
        char *a = argv[i];
        bool drop_next = false, drop = true;
        if (!strcmp(a, "-M") || !strcmp(a, "-MM") || !strcmp(a, "-MD") || !strcmp(a, "-MMD") ||
            !strcmp(a, "-MG") || !strcmp(a, "-MP") || !strcmp(a, "-c"))
            ;
        else if (!strcmp(a, "-MF") || !strcmp(a, "-MT") || !strcmp(a, "-MQ") || !strcmp(a, "-MJ") ||
                 !strcmp(a, "-o"))
            drop_next = true;
        else if (!strncmp(a, "-MF", 3) || !strncmp(a, "-MT", 3) || !strncmp(a, "-MQ", 3) ||
                 !strncmp(a, "-MJ", 3) || is_joined_output(a))
            ;
        /* Kernel-style `-Wp,-MD,dep.d` / `-Wp,-MMD,dep.d`. */
        else if (!strncmp(a, "-Wp,-MD,", 8) || !strncmp(a, "-Wp,-MMD,", 9))
            ;
        else
            drop = false;
        if (!drop) {
            argv[out++] = a;
            continue;
        }
        free(a);
        if (drop_next && i + 1 < argc)
            free(argv[++i]);
    }
    for (uint32_t i = out; i < argc; i++)
        argv[i] = NULL;
    return out;
}

const char **fe_job_flags(const fe_job *job, uint32_t *n)
{
    const char **flags = fl_xmalloc((job->argc + 2) * sizeof *flags);
    uint32_t k = 0;
    for (uint32_t i = 0; i < job->argc; i++) {
        const char *a = job->argv[i];
        if (i > 0 && a[0] != '-' && !fe_arg_takes_value(job->argv[i - 1])) {
            char *abs = abs_path(a, job->directory);
            bool is_src = !strcmp(abs, job->file);
            free(abs);
            if (is_src)
                continue;
        }
        flags[k++] = a;
    }
    *n = k;
    flags[k] = flags[k + 1] = NULL;
    return flags;
}

/* A job from pieces: argv = argv0, before..., middle..., after..., -working-directory=dir,
   and `tail` when not NULL. Takes ownership of the strings in `middle` (not of the vector). */
static fe_job make_job(const char *file_abs, const char *dir, const char *argv0, char **before,
                       uint32_t nbefore, str_vec *middle, char **after, uint32_t nafter,
                       const char *tail)
{
    str_vec v = {0};
    push_dup(&v, argv0);
    for (uint32_t i = 0; i < nbefore; i++)
        push_dup(&v, before[i]);
    for (size_t i = 0; middle && i < middle->len; i++)
        fl_vec_push(&v, middle->items[i]);
    for (uint32_t i = 0; i < nafter; i++)
        push_dup(&v, after[i]);
    fl_vec_push(&v, fl_xasprintf("-working-directory=%s", dir));
    if (tail)
        push_dup(&v, tail);
    fl_vec_push(&v, NULL); /* a NULL-terminated argv is harmless and handy for exec-style users */
    fe_job j = {fl_xstrdup(file_abs), fl_xstrdup(dir), v.items, (uint32_t)(v.len - 1), NULL, NULL, NULL, 0, NULL};
    return j;
}

/* The job of entry e; for `other` (an absolute path, or NULL for e's own file), e's flags with
   e's file on the command line replaced by `other`. */
static fe_job job_from_entry(const cdb_entry *e, const char *other, char **before, uint32_t nbefore,
                             char **after, uint32_t nafter)
{
    str_vec mid = {0};
    for (uint32_t k = 1; k < e->nargs; k++) {
        char *a = e->args[k];
        if (other && a[0] != '-' && !(k > 1 && fe_arg_takes_value(e->args[k - 1]))) {
            char *abs = abs_path(a, e->directory);
            bool is_src = !strcmp(abs, e->file);
            free(abs);
            if (is_src) {
                push_dup(&mid, other);
                continue;
            }
        }
        push_dup(&mid, a);
    }
    mid.len = fe_clean_args(mid.items, (uint32_t)mid.len);
    fe_job j = make_job(other ? other : e->file, e->directory, e->nargs ? e->args[0] : "clang", before,
                        nbefore, &mid, after, nafter, NULL);
    j.flags_from = other ? fl_xstrdup(e->file) : NULL;
    fl_vec_free(&mid);
    /* the object file: which program a unit belongs to shows in its name and folder */
    for (uint32_t k = 1; k < e->nargs && !j.output; k++) {
        const char *o = NULL;
        if (strcmp(e->args[k], "-o") == 0 && k + 1 < e->nargs)
            o = e->args[k + 1];
        else if (strncmp(e->args[k], "-o", 2) == 0 && e->args[k][2])
            o = e->args[k] + 2;
        if (o)
            j.output = abs_path(o, e->directory);
    }
    return j;
}

static void finish(job_vec *jv, fe_joblist *out)
{
    out->jobs = jv->items;
    out->n = (uint32_t)jv->len;
}

/* ---- entry points --------------------------------------------------------------------- */

int fe_jobs_from_cdb(const char *build_dir, char **files, uint32_t nfiles,
                     char **extra_before, uint32_t nbefore, char **extra_after, uint32_t nafter,
                     fe_joblist *out, diag_sink *sink)
{
    out->jobs = NULL;
    out->db_dir = NULL;
    out->n = 0;
    char buf[PATH_MAX];
    char *dir = NULL;
    if (realpath(build_dir, buf)) {
        struct stat st;
        /* `-p build/compile_commands.json` names the database itself: be lenient. */
        if (stat(buf, &st) == 0 && !S_ISDIR(st.st_mode)) {
            char *slash = strrchr(buf, '/');
            if (slash == buf)
                slash[1] = '\0';
            else if (slash)
                *slash = '\0';
        }
        dir = cdb_find_dir(buf);
    }
    if (!dir) {
        diag_sink_add(sink, diag_new(LVL_ERROR, NULL, NULL,
                                     "could not find " CDB_NAME " in '%s' or any parent directory",
                                     build_dir));
        return -1;
    }
    cdb *db = cdb_load(dir, sink);
    out->db_dir = dir;
    if (!db)
        return -1;

    job_vec jv = {0};
    str_vec skipped = {0};
    uint32_t only_cc1 = 0;
    const char *first_cc1 = NULL;
    int rc = 0;
    if (nfiles == 0 && db->n == 0) {
        char *shown = fe_display_path(db->path);
        file_error(sink, "nothing to analyze: the compilation database '%s' has no compile commands%s",
                   shown, "");
        free(shown);
        rc = -1;
    }
    if (nfiles == 0) {
        for (uint32_t i = 0; i < db->n; i++) {
            const cdb_entry *e = &db->entries[i];
            if (cdb_lookup(db, e->file) != e) /* seen before, or not the entry to use */
                continue;
            if (is_cc1(e)) { /* the file has no compiler command line */
                if (!only_cc1++)
                    first_cc1 = e->file;
                continue;
            }
            if (!fe_is_c_source(e->file)) {
                push_dup(&skipped, e->file);
                continue;
            }
            /* A missing file is clang's to report; a FIFO or a device would block it. */
            struct stat st;
            if (stat(e->file, &st) == 0 && !S_ISREG(st.st_mode)) {
                char *shown = fe_display_path(e->file);
                check_regular(shown, &st, sink);
                free(shown);
                rc = -1;
                continue;
            }
            fl_vec_push(&jv, job_from_entry(e, NULL, extra_before, nbefore, extra_after, nafter));
        }
    } else {
        char *cwd = cwd_dup();
        /* Report every bad file, and analyze the others. */
        for (uint32_t i = 0; i < nfiles; i++) {
            if (!check_readable(files[i], sink)) {
                rc = -1;
                continue;
            }
            char *abs = abs_path(files[i], cwd);
            const cdb_entry *e = cdb_lookup(db, abs);
            if (e && is_cc1(e))
                e = NULL; /* borrow a compiler command line's flags instead */
            const cdb_entry *near = e ? NULL : cdb_nearest(db, abs);
            if (fe_is_other_language(abs)) {
                push_dup(&skipped, files[i]);
            } else if (e) {
                fl_vec_push(&jv, job_from_entry(e, NULL, extra_before, nbefore, extra_after, nafter));
            } else if (near) {
                fl_vec_push(&jv, job_from_entry(near, abs, extra_before, nbefore, extra_after, nafter));
            } else {
                diag_sink_add(sink, diag_new(LVL_ERROR, NULL, NULL,
                                             "'%s' is not in the compilation database %s, which has no C file "
                                             "to borrow flags from", files[i], db->path));
                rc = -1;
            }
            free(abs);
        }
        free(cwd);
    }
    if (only_cc1) {
        char *shown = fe_display_path(first_cc1);
        diag *d = only_cc1 == 1
                      ? diag_new(LVL_WARNING, NULL, NULL,
                                 "'%s' has only clang's internal `-cc1` commands in the compilation database, "
                                 "not a compiler command line: not analyzed", shown)
                      : diag_new(LVL_WARNING, NULL, NULL,
                                 "%u files (the first: '%s') have only clang's internal `-cc1` commands in the "
                                 "compilation database, not compiler command lines: not analyzed",
                                 only_cc1, shown);
        diag_help(d, "record the build again so that each file has the command that compiles it "
                     "(`bear -- make`), or drop the `-cc1` entries");
        diag_sink_add(sink, d);
        free(shown);
    }
    cdb_free(db);
    finish(&jv, out);
    out->skipped = skipped.items;
    out->nskipped = (uint32_t)skipped.len;
    return rc;
}

/* Is `a` (an argument of the compiler line) one of the files being analyzed? */
static bool names_input(const char *a, char **abs_files, uint32_t nfiles, char **files, const char *cwd)
{
    for (uint32_t i = 0; i < nfiles; i++)
        if (!strcmp(a, files[i]))
            return true;
    char *abs = abs_path(a, cwd);
    bool hit = false;
    for (uint32_t i = 0; i < nfiles && !hit; i++)
        hit = abs_files[i] && !strcmp(abs, abs_files[i]);
    free(abs);
    return hit;
}

/* The `--` arguments as a command line for one of `files`: compiler path and input files
   dropped, then cleaned. Caller owns the vector and its strings. */
static str_vec clean_compile_args(char **args, int nargs, char **files, char **abs_files,
                                  uint32_t nfiles, const char *cwd)
{
    str_vec v = {0};
    /* The compiler, and a launcher before it (`ccache cc ...`). */
    int start = 0;
    while (start < nargs && args[start][0] != '-' && !has_source_ext(args[start]) &&
           !names_input(args[start], abs_files, nfiles, files, cwd))
        start++;
    for (int i = start; i < nargs; i++) {
        const char *a = args[i];
        bool after_value_opt = i > 0 && fe_arg_takes_value(args[i - 1]);
        if (!after_value_opt && a[0] != '-' &&
            (has_source_ext(a) || names_input(a, abs_files, nfiles, files, cwd)))
            continue;
        push_dup(&v, a);
    }
    v.len = fe_clean_args(v.items, (uint32_t)v.len);
    return v;
}

typedef struct dir_cache_entry {
    char *dir; /* a folder searched from */
    cdb *db;   /* the database found at or above it, or NULL */
} dir_cache_entry;

typedef FL_VEC(dir_cache_entry) dir_cache;
typedef FL_VEC(cdb *) db_list;

/* The database at or above `dir` (absolute, resolved), cached per folder; NULL when there is
   none. *failed is set when one was found but could not be loaded (error added). */
static cdb *find_cached(dir_cache *cache, db_list *dbs, const char *dir, diag_sink *sink, bool *failed)
{
    for (size_t i = 0; i < cache->len; i++)
        if (!strcmp(cache->items[i].dir, dir))
            return cache->items[i].db;
    cdb *db = NULL;
    char *found = cdb_find_dir(dir);
    if (found) {
        char *path = fl_xasprintf("%s%s" CDB_NAME, found, strcmp(found, "/") ? "/" : "");
        for (size_t i = 0; i < dbs->len && !db; i++)
            if (!strcmp(dbs->items[i]->path, path))
                db = dbs->items[i];
        free(path);
        if (!db) {
            db = cdb_load(found, sink);
            if (db)
                fl_vec_push(dbs, db);
            else
                *failed = true;
        }
        free(found);
    }
    dir_cache_entry ce = {fl_xstrdup(dir), db};
    fl_vec_push(cache, ce);
    return db;
}

int fe_jobs_from_files(char **files, uint32_t nfiles, char **compile_args, int ncompile_args,
                       bool have_compile_args,
                       char **extra_before, uint32_t nbefore, char **extra_after, uint32_t nafter,
                       fe_joblist *out, diag_sink *sink)
{
    out->jobs = NULL;
    out->db_dir = NULL;
    out->n = 0;
    char *cwd = cwd_dup();
    int rc = 0;
    char **abs_files = fl_xcalloc(nfiles ? nfiles : 1, sizeof *abs_files);
    for (uint32_t i = 0; i < nfiles; i++) {
        if (check_readable(files[i], sink))
            abs_files[i] = abs_path(files[i], cwd);
        else
            rc = -1;
    }

    job_vec jv = {0};
    str_vec skipped = {0};
    dir_cache cache = {0};
    db_list dbs = {0};
    for (uint32_t i = 0; i < nfiles; i++) {
        if (!abs_files[i])
            continue; /* reported; the others are still analyzed */
        if (fe_is_other_language(abs_files[i])) {
            push_dup(&skipped, files[i]);
            continue;
        }
        if (have_compile_args) {
            str_vec mid = clean_compile_args(compile_args, ncompile_args, files, abs_files, nfiles, cwd);
            fl_vec_push(&jv, make_job(abs_files[i], cwd, "clang", extra_before, nbefore, &mid, extra_after,
                                      nafter, files[i]));
            fl_vec_free(&mid);
            continue;
        }
        char *dir = parent_dir(abs_files[i]);
        bool failed = false;
        cdb *db = find_cached(&cache, &dbs, dir ? dir : "/", sink, &failed);
        free(dir);
        if (failed) {
            rc = -1;
            continue;
        }
        const cdb_entry *e = db ? cdb_lookup(db, abs_files[i]) : NULL;
        const cdb_entry *near = db && !e ? cdb_nearest(db, abs_files[i]) : NULL;
        if (e)
            fl_vec_push(&jv, job_from_entry(e, NULL, extra_before, nbefore, extra_after, nafter));
        else if (near)
            fl_vec_push(&jv, job_from_entry(near, abs_files[i], extra_before, nbefore, extra_after, nafter));
        else
            fl_vec_push(&jv, make_job(abs_files[i], cwd, "clang", extra_before, nbefore, NULL, extra_after,
                                      nafter, files[i]));
    }

    for (size_t i = 0; i < cache.len; i++)
        free(cache.items[i].dir);
    fl_vec_free(&cache);
    for (size_t i = 0; i < dbs.len; i++)
        cdb_free(dbs.items[i]);
    fl_vec_free(&dbs);
    for (uint32_t i = 0; i < nfiles; i++)
        free(abs_files[i]);
    free(abs_files);
    free(cwd);
    finish(&jv, out);
    out->skipped = skipped.items;
    out->nskipped = (uint32_t)skipped.len;
    return rc;
}

void fe_joblist_free(fe_joblist *l)
{
    free(l->db_dir);
    l->db_dir = NULL;
    for (uint32_t i = 0; i < l->n; i++) {
        fe_job *j = &l->jobs[i];
        free(j->file);
        free(j->output);
        free(j->directory);
        for (uint32_t k = 0; k < j->argc; k++)
            free(j->argv[k]);
        free(j->argv);
        free(j->flags_from);
        free(j->tree);
    }
    free(l->jobs);
    for (uint32_t i = 0; i < l->nskipped; i++)
        free(l->skipped[i]);
    free(l->skipped);
    l->jobs = NULL;
    l->n = 0;
    l->skipped = NULL;
    l->nskipped = 0;
}
