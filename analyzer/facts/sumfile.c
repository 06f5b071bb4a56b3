/* sumfile.c - a unit's summary as bytes and back (see sumfile.h, docs/summary-format.md). */
#include "sumfile.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/hash.h"
#include "../base/strmap.h"
#include "../base/vec.h"
#include "../base/xalloc.h"
#include "locks.h"
#include "summary.h"

static const char MAGIC[8] = {'F', 'L', 'S', 'U', 'M', 'M', 'R', 'Y'};

static uint64_t fnv(const unsigned char *p, size_t n)
{
    return fl_fnv1a(FL_FNV_BASIS, p, n);
}

/* ---- writing --------------------------------------------------------------------------------- */

typedef struct wr {
    FL_VEC(unsigned char) b;
    fl_strmap ids;                 /* string -> index in the table */
    FL_VEC(const char *) strs;
    const char *(*path_of)(void *ctx, uint32_t file);
    void *ctx;
} wr;

static void put_byte(wr *w, unsigned char c)
{
    fl_vec_push(&w->b, c);
}

static void put_u(wr *w, uint64_t v)
{
    do {
        unsigned char c = v & 0x7f;
        v >>= 7;
        put_byte(w, (unsigned char)(c | (v ? 0x80 : 0)));
    } while (v);
}

static void put_i(wr *w, int64_t v)
{
    put_u(w, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63)); /* zigzag */
}

static void put_u64(wr *w, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        put_byte(w, (unsigned char)(v >> (8 * i)));
}

/* The table reference of s (0 for NULL); first pass: collect, second: write. */
static uint64_t str_ref(wr *w, const char *s)
{
    if (!s)
        return 0;
    uint32_t id;
    if (!fl_strmap_get(&w->ids, s, &id)) {
        id = (uint32_t)w->strs.len;
        fl_strmap_put(&w->ids, s, id);
        fl_vec_push(&w->strs, s);
    }
    return (uint64_t)id + 1;
}

static void put_s(wr *w, const char *s)
{
    put_u(w, str_ref(w, s));
}

static void put_span(wr *w, fl_span sp)
{
    put_s(w, fl_span_valid(sp) ? w->path_of(w->ctx, sp.file) : NULL);
    put_u(w, fl_span_valid(sp) ? sp.begin : 0);
    put_u(w, fl_span_valid(sp) ? sp.end : 0);
}

static void put_body(wr *w, const us_unit *u, const sf_stamp *st)
{
    put_u64(w, st->command);
    put_u(w, st->ninputs);
    for (uint32_t i = 0; i < st->ninputs; i++) {
        put_s(w, st->inputs[i].path);
        put_u(w, st->inputs[i].size);
        put_i(w, st->inputs[i].mtime_s);
        put_u(w, st->inputs[i].mtime_ns);
    }
    put_u(w, st->nimports);
    for (uint32_t i = 0; i < st->nimports; i++) {
        put_s(w, st->imports[i].name);
        put_u64(w, st->imports[i].hash);
    }
    put_s(w, u->file);
    put_u(w, u->nfns);
    for (uint32_t i = 0; i < u->nfns; i++) {
        const us_fn *f = &u->fns[i];
        put_s(w, f->name);
        put_span(w, f->span);
        put_u(w, f->nparams);
        for (uint32_t k = 0; k < f->nparams; k++) {
            put_u(w, f->param[k]);
            put_s(w, f->handle_path ? f->handle_path[k] : NULL);
        }
        put_u(w, f->handle);
        put_u(w, (f->joins_any ? 1u : 0u) | (f->starts ? 2u : 0u) | (f->nonplain ? 4u : 0u));
        put_s(w, f->spawn_api);
        put_span(w, f->spawn_span);
        put_u(w, f->nlocks);
        for (uint32_t k = 0; k < f->nlocks; k++) {
            const us_lock *l = &f->locks[k];
            put_u(w, l->op);
            put_u(w, (l->success_nonzero ? 1u : 0u) | (l->soft ? 2u : 0u));
            put_i(w, l->param);
            put_s(w, l->global);
            put_s(w, l->global_file);
            put_span(w, l->global_span);
            put_s(w, l->path);
            put_span(w, l->site);
        }
        put_u64(w, f->hash);
    }
}

unsigned char *sf_write(const us_unit *u, const sf_stamp *st, const char *(*path_of)(void *ctx, uint32_t file),
                        void *ctx, size_t *len)
{
    wr w = {0};
    w.path_of = path_of;
    w.ctx = ctx;
    /* the body first, to learn the strings; then the file: header, table, body, hash */
    put_body(&w, u, st);
    FL_VEC(unsigned char) body = {0};
    body.items = w.b.items, body.len = w.b.len, body.cap = w.b.cap;
    w.b.items = NULL, w.b.len = w.b.cap = 0;
    for (size_t i = 0; i < sizeof MAGIC; i++)
        put_byte(&w, (unsigned char)MAGIC[i]);
    put_u(&w, SF_VERSION);
    put_u(&w, w.strs.len);
    for (size_t i = 0; i < w.strs.len; i++) {
        size_t n = strlen(w.strs.items[i]);
        put_u(&w, n);
        for (size_t k = 0; k < n; k++)
            put_byte(&w, (unsigned char)w.strs.items[i][k]);
    }
    for (size_t i = 0; i < body.len; i++)
        put_byte(&w, body.items[i]);
    put_u64(&w, fnv(w.b.items, w.b.len));
    fl_vec_free(&body);
    fl_vec_free(&w.strs);
    fl_strmap_free(&w.ids);
    *len = w.b.len;
    return w.b.items;
}

/* ---- reading --------------------------------------------------------------------------------- */

typedef struct rd {
    const unsigned char *p;
    size_t len, pos;
    bool bad;
    const char *why;       /* the first problem */
    const char **strs;
    uint64_t nstrs;
    fl_arena *A;
    uint32_t (*intern)(void *ctx, const char *path);
    void *ctx;
} rd;

static void fail(rd *r, const char *why)
{
    if (!r->bad)
        r->why = why;
    r->bad = true;
}

static uint64_t get_u(rd *r)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->pos >= r->len) {
            fail(r, "it ends in the middle of a number");
            return 0;
        }
        unsigned char c = r->p[r->pos++];
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return v;
    }
    fail(r, "a number is too long");
    return 0;
}

static int64_t get_i(rd *r)
{
    uint64_t z = get_u(r);
    return (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
}

/* A count of things each at least `min_bytes` long: no larger than what is left. */
static uint32_t get_count(rd *r, size_t min_bytes)
{
    uint64_t n = get_u(r);
    if (n > UINT32_MAX || n * min_bytes > r->len - r->pos) {
        fail(r, "a count is larger than the file");
        return 0;
    }
    return (uint32_t)n;
}

static uint64_t get_u64(rd *r)
{
    if (r->len - r->pos < 8) {
        fail(r, "it ends in the middle of a hash");
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)r->p[r->pos++] << (8 * i);
    return v;
}

static const char *get_s(rd *r)
{
    uint64_t ref = get_u(r);
    if (ref == 0)
        return NULL;
    if (ref > r->nstrs) {
        fail(r, "a string reference is outside the table");
        return NULL;
    }
    return r->strs[ref - 1];
}

static fl_span get_span(rd *r)
{
    const char *path = get_s(r);
    uint64_t b = get_u(r), e = get_u(r);
    if (!path)
        return fl_span_none();
    if (b > UINT32_MAX || e > UINT32_MAX || b > e) {
        fail(r, "a source range is malformed");
        return fl_span_none();
    }
    return (fl_span){r->intern(r->ctx, path), (uint32_t)b, (uint32_t)e};
}

static uint32_t get_small(rd *r, uint32_t max, const char *what)
{
    uint64_t v = get_u(r);
    if (v > max) {
        fail(r, what);
        return 0;
    }
    return (uint32_t)v;
}

static void read_body(rd *r, us_unit *u, sf_stamp *st)
{
    fl_arena *A = r->A;
    st->command = get_u64(r);
    st->ninputs = get_count(r, 4);
    st->inputs = FL_NEW_ARRAY(A, sf_input, st->ninputs + 1);
    for (uint32_t i = 0; i < st->ninputs && !r->bad; i++) {
        st->inputs[i].path = get_s(r);
        st->inputs[i].size = get_u(r);
        st->inputs[i].mtime_s = get_i(r);
        st->inputs[i].mtime_ns = get_small(r, 999999999u, "a modification time is malformed");
        if (!st->inputs[i].path)
            fail(r, "an input file has no name");
    }
    st->nimports = get_count(r, 9);
    st->imports = FL_NEW_ARRAY(A, sf_import, st->nimports + 1);
    for (uint32_t i = 0; i < st->nimports && !r->bad; i++) {
        st->imports[i].name = get_s(r);
        st->imports[i].hash = get_u64(r);
        if (!st->imports[i].name)
            fail(r, "an import has no name");
    }
    const char *file = get_s(r);
    u->file = file ? file : "";
    uint32_t n = get_count(r, 12);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        const char *name = get_s(r);
        if (!name) {
            fail(r, "a function has no name");
            break;
        }
        us_fn *f = us_add_fn(u, name);
        f->span = get_span(r);
        f->nparams = get_count(r, 2);
        f->param = FL_NEW_ARRAY(A, uint16_t, f->nparams + 1);
        f->handle_path = FL_NEW_ARRAY(A, const char *, f->nparams + 1);
        for (uint32_t k = 0; k < f->nparams && !r->bad; k++) {
            f->param[k] = (uint16_t)get_small(r, UINT16_MAX, "a parameter's flags are malformed");
            f->handle_path[k] = get_s(r);
        }
        f->handle = (uint8_t)get_small(r, SUM_HANDLE_HIDDEN, "a handle kind is unknown");
        uint32_t flags = get_small(r, 7, "a function's flags are malformed");
        f->joins_any = flags & 1;
        f->starts = (flags & 2) != 0;
        f->nonplain = (flags & 4) != 0;
        f->spawn_api = get_s(r);
        f->spawn_span = get_span(r);
        f->nlocks = get_count(r, 9);
        f->locks = FL_NEW_ARRAY(A, us_lock, f->nlocks + 1);
        for (uint32_t k = 0; k < f->nlocks && !r->bad; k++) {
            us_lock *l = &f->locks[k];
            l->op = (uint8_t)get_small(r, LOCK_MAYBE, "a lock operation is unknown");
            uint32_t lflags = get_small(r, 3, "a lock's flags are malformed");
            l->success_nonzero = (lflags & 1) != 0;
            l->soft = (lflags & 2) != 0;
            int64_t p = get_i(r);
            if (p < -1 || p > UINT16_MAX)
                fail(r, "a lock names a parameter no function has");
            l->param = (int32_t)p;
            l->global = get_s(r);
            l->global_file = get_s(r);
            l->global_span = get_span(r);
            const char *path = get_s(r);
            l->path = path ? path : "";
            l->site = get_span(r);
        }
        f->hash = get_u64(r);
    }
}

us_unit *sf_read(const unsigned char *data, size_t len, sf_stamp *st, uint32_t (*intern)(void *ctx, const char *path),
                 void *ctx, char *err, size_t errlen)
{
    memset(st, 0, sizeof *st);
    if (len < sizeof MAGIC + 1 + 8 || memcmp(data, MAGIC, sizeof MAGIC) != 0) {
        snprintf(err, errlen, "not a fearless summary file");
        return NULL;
    }
    if (fnv(data, len - 8) != (uint64_t)data[len - 8] + ((uint64_t)data[len - 7] << 8) +
                                   ((uint64_t)data[len - 6] << 16) + ((uint64_t)data[len - 5] << 24) +
                                   ((uint64_t)data[len - 4] << 32) + ((uint64_t)data[len - 3] << 40) +
                                   ((uint64_t)data[len - 2] << 48) + ((uint64_t)data[len - 1] << 56)) {
        /* the version may say why: a file of another version is not damaged, only foreign */
        rd v = {data, len - 8, sizeof MAGIC, false, NULL, NULL, 0, NULL, NULL, NULL};
        uint64_t version = get_u(&v);
        if (!v.bad && version != SF_VERSION)
            snprintf(err, errlen, "summary format version %llu, this fearless reads version %d",
                     (unsigned long long)version, SF_VERSION);
        else
            snprintf(err, errlen, "the summary file is damaged (its checksum does not match)");
        return NULL;
    }
    us_unit *u = us_new(NULL);
    rd r = {data, len - 8, sizeof MAGIC, false, NULL, NULL, 0, u->arena, intern, ctx};
    uint64_t version = get_u(&r);
    if (!r.bad && version != SF_VERSION) {
        snprintf(err, errlen, "summary format version %llu, this fearless reads version %d", (unsigned long long)version,
                 SF_VERSION);
        us_free(u);
        return NULL;
    }
    r.nstrs = get_count(&r, 1);
    r.strs = FL_NEW_ARRAY(u->arena, const char *, r.nstrs + 1);
    for (uint64_t i = 0; i < r.nstrs && !r.bad; i++) {
        uint32_t n = get_count(&r, 1);
        if (r.bad)
            break;
        char *s = fl_arena_alloc(u->arena, (size_t)n + 1);
        memcpy(s, r.p + r.pos, n);
        s[n] = 0;
        if (strlen(s) != n)
            fail(&r, "a string holds a NUL byte");
        r.pos += n;
        r.strs[i] = s;
    }
    if (!r.bad)
        read_body(&r, u, st);
    if (!r.bad && r.pos != r.len)
        fail(&r, "bytes follow the last function");
    if (r.bad) {
        snprintf(err, errlen, "the summary file is damaged (%s)", r.why);
        us_free(u);
        memset(st, 0, sizeof *st);
        return NULL;
    }
    us_finish(u);
    return u;
}
