/* cache.c - the summaries of units kept on disk between runs (see cache.h). */
#include "cache.h"

#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/bytes.h"
#include "../base/hash.h"
#include "../base/strmap.h"
#include "../base/vec.h"
#include "../frontend/ast_file.h"
#include "../frontend/gcc_compat.h"
#include "../base/xalloc.h"

#ifndef FEARLESS_VERSION
#define FEARLESS_VERSION "0.0.0"
#endif
#define FEARLESS_VERSION_STRING FEARLESS_VERSION

/* A file's size and time as stat gave them, once per run: every unit of a project reads the
   same headers, and their stamps are made and checked for every unit. */
typedef struct file_stat {
    bool ok;
    uint64_t size;
    int64_t mtime_s;
    uint32_t mtime_ns;
} file_stat;

/* A tree file waiting for the writer thread. */
typedef struct pending {
    char *path;
    unsigned char *bytes;
    size_t len;
} pending;

/* Trees are written by a thread of their own: a tree is tens of kilobytes, and creating and
   renaming a file costs the run more than making its bytes; the main thread goes on with the next
   unit. At most WRITER_MAX_BYTES wait at a time. */
#define WRITER_MAX_BYTES (64u << 20)

typedef struct writer {
    bool started;
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t more, room;
    FL_VEC(pending) q;
    size_t head, queued;
    bool closing;
    unsigned failed;
    int first_errno;
    char *first_path;
} writer;

struct sum_cache {
    char *dir;
    unsigned facts;  /* the facts the run builds (FX_NEED_*): a summary depends on them */
    writer w;
    uint64_t tool;   /* what built the trees: a hash of this executable (0 until needed) */
    fl_strmap stat_ids;  /* path (owned, in stat_paths) -> index in stats */
    FL_VEC(char *) stat_paths;
    FL_VEC(file_stat) stats;
};

static file_stat stat_of(sum_cache *c, const char *path)
{
    uint32_t id;
    if (fl_strmap_get(&c->stat_ids, path, &id))
        return c->stats.items[id];
    struct stat sb;
    file_stat fs = {0};
    if (stat(path, &sb) == 0)
        fs = (file_stat){true, (uint64_t)sb.st_size, (int64_t)sb.st_mtim.tv_sec, (uint32_t)sb.st_mtim.tv_nsec};
    char *key = fl_xstrdup(path);
    fl_vec_push(&c->stat_paths, key);
    fl_strmap_put(&c->stat_ids, key, (uint32_t)c->stats.len);
    fl_vec_push(&c->stats, fs);
    return fs;
}

sum_cache *cache_new(const char *dir)
{
    sum_cache *c = fl_xcalloc(1, sizeof *c);
    c->dir = fl_xstrdup(dir);
    return c;
}

void cache_set_facts(sum_cache *c, unsigned facts)
{
    c->facts = facts;
}

void cache_free(sum_cache *c)
{
    if (!c)
        return;
    char err[8];
    cache_flush(c, err, sizeof err);
    for (size_t i = 0; i < c->stat_paths.len; i++)
        free(c->stat_paths.items[i]);
    fl_vec_free(&c->stat_paths);
    fl_vec_free(&c->stats);
    fl_strmap_free(&c->stat_ids);
    free(c->dir);
    free(c);
}

const char *cache_dir(const sum_cache *c)
{
    return c->dir;
}

/* What makes a unit's summary: where and how it is compiled. */
static uint64_t command_hash(const fe_job *job)
{
    uint64_t h = FL_FNV_BASIS;
    h = fl_fnv1a_str(h, job->directory);
    h = fl_fnv1a_str(h, job->file);
    h = fl_fnv1a_str(h, job->output);
    for (uint32_t i = 0; i < job->argc; i++)
        h = fl_fnv1a_str(h, job->argv[i]);
    /* the GCC version the unit is parsed as (frontend/gcc_compat.c): a compiler upgrade changes
       which branches of `#if __GNUC__ >= N` the tree holds */
    const char *gnuc = job->argc ? fe_gnuc_version_flag(job->argv[0]) : NULL;
    if (gnuc)
        h = fl_fnv1a_str(h, gnuc);
    return h;
}

static char *file_ext(const sum_cache *c, const fe_job *job, const char *ext)
{
    /* the file names the unit's source, so that a reader of the folder can tell them apart */
    const char *base = strrchr(job->file, '/');
    base = base ? base + 1 : job->file;
    return fl_xasprintf("%s/%.40s-%016llx.%s", c->dir, base, (unsigned long long)command_hash(job), ext);
}

/* A summary's key: the unit's command, and the facts the run built (a run without the lock
   checks exports no lock helpers: its summaries must not stand in for a run with them). */
static uint64_t summary_hash(const sum_cache *c, const fe_job *job)
{
    uint64_t h = command_hash(job);
    if (c->facts)
        h = fl_fnv1a(h, (const unsigned char *)&c->facts, sizeof c->facts);
    return h;
}

static char *file_of(const sum_cache *c, const fe_job *job)
{
    const char *base = strrchr(job->file, '/');
    base = base ? base + 1 : job->file;
    return fl_xasprintf("%s/%.40s-%016llx.flsum", c->dir, base, (unsigned long long)summary_hash(c, job));
}

/* ---- paths of spans ---------------------------------------------------------------------------- */

/* The source map holds display paths (relative to the working folder when under it); a summary
   holds absolute ones, so that a run from another folder reads the same file. */
typedef struct paths {
    fl_srcmap *sm;
    char cwd[PATH_MAX];
    char buf[2 * PATH_MAX + 2];
} paths;

static const char *abs_of(void *ctx, uint32_t file)
{
    paths *p = ctx;
    const char *d = fl_srcmap_path(p->sm, file);
    if (d[0] == '/' || !p->cwd[0])
        return d;
    snprintf(p->buf, sizeof p->buf, "%s/%s", p->cwd, d);
    return p->buf;
}

static uint32_t intern_abs(void *ctx, const char *path)
{
    paths *p = ctx;
    char *d = fe_display_path(path);
    uint32_t id = fl_srcmap_intern(p->sm, d);
    free(d);
    return id;
}

static void paths_init(paths *p, fl_srcmap *sm)
{
    p->sm = sm;
    if (!getcwd(p->cwd, sizeof p->cwd))
        p->cwd[0] = 0;
}

/* ---- files and stamps ------------------------------------------------------------------------ */

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    unsigned char *b = fl_xmalloc(cap);
    size_t got;
    while ((got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            b = fl_xrealloc(b, cap *= 2);
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(b);
        return NULL;
    }
    *len = n;
    return b;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* mkdir -p of an absolute or relative folder. */
static bool make_dirs(const char *dir)
{
    char *p = fl_xstrdup(dir);
    bool ok = true;
    for (char *s = p + 1; ok; s++) {
        bool end = *s == 0;
        if (*s == '/' || end) {
            *s = 0;
            if (mkdir(p, 0777) != 0 && errno != EEXIST)
                ok = false;
            if (end)
                break;
            *s = '/';
        }
    }
    free(p);
    return ok;
}

/* Write bytes to path through a temporary name; false with errno set when it failed. */
static bool write_file(const char *dir, const char *path, const unsigned char *b, size_t len, bool unless_same)
{
    /* a summary rewritten every run is mostly the same bytes: reading them is cheaper */
    if (unless_same) {
        size_t had_len = 0;
        unsigned char *had = read_all(path, &had_len);
        bool same = had && had_len == len && memcmp(had, b, len) == 0;
        free(had);
        if (same)
            return true;
    }
    bool ok = make_dirs(dir);
    char *tmp = fl_xasprintf("%s.%ld.tmp", path, (long)getpid());
    FILE *f = ok ? fopen(tmp, "wb") : NULL;
    if (f) {
        ok = fwrite(b, 1, len, f) == len;
        ok &= fclose(f) == 0;
        ok = ok && rename(tmp, path) == 0;
        if (!ok)
            unlink(tmp);
    } else
        ok = false;
    free(tmp);
    return ok;
}

/* The stamp of a unit now: its command, and each file it read with its size and time. */
static sf_stamp stamp_now(sum_cache *c, const fe_job *job, const char *const *inputs, uint32_t ninputs)
{
    sf_stamp st = {command_hash(job), fl_xcalloc(ninputs + 1, sizeof(sf_input)), 0, NULL, 0};
    for (uint32_t i = 0; i < ninputs; i++) {
        file_stat fs = stat_of(c, inputs[i]);
        if (!fs.ok)
            continue; /* gone since: the reader will find it missing, and parse again */
        st.inputs[st.ninputs++] = (sf_input){inputs[i], fs.size, fs.mtime_s, fs.mtime_ns};
    }
    return st;
}

/* Does every file of the stamp still have its size and time? Else why not. */
static bool inputs_hold(sum_cache *c, const sf_stamp *st, char *why, size_t whylen)
{
    for (uint32_t i = 0; i < st->ninputs; i++) {
        const sf_input *in = &st->inputs[i];
        file_stat fs = stat_of(c, in->path);
        if (!fs.ok || fs.size != in->size || fs.mtime_s != in->mtime_s || fs.mtime_ns != in->mtime_ns) {
            snprintf(why, whylen, "`%s` changed", base_name(in->path));
            return false;
        }
    }
    return true;
}

/* ---- reading --------------------------------------------------------------------------------- */

us_unit *cache_load(sum_cache *c, const fe_job *job, fl_srcmap *sm, sf_stamp *st, char *why, size_t whylen)
{
    char *path = file_of(c, job);
    size_t len = 0;
    unsigned char *b = read_all(path, &len);
    if (!b) {
        snprintf(why, whylen, "it is not in the cache");
        free(path);
        return NULL;
    }
    paths pa;
    paths_init(&pa, sm);
    char err[256];
    us_unit *u = sf_read(b, len, st, intern_abs, &pa, err, sizeof err);
    free(b);
    if (!u) {
        snprintf(why, whylen, "%s: %s", path, err);
        free(path);
        return NULL;
    }
    free(path);
    if (st->command != summary_hash(c, job)) {
        snprintf(why, whylen, "its compile command changed");
        us_free(u);
        return NULL;
    }
    if (!inputs_hold(c, st, why, whylen)) {
        us_free(u);
        return NULL;
    }
    return u;
}

/* ---- writing --------------------------------------------------------------------------------- */

bool cache_store(sum_cache *c, const fe_job *job, const us_unit *sum, const char *const *inputs, uint32_t ninputs,
                 const sf_import *imports, uint32_t nimports, fl_srcmap *sm, char *err, size_t errlen)
{
    sf_stamp st = stamp_now(c, job, inputs, ninputs);
    st.command = summary_hash(c, job);
    st.imports = (sf_import *)imports;
    st.nimports = nimports;
    paths pa;
    paths_init(&pa, sm);
    size_t len;
    unsigned char *b = sf_write(sum, &st, abs_of, &pa, &len);
    free(st.inputs);
    char *path = file_of(c, job);
    bool ok = write_file(c->dir, path, b, len, true);
    if (!ok)
        snprintf(err, errlen, "cannot write `%s`: %s", path, strerror(errno));
    free(path);
    free(b);
    return ok;
}

/* ---- trees --------------------------------------------------------------------------------- */

static const char TREE_MAGIC[8] = {'F', 'L', 'T', 'R', 'E', 'E', 'S', '1'};

/* A tree depends on the code that converted it, not only on its format: a hash of the running
   executable, so that a rebuilt fearless never trusts a tree an older one wrote. */
static uint64_t tool_hash(sum_cache *c)
{
    if (c->tool)
        return c->tool;
    uint64_t h = fl_fnv1a_str(FL_FNV_BASIS, FEARLESS_VERSION_STRING);
    size_t len = 0;
    unsigned char *exe = read_all("/proc/self/exe", &len);
    if (exe)
        h = fl_fnv1a(h, exe, len);
    free(exe);
    return c->tool = h ? h : 1;
}

static void *writer_main(void *arg)
{
    sum_cache *c = arg;
    writer *w = &c->w;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (w->head == w->q.len && !w->closing)
            pthread_cond_wait(&w->more, &w->mu);
        if (w->head == w->q.len)
            break;
        pending p = w->q.items[w->head++];
        pthread_mutex_unlock(&w->mu);
        bool ok = write_file(c->dir, p.path, p.bytes, p.len, false);
        int e = errno;
        pthread_mutex_lock(&w->mu);
        if (!ok && w->failed++ == 0) {
            w->first_errno = e;
            w->first_path = p.path;
            p.path = NULL;
        }
        w->queued -= p.len;
        pthread_cond_signal(&w->room);
        free(p.path);
        free(p.bytes);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

/* Hand a file to the writer thread (started on first use; when it cannot be, written here). */
static void enqueue(sum_cache *c, char *path, unsigned char *bytes, size_t len)
{
    writer *w = &c->w;
    if (!w->started) {
        pthread_mutex_init(&w->mu, NULL);
        pthread_cond_init(&w->more, NULL);
        pthread_cond_init(&w->room, NULL);
        w->closing = false;
        w->started = pthread_create(&w->th, NULL, writer_main, c) == 0;
        if (!w->started) {
            pthread_mutex_destroy(&w->mu);
            pthread_cond_destroy(&w->more);
            pthread_cond_destroy(&w->room);
            bool ok = write_file(c->dir, path, bytes, len, false);
            if (!ok && w->failed++ == 0) {
                w->first_errno = errno;
                w->first_path = path;
                path = NULL;
            }
            free(path);
            free(bytes);
            return;
        }
    }
    pthread_mutex_lock(&w->mu);
    while (w->queued > WRITER_MAX_BYTES)
        pthread_cond_wait(&w->room, &w->mu);
    fl_vec_push(&w->q, ((pending){path, bytes, len}));
    w->queued += len;
    pthread_cond_signal(&w->more);
    pthread_mutex_unlock(&w->mu);
}

unsigned cache_flush(sum_cache *c, char *err, size_t errlen)
{
    writer *w = &c->w;
    if (w->started) {
        pthread_mutex_lock(&w->mu);
        w->closing = true;
        pthread_cond_signal(&w->more);
        pthread_mutex_unlock(&w->mu);
        pthread_join(w->th, NULL);
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->more);
        pthread_cond_destroy(&w->room);
        fl_vec_free(&w->q);
        w->head = w->queued = 0;
        w->started = false;
    }
    unsigned failed = w->failed;
    if (failed && errlen)
        snprintf(err, errlen, "cannot write `%s`: %s", w->first_path ? w->first_path : "?", strerror(w->first_errno));
    free(w->first_path);
    w->first_path = NULL;
    w->failed = 0;
    return failed;
}

/* A new tree or report file, its spans by absolute path (through *pa), opening with the tool hash
   and the stamps' format version. */
static void writer_begin(sum_cache *c, fl_bw *w, paths *pa, fl_srcmap *sm)
{
    paths_init(pa, sm);
    *w = (fl_bw){0};
    w->path_of = abs_of;
    w->ctx = pa;
    fl_bw_u64(w, tool_hash(c));
    fl_bw_u(w, SF_VERSION);
}

/* A tree file: the tool hash, the stamp, the job it was made for, the tree. NULL when the tree
   cannot be written. */
static unsigned char *tree_encode(sum_cache *c, const fe_job *job, const ast_tu *tu, const char *const *inputs,
                                  uint32_t ninputs, fl_srcmap *sm, size_t *len)
{
    paths pa;
    fl_bw w;
    writer_begin(c, &w, &pa, sm);
    sf_stamp st = stamp_now(c, job, inputs, ninputs);
    sf_put_stamp(&w, &st);
    free(st.inputs);
    fl_bw_s(&w, job->file);
    fl_bw_s(&w, job->directory);
    fl_bw_s(&w, job->output);
    bool ok = ast_file_put(&w, tu);
    unsigned char *b = fl_bw_finish(&w, TREE_MAGIC, AST_FILE_VERSION, len);
    if (!ok) {
        free(b);
        return NULL;
    }
    return b;
}

bool cache_store_tree(sum_cache *c, const fe_job *job, const ast_tu *tu, const char *const *inputs, uint32_t ninputs,
                      fl_srcmap *sm, size_t *bytes, char *err, size_t errlen)
{
    size_t len = 0;
    unsigned char *b = tree_encode(c, job, tu, inputs, ninputs, sm, &len);
    *bytes = b ? len : 0;
    if (!b) {
        snprintf(err, errlen, "the tree of `%s` cannot be written", base_name(job->file));
        return false;
    }
    enqueue(c, file_ext(c, job, "fltree"), b, len);
    return true;
}

bool cache_write_tree_file(sum_cache *c, const char *path, const fe_job *job, const ast_tu *tu,
                           const char *const *inputs, uint32_t ninputs, fl_srcmap *sm, char *err, size_t errlen)
{
    size_t len = 0;
    unsigned char *b = tree_encode(c, job, tu, inputs, ninputs, sm, &len);
    if (!b) {
        snprintf(err, errlen, "the tree of `%s` cannot be written", base_name(job->file));
        return false;
    }
    char *dir = fl_xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    bool ok = write_file(slash ? dir : ".", path, b, len, false);
    if (!ok)
        snprintf(err, errlen, "cannot write `%s`: %s", path, strerror(errno));
    free(dir);
    free(b);
    return ok;
}

/* The tree file at path. With a job: only when it was made for that job's command; without,
   for whichever job it names (*info). Either way only when this build of fearless wrote it and
   every file it read is as it was. NULL with the reason in why (empty: no such file). */
static ast_tu *read_tree_file(sum_cache *c, const char *path, const fe_job *job, fl_srcmap *sm, tree_info *info,
                              char ***inputs, uint32_t *ninputs, char *why, size_t whylen)
{
    size_t len = 0;
    unsigned char *b = read_all(path, &len);
    if (!b) {
        if (whylen)
            why[0] = 0; /* none kept: no news */
        return NULL;
    }
    paths pa;
    paths_init(&pa, sm);
    fl_arena *A = fl_arena_new(); /* the tree's, with the strings of the file (and its stamp's) */
    fl_br r;
    char err[256];
    ast_tu *tu = NULL;
    sf_stamp st = {0};
    if (!fl_br_open(&r, b, len, TREE_MAGIC, AST_FILE_VERSION, "tree", A, intern_abs, &pa, err, sizeof err)) {
        snprintf(why, whylen, "%s: %s", path, err);
        goto out;
    }
    if (fl_br_u64(&r) != tool_hash(c)) {
        snprintf(why, whylen, "another build of fearless wrote its tree");
        goto out;
    }
    if (fl_br_u(&r) != SF_VERSION) {
        snprintf(why, whylen, "%s: its stamp has another format", path);
        goto out;
    }
    sf_get_stamp(&r, &st);
    const char *file = fl_br_s(&r), *dir = fl_br_s(&r), *output = fl_br_s(&r);
    if (!r.bad && (!file || !dir))
        fl_br_fail(&r, "it names no source file");
    if (!r.bad && job && st.command != command_hash(job)) {
        snprintf(why, whylen, "its compile command changed");
        goto out;
    }
    if (!r.bad && !inputs_hold(c, &st, why, whylen))
        goto out;
    tu = r.bad ? NULL : ast_file_get(&r);
    if (!fl_br_close(&r, "tree", err, sizeof err)) {
        snprintf(why, whylen, "%s: %s", path, err);
        tu = NULL;
        goto out;
    }
    if (info)
        *info = (tree_info){fl_xstrdup(file), fl_xstrdup(dir), output ? fl_xstrdup(output) : NULL};
    *ninputs = st.ninputs;
    *inputs = fl_xcalloc(st.ninputs + 1, sizeof **inputs);
    for (uint32_t i = 0; i < st.ninputs; i++)
        (*inputs)[i] = fl_xstrdup(st.inputs[i].path);
out:
    if (!tu)
        fl_arena_free(A);
    free(b);
    return tu;
}

ast_tu *cache_load_tree(sum_cache *c, const fe_job *job, fl_srcmap *sm, char ***inputs, uint32_t *ninputs, char *why,
                        size_t whylen)
{
    char *path = job->tree ? fl_xstrdup(job->tree) : file_ext(c, job, "fltree");
    ast_tu *tu = read_tree_file(c, path, job->tree ? NULL : job, sm, NULL, inputs, ninputs, why, whylen);
    if (!tu && job->tree && whylen && !why[0])
        snprintf(why, whylen, "`%s` is gone", path);
    free(path);
    return tu;
}

bool cache_tree_file_info(sum_cache *c, const char *path, tree_info *info, char *why, size_t whylen)
{
    fl_srcmap *sm = fl_srcmap_new();
    char **inputs = NULL;
    uint32_t n = 0;
    ast_tu *tu = read_tree_file(c, path, NULL, sm, info, &inputs, &n, why, whylen);
    if (tu)
        fl_arena_free(tu->arena);
    for (uint32_t i = 0; i < n; i++)
        free(inputs[i]);
    free(inputs);
    fl_srcmap_free(sm);
    if (!tu && whylen && !why[0])
        snprintf(why, whylen, "cannot read `%s`", path);
    return tu != NULL;
}

/* ---- reports ---------------------------------------------------------------------------------- */

static const char REPORT_MAGIC[8] = {'F', 'L', 'R', 'E', 'P', 'R', 'T', '1'};
#define REPORT_VERSION 1

/* One report per list of units: a run with other options replaces it. */
static char *report_path(const sum_cache *c, const fe_joblist *jobs)
{
    uint64_t h = FL_FNV_BASIS;
    for (uint32_t i = 0; i < jobs->n; i++)
        h = fl_fnv1a_str(h, jobs->jobs[i].file);
    return fl_xasprintf("%s/report-%016llx.flreport", c->dir, (unsigned long long)h);
}

bool cache_store_report(sum_cache *c, uint64_t key, const fe_joblist *jobs, const char *const *const *inputs,
                        const uint32_t *ninputs, fl_srcmap *sm, void (*put)(fl_bw *w, const void *rec),
                        const void *rec, char *err, size_t errlen)
{
    paths pa;
    fl_bw w;
    writer_begin(c, &w, &pa, sm);
    fl_bw_u64(&w, key);
    fl_bw_u(&w, jobs->n);
    for (uint32_t i = 0; i < jobs->n; i++) {
        sf_stamp st = stamp_now(c, &jobs->jobs[i], inputs[i], ninputs[i]);
        sf_put_stamp(&w, &st);
        free(st.inputs);
    }
    put(&w, rec);
    size_t len = 0;
    unsigned char *b = fl_bw_finish(&w, REPORT_MAGIC, REPORT_VERSION, &len);
    char *path = report_path(c, jobs);
    bool ok = write_file(c->dir, path, b, len, false);
    if (!ok)
        snprintf(err, errlen, "cannot write `%s`: %s", path, strerror(errno));
    free(path);
    free(b);
    return ok;
}

void *cache_load_report(sum_cache *c, uint64_t key, const fe_joblist *jobs, fl_srcmap *sm,
                        void *(*get)(fl_br *r), void (*drop)(void *rec), char *why, size_t whylen)
{
    if (whylen)
        why[0] = 0;
    char *path = report_path(c, jobs);
    size_t len = 0;
    unsigned char *b = read_all(path, &len);
    free(path);
    if (!b)
        return NULL;
    paths pa;
    paths_init(&pa, sm);
    fl_arena *A = fl_arena_new(); /* the file's strings and stamps */
    fl_br r = {0};
    char err[256];
    void *rec = NULL;
    if (!fl_br_open(&r, b, len, REPORT_MAGIC, REPORT_VERSION, "report", A, intern_abs, &pa, err, sizeof err)) {
        snprintf(why, whylen, "%s", err);
        fl_arena_free(A);
        free(b);
        return NULL;
    }
    bool holds = true;
    if (fl_br_u64(&r) != tool_hash(c) || fl_br_u(&r) != SF_VERSION) {
        snprintf(why, whylen, "another build of fearless wrote it");
        holds = false;
    } else if (fl_br_u64(&r) != key || fl_br_u(&r) != jobs->n) {
        snprintf(why, whylen, "it was made with other options or checks");
        holds = false;
    }
    for (uint32_t i = 0; holds && i < jobs->n && !r.bad; i++) {
        sf_stamp st = {0};
        sf_get_stamp(&r, &st);
        if (r.bad)
            break;
        if (st.command != command_hash(&jobs->jobs[i])) {
            snprintf(why, whylen, "the compile command of `%s` changed", base_name(jobs->jobs[i].file));
            holds = false;
        } else
            holds = inputs_hold(c, &st, why, whylen);
    }
    if (holds && !r.bad)
        rec = get(&r);
    if (holds && !fl_br_close(&r, "report", err, sizeof err)) {
        snprintf(why, whylen, "%s", err);
        if (rec)
            drop(rec);
        rec = NULL;
    } else if (!holds)
        fl_br_close(&r, "report", err, sizeof err);
    fl_arena_free(A);
    free(b);
    return rec;
}
