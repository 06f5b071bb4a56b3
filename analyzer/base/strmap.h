/* strmap.h - a hash map from strings to 32-bit values (open addressing, keys borrowed). */
#ifndef FL_STRMAP_H
#define FL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct fl_strmap {
    const char **keys; /* NULL: empty slot; keys are borrowed, they must outlive the map */
    uint32_t *vals;
    size_t cap, n;     /* cap: 0 or a power of two */
} fl_strmap;

/* The value of key, or false when absent. */
bool fl_strmap_get(const fl_strmap *m, const char *key, uint32_t *val);
/* Set key's value (adding the key if new). */
void fl_strmap_put(fl_strmap *m, const char *key, uint32_t val);
/* key's value if present, else add it with `val`; returns the value now in the map. */
uint32_t fl_strmap_intern(fl_strmap *m, const char *key, uint32_t val);
void fl_strmap_free(fl_strmap *m);

/* The hash it uses (FNV-1a), for callers that need one. */
uint64_t fl_str_hash(const char *s);

#endif
