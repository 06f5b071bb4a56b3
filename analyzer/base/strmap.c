/* strmap.c - string-keyed open-addressing hash map (see strmap.h). */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

#include "xalloc.h"

uint64_t fl_str_hash(const char *s)
{
    return fl_fnv1a(FL_FNV_BASIS, s, strlen(s));
}

static size_t slot_of(const fl_strmap *m, const char *key)
{
    size_t i = (size_t)fl_str_hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static void grow(fl_strmap *m)
{
    fl_strmap n = {0};
    n.cap = m->cap ? 2 * m->cap : 64;
    n.keys = fl_xcalloc(n.cap, sizeof *n.keys);
    n.vals = fl_xcalloc(n.cap, sizeof *n.vals);
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t s = slot_of(&n, m->keys[i]);
            n.keys[s] = m->keys[i];
            n.vals[s] = m->vals[i];
            n.n++;
        }
    free(m->keys);
    free(m->vals);
    *m = n;
}

bool fl_strmap_get(const fl_strmap *m, const char *key, uint32_t *val)
{
    if (!m->cap)
        return false;
    size_t s = slot_of(m, key);
    if (!m->keys[s])
        return false;
    if (val)
        *val = m->vals[s];
    return true;
}

uint32_t fl_strmap_intern(fl_strmap *m, const char *key, uint32_t val)
{
    if (2 * (m->n + 1) > m->cap)
        grow(m);
    size_t s = slot_of(m, key);
    if (!m->keys[s]) {
        m->keys[s] = key;
        m->vals[s] = val;
        m->n++;
    }
    return m->vals[s];
}

void fl_strmap_put(fl_strmap *m, const char *key, uint32_t val)
{
    if (2 * (m->n + 1) > m->cap)
        grow(m);
    size_t s = slot_of(m, key);
    if (!m->keys[s]) {
        m->keys[s] = key;
        m->n++;
    }
    m->vals[s] = val;
}

void fl_strmap_free(fl_strmap *m)
{
    free(m->keys);
    free(m->vals);
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->n = 0;
}
