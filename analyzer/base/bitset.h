/* bitset.h - fixed-width bit sets in caller-provided word arrays (dataflow states). */
#ifndef FL_BITSET_H
#define FL_BITSET_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef uint64_t fl_word;

/* Words needed for n bits. */
static inline uint32_t fl_bs_words(uint32_t nbits) { return (nbits + 63) / 64; }
static inline void fl_bs_set(fl_word *s, uint32_t i) { s[i / 64] |= (fl_word)1 << (i % 64); }
static inline void fl_bs_clear(fl_word *s, uint32_t i) { s[i / 64] &= ~((fl_word)1 << (i % 64)); }
static inline bool fl_bs_test(const fl_word *s, uint32_t i) { return (s[i / 64] >> (i % 64)) & 1; }
static inline void fl_bs_zero(fl_word *s, uint32_t nw) { memset(s, 0, nw * sizeof *s); }
static inline void fl_bs_fill(fl_word *s, uint32_t nw) { memset(s, 0xff, nw * sizeof *s); }
static inline void fl_bs_copy(fl_word *d, const fl_word *s, uint32_t nw) { memcpy(d, s, nw * sizeof *s); }
static inline bool fl_bs_equal(const fl_word *a, const fl_word *b, uint32_t nw)
{
    return memcmp(a, b, nw * sizeof *a) == 0;
}
/* d |= s; true when d changed. */
static inline bool fl_bs_union(fl_word *d, const fl_word *s, uint32_t nw)
{
    fl_word changed = 0;
    for (uint32_t i = 0; i < nw; i++) {
        fl_word n = d[i] | s[i];
        changed |= n ^ d[i];
        d[i] = n;
    }
    return changed != 0;
}
/* d &= s; true when d changed. */
static inline bool fl_bs_intersect(fl_word *d, const fl_word *s, uint32_t nw)
{
    fl_word changed = 0;
    for (uint32_t i = 0; i < nw; i++) {
        fl_word n = d[i] & s[i];
        changed |= n ^ d[i];
        d[i] = n;
    }
    return changed != 0;
}
static inline bool fl_bs_empty(const fl_word *s, uint32_t nw)
{
    for (uint32_t i = 0; i < nw; i++)
        if (s[i])
            return false;
    return true;
}

#endif
