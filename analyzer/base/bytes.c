/* bytes.c - the framing of cache files (see bytes.h). */
#include "bytes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

static uint64_t fnv(const unsigned char *p, size_t n)
{
    return fl_fnv1a(FL_FNV_BASIS, p, n);
}

/* ---- writing --------------------------------------------------------------------------------- */

void fl_bw_byte(fl_bw *w, unsigned char c)
{
    fl_vec_push(&w->b, c);
}

void fl_bw_u(fl_bw *w, uint64_t v)
{
    fl_vec_reserve(&w->b, w->b.len + 10);
    unsigned char *p = w->b.items + w->b.len;
    do {
        unsigned char c = v & 0x7f;
        v >>= 7;
        *p++ = (unsigned char)(c | (v ? 0x80 : 0));
    } while (v);
    w->b.len = (size_t)(p - w->b.items);
}

void fl_bw_i(fl_bw *w, int64_t v)
{
    fl_bw_u(w, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63)); /* zigzag */
}

void fl_bw_u64(fl_bw *w, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        fl_bw_byte(w, (unsigned char)(v >> (8 * i)));
}

/* The table reference of s (0 for NULL), adding it to the table when new. */
static uint32_t str_ref(fl_bw *w, const char *s)
{
    if (!s)
        return 0;
    uint32_t id;
    if (!fl_strmap_get(&w->ids, s, &id)) {
        id = (uint32_t)w->strs.len;
        fl_strmap_put(&w->ids, s, id);
        fl_vec_push(&w->strs, s);
    }
    return id + 1;
}

void fl_bw_s(fl_bw *w, const char *s)
{
    fl_bw_u(w, str_ref(w, s));
}

void fl_bw_span(fl_bw *w, fl_span sp)
{
    if (!fl_span_valid(sp)) {
        fl_bw_u(w, 0), fl_bw_u(w, 0), fl_bw_u(w, 0);
        return;
    }
    /* a tree has millions of spans in a few files: each file's path is looked up once */
    if (sp.file >= w->file_refs.len) {
        fl_vec_reserve(&w->file_refs, (size_t)sp.file + 1);
        memset(w->file_refs.items + w->file_refs.len, 0, (sp.file + 1 - w->file_refs.len) * sizeof(uint32_t));
        w->file_refs.len = (size_t)sp.file + 1;
    }
    if (!w->file_refs.items[sp.file])
        w->file_refs.items[sp.file] = str_ref(w, w->path_of(w->ctx, sp.file));
    fl_bw_u(w, w->file_refs.items[sp.file]);
    fl_bw_u(w, sp.begin);
    fl_bw_u(w, sp.end);
}

unsigned char *fl_bw_finish(fl_bw *w, const char magic[8], uint64_t version, size_t *len)
{
    /* the body was written first, to learn the strings; now the file: header, table, body, hash */
    size_t nbody = w->b.len;
    unsigned char *body = w->b.items;
    w->b.items = NULL, w->b.len = w->b.cap = 0;
    for (size_t i = 0; i < 8; i++)
        fl_bw_byte(w, (unsigned char)magic[i]);
    fl_bw_u(w, version);
    fl_bw_u(w, w->strs.len);
    for (size_t i = 0; i < w->strs.len; i++) {
        size_t n = strlen(w->strs.items[i]);
        fl_bw_u(w, n);
        fl_vec_reserve(&w->b, w->b.len + n);
        memcpy(w->b.items + w->b.len, w->strs.items[i], n);
        w->b.len += n;
    }
    fl_vec_reserve(&w->b, w->b.len + nbody + 8);
    if (nbody)
        memcpy(w->b.items + w->b.len, body, nbody);
    w->b.len += nbody;
    fl_bw_u64(w, fnv(w->b.items, w->b.len));
    free(body);
    fl_vec_free(&w->strs);
    fl_strmap_free(&w->ids);
    fl_vec_free(&w->file_refs);
    *len = w->b.len;
    unsigned char *out = w->b.items;
    w->b.items = NULL, w->b.len = w->b.cap = 0;
    return out;
}

/* ---- reading --------------------------------------------------------------------------------- */

void fl_br_fail(fl_br *r, const char *why)
{
    if (!r->bad)
        r->why = why;
    r->bad = true;
}

uint64_t fl_br_u_long(fl_br *r)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->pos >= r->len) {
            fl_br_fail(r, "it ends in the middle of a number");
            return 0;
        }
        unsigned char c = r->p[r->pos++];
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return v;
    }
    fl_br_fail(r, "a number is too long");
    return 0;
}

int64_t fl_br_i(fl_br *r)
{
    uint64_t z = fl_br_u(r);
    return (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
}

uint32_t fl_br_count(fl_br *r, size_t min_bytes)
{
    uint64_t n = fl_br_u(r);
    if (n > UINT32_MAX || n * min_bytes > r->len - r->pos) {
        fl_br_fail(r, "a count is larger than the file");
        return 0;
    }
    return (uint32_t)n;
}

uint64_t fl_br_u64(fl_br *r)
{
    if (r->len - r->pos < 8) {
        fl_br_fail(r, "it ends in the middle of a hash");
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)r->p[r->pos++] << (8 * i);
    return v;
}

const char *fl_br_s(fl_br *r)
{
    uint64_t ref = fl_br_u(r);
    if (ref == 0)
        return NULL;
    if (ref > r->nstrs) {
        fl_br_fail(r, "a string reference is outside the table");
        return NULL;
    }
    return r->strs[ref - 1];
}

fl_span fl_br_span(fl_br *r)
{
    uint64_t ref = fl_br_u(r);
    uint64_t b = fl_br_u(r), e = fl_br_u(r);
    if (ref == 0 || r->bad)
        return fl_span_none();
    if (ref > r->nstrs) {
        fl_br_fail(r, "a string reference is outside the table");
        return fl_span_none();
    }
    if (b > UINT32_MAX || e > UINT32_MAX || b > e) {
        fl_br_fail(r, "a source range is malformed");
        return fl_span_none();
    }
    /* each file's path is interned once */
    if (!r->file_ids)
        r->file_ids = fl_xcalloc(r->nstrs + 1, sizeof *r->file_ids);
    if (!r->file_ids[ref - 1])
        r->file_ids[ref - 1] = r->intern(r->ctx, r->strs[ref - 1]) + 1;
    return (fl_span){r->file_ids[ref - 1] - 1, (uint32_t)b, (uint32_t)e};
}

uint32_t fl_br_small(fl_br *r, uint32_t max, const char *what)
{
    uint64_t v = fl_br_u(r);
    if (v > max) {
        fl_br_fail(r, what);
        return 0;
    }
    return (uint32_t)v;
}

static bool finish(fl_br *r, const char *what, char *err, size_t errlen)
{
    if (r->bad)
        snprintf(err, errlen, "the %s file is damaged (%s)", what, r->why);
    return !r->bad;
}

bool fl_br_open(fl_br *r, const unsigned char *data, size_t len, const char magic[8], uint64_t version,
                const char *what, fl_arena *A, uint32_t (*intern)(void *ctx, const char *path), void *ctx, char *err,
                size_t errlen)
{
    memset(r, 0, sizeof *r);
    if (len < 8 + 1 + 8 || memcmp(data, magic, 8) != 0) {
        snprintf(err, errlen, "not a fearless %s file", what);
        return false;
    }
    uint64_t stored = 0;
    for (int i = 0; i < 8; i++)
        stored |= (uint64_t)data[len - 8 + i] << (8 * i);
    *r = (fl_br){data, len - 8, 8, false, NULL, NULL, 0, A, intern, ctx, NULL};
    uint64_t v = fl_br_u(r);
    if (!r->bad && v != version) { /* another version is not damaged, only foreign */
        snprintf(err, errlen, "%s format version %llu, this fearless reads version %llu", what, (unsigned long long)v,
                 (unsigned long long)version);
        return false;
    }
    if (fnv(data, len - 8) != stored) {
        snprintf(err, errlen, "the %s file is damaged (its checksum does not match)", what);
        return false;
    }
    r->nstrs = fl_br_count(r, 1);
    r->strs = FL_NEW_ARRAY(A, const char *, r->nstrs + 1);
    for (uint64_t i = 0; i < r->nstrs && !r->bad; i++) {
        uint32_t n = fl_br_count(r, 1);
        if (r->bad)
            break;
        char *s = fl_arena_alloc(A, (size_t)n + 1);
        memcpy(s, r->p + r->pos, n);
        s[n] = 0;
        if (strlen(s) != n)
            fl_br_fail(r, "a string holds a NUL byte");
        r->pos += n;
        r->strs[i] = s;
    }
    return finish(r, what, err, errlen);
}

bool fl_br_close(fl_br *r, const char *what, char *err, size_t errlen)
{
    free(r->file_ids);
    r->file_ids = NULL;
    if (!r->bad && r->pos != r->len)
        fl_br_fail(r, "bytes follow the end of its contents");
    return finish(r, what, err, errlen);
}
