/* cache.c - the summaries of units kept on disk between runs (see cache.h). */
#include "cache.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/hash.h"
#include "../base/xalloc.h"

struct sum_cache {
    char *dir;
};

sum_cache *cache_new(const char *dir)
{
    sum_cache *c = fl_xcalloc(1, sizeof *c);
    c->dir = fl_xstrdup(dir);
    return c;
}

void cache_free(sum_cache *c)
{
    if (!c)
        return;
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
    return h;
}

static char *file_of(const sum_cache *c, const fe_job *job)
{
    /* the file names the unit's source, so that a reader of the folder can tell them apart */
    const char *base = strrchr(job->file, '/');
    base = base ? base + 1 : job->file;
    return fl_xasprintf("%s/%.40s-%016llx.flsum", c->dir, base, (unsigned long long)command_hash(job));
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

/* ---- reading --------------------------------------------------------------------------------- */

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
    if (st->command != command_hash(job)) {
        snprintf(why, whylen, "its compile command changed");
        us_free(u);
        return NULL;
    }
    for (uint32_t i = 0; i < st->ninputs; i++) {
        struct stat sb;
        const sf_input *in = &st->inputs[i];
        if (stat(in->path, &sb) != 0 || (uint64_t)sb.st_size != in->size || (int64_t)sb.st_mtim.tv_sec != in->mtime_s ||
            (uint32_t)sb.st_mtim.tv_nsec != in->mtime_ns) {
            snprintf(why, whylen, "`%s` changed", base_name(in->path));
            us_free(u);
            return NULL;
        }
    }
    return u;
}

/* ---- writing --------------------------------------------------------------------------------- */

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

bool cache_store(sum_cache *c, const fe_job *job, const us_unit *sum, const char *const *inputs, uint32_t ninputs,
                 const sf_import *imports, uint32_t nimports, fl_srcmap *sm, char *err, size_t errlen)
{
    sf_stamp st = {command_hash(job), fl_xcalloc(ninputs + 1, sizeof(sf_input)), 0, (sf_import *)imports, nimports};
    for (uint32_t i = 0; i < ninputs; i++) {
        struct stat sb;
        if (stat(inputs[i], &sb) != 0)
            continue; /* gone since: the reader will find it missing, and parse again */
        st.inputs[st.ninputs++] = (sf_input){inputs[i], (uint64_t)sb.st_size, (int64_t)sb.st_mtim.tv_sec,
                                             (uint32_t)sb.st_mtim.tv_nsec};
    }
    paths pa;
    paths_init(&pa, sm);
    size_t len;
    unsigned char *b = sf_write(sum, &st, abs_of, &pa, &len);
    free(st.inputs);
    bool ok = make_dirs(c->dir);
    char *path = file_of(c, job);
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
    if (!ok)
        snprintf(err, errlen, "cannot write `%s`: %s", path, strerror(errno));
    free(tmp);
    free(path);
    free(b);
    return ok;
}
