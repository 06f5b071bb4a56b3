/* cmap.c - a hash table keyed by libclang cursors (see cmap.h). */
#include "cmap.h"

#include <stdlib.h>

#include "../base/xalloc.h"

static void cmap_grow(cmap *m)
{
    cmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->e = fl_xcalloc(m->cap, sizeof *m->e);
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.e[i].val)
            cmap_put(m, old.e[i].key, old.e[i].val);
    free(old.e);
}

void *cmap_get(const cmap *m, CXCursor k)
{
    if (!m->cap)
        return NULL;
    size_t mask = m->cap - 1;
    for (size_t i = clang_hashCursor(k) & mask;; i = (i + 1) & mask) {
        if (!m->e[i].val)
            return NULL;
        if (clang_equalCursors(m->e[i].key, k))
            return m->e[i].val;
    }
}

void cmap_put(cmap *m, CXCursor k, void *v)
{
    if ((m->n + 1) * 2 > m->cap)
        cmap_grow(m);
    size_t mask = m->cap - 1;
    for (size_t i = clang_hashCursor(k) & mask;; i = (i + 1) & mask) {
        if (!m->e[i].val) {
            m->e[i] = (cmap_ent){k, v};
            m->n++;
            return;
        }
        if (clang_equalCursors(m->e[i].key, k)) {
            m->e[i].val = v;
            return;
        }
    }
}

void cmap_free(cmap *m)
{
    free(m->e);
    *m = (cmap){0};
}
