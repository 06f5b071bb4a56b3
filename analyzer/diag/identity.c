/* identity.c - stable finding identities: FNV-1a over the parts that survive unrelated edits. */
#include "identity.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/hash.h"
#include "../base/vec.h"
#include "../base/xalloc.h"

typedef struct fn_extent {
    fl_span extent;
    char *name;
} fn_extent;

struct identity_map {
    fl_srcmap *sm;
    FL_VEC(fn_extent) fns;
    uint32_t *slots; /* open addressing over fns by extent: index + 1, 0 for empty */
    size_t nslots;   /* a power of two, at least twice fns.len */
};

identity_map *identity_new(fl_srcmap *sm)
{
    identity_map *m = fl_xcalloc(1, sizeof *m);
    m->sm = sm;
    return m;
}

void identity_free(identity_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->fns.len; i++)
        free(m->fns.items[i].name);
    fl_vec_free(&m->fns);
    free(m->slots);
    free(m);
}

static size_t extent_slot(const identity_map *m, fl_span e)
{
    uint64_t h = fl_mix64(((uint64_t)e.file << 32 | e.begin) ^ fl_mix64(e.end));
    return (size_t)h & (m->nslots - 1);
}

static void put_slot(identity_map *m, uint32_t index)
{
    size_t i = extent_slot(m, m->fns.items[index].extent);
    while (m->slots[i])
        i = (i + 1) & (m->nslots - 1);
    m->slots[i] = index + 1;
}

void identity_add_function(identity_map *m, fl_span extent, const char *name)
{
    if (m->nslots) /* each function once, by its extent */
        for (size_t i = extent_slot(m, extent); m->slots[i]; i = (i + 1) & (m->nslots - 1)) {
            const fl_span *e = &m->fns.items[m->slots[i] - 1].extent;
            if (e->file == extent.file && e->begin == extent.begin && e->end == extent.end)
                return;
        }
    fn_extent f = {extent, fl_xstrdup(name)};
    fl_vec_push(&m->fns, f);
    if (2 * m->fns.len > m->nslots) {
        free(m->slots);
        m->nslots = m->nslots ? 2 * m->nslots : 64;
        m->slots = fl_xcalloc(m->nslots, sizeof *m->slots);
        for (uint32_t i = 0; i < m->fns.len; i++)
            put_slot(m, i);
    } else {
        put_slot(m, (uint32_t)m->fns.len - 1);
    }
}

const char *identity_function_at(const identity_map *m, fl_span span)
{
    const fn_extent *best = NULL;
    for (size_t i = 0; i < m->fns.len; i++) {
        const fn_extent *f = &m->fns.items[i];
        if (f->extent.file == span.file && f->extent.begin <= span.begin && span.begin < f->extent.end &&
            (!best || f->extent.begin >= best->extent.begin)) /* the innermost (GNU nested functions) */
            best = f;
    }
    return best ? best->name : NULL;
}

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    h = fl_fnv1a(h, s, n);
    return (h ^ 0xff) * FL_FNV_PRIME; /* a separator after every part */
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return fnv(h, s ? s : "", s ? strlen(s) : 0);
}

/* The parts of d's identity, hashed. */
static uint64_t base_hash(identity_map *m, const diag *d)
{
    const diag_label *p = diag_primary_label(d);
    uint64_t h = fnv_str(FL_FNV_BASIS, d->check);
    if (!p || !fl_span_valid(p->span))
        return fnv_str(h, d->message);
    h = fnv_str(h, fl_srcmap_path(m->sm, p->span.file));
    h = fnv_str(h, identity_function_at(m, p->span));
    /* the names the message quotes */
    for (const char *q = d->message ? strchr(d->message, '`') : NULL; q; ) {
        const char *e = strchr(q + 1, '`');
        if (!e)
            break;
        h = fnv(h, q + 1, (size_t)(e - q - 1));
        q = strchr(e + 1, '`');
    }
    /* the primary span's text, blanks collapsed */
    size_t len;
    const char *text = fl_srcmap_text(m->sm, p->span.file, &len);
    if (text && p->span.end <= len) {
        char buf[256];
        size_t k = 0;
        bool blank = false;
        for (uint32_t i = p->span.begin; i < p->span.end && k < sizeof buf - 1; i++) {
            if (isspace((unsigned char)text[i])) {
                blank = k > 0;
                continue;
            }
            if (blank)
                buf[k++] = ' ';
            blank = false;
            if (k < sizeof buf - 1)
                buf[k++] = text[i];
        }
        h = fnv(h, buf, k);
    }
    return h;
}

void identity_assign(identity_map *m, diag **v, size_t n)
{
    uint64_t *hs = fl_xmalloc((n ? n : 1) * sizeof *hs);
    for (size_t i = 0; i < n; i++) {
        free(v[i]->id);
        v[i]->id = NULL;
        if (!v[i]->check || v[i]->level == LVL_NOTE || v[i]->level == LVL_HELP)
            continue;
        hs[i] = base_hash(m, v[i]);
        uint64_t seen = 0;
        for (size_t k = 0; k < i; k++)
            seen += v[k]->id && hs[k] == hs[i];
        uint64_t h = hs[i];
        if (seen) {
            char occ[24];
            int ol = snprintf(occ, sizeof occ, "#%llu", (unsigned long long)seen);
            h = fnv(h, occ, (size_t)ol);
        }
        v[i]->id = fl_xasprintf("%016llx", (unsigned long long)h);
    }
    free(hs);
}
