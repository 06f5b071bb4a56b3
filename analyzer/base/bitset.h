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
/* Clear bits [from, to). */
static inline void fl_bs_clear_range(fl_word *s, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to && i % 64; i++)
        fl_bs_clear(s, i);
    for (uint32_t w = (from + 63) / 64; w < to / 64; w++)
        s[w] = 0;
    for (uint32_t i = to / 64 * 64 > from ? to / 64 * 64 : from; i < to; i++)
        fl_bs_clear(s, i);
}
/* The first set bit in [from, to), or `to` when there is none. */
static inline uint32_t fl_bs_next(const fl_word *s, uint32_t from, uint32_t to)
{
    while (from < to) {
        fl_word w = s[from / 64] >> (from % 64);
        if (w) {
            uint32_t i = from + (uint32_t)__builtin_ctzll(w);
            return i < to ? i : to;
        }
        from = (from / 64 + 1) * 64;
    }
    return to;
}
static inline bool fl_bs_empty(const fl_word *s, uint32_t nw)
{
    for (uint32_t i = 0; i < nw; i++)
        if (s[i])
            return false;
    return true;
}

#endif
