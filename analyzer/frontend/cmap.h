/* cmap.h - a hash table keyed by libclang cursors (frontend only).
 *
 * Open addressing over clang_hashCursor / clang_equalCursors; values are non-NULL pointers
 * (NULL marks an empty slot). Zero-initialize a cmap to use it. */
#ifndef FL_CMAP_H
#define FL_CMAP_H

#include <clang-c/Index.h>
#include <stddef.h>

typedef struct cmap_ent {
    CXCursor key;
    void *val; /* NULL: empty slot */
} cmap_ent;

typedef struct cmap {
    cmap_ent *e;
    size_t cap, n; /* cap is a power of two */
} cmap;

/* The value stored for k, or NULL. */
void *cmap_get(const cmap *m, CXCursor k);

/* Store v (non-NULL) for k, replacing any earlier value. */
void cmap_put(cmap *m, CXCursor k, void *v);

/* Free the table; the values are not touched. */
void cmap_free(cmap *m);

#endif
