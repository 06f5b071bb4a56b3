/* hash.h - FNV-1a, 64 bits: the one hash of names, summaries, file checksums and finding
 * identities. Stable across runs and versions: files on disk (summaries, baselines) keep it. */
#ifndef FL_HASH_H
#define FL_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FL_FNV_BASIS 0xcbf29ce484222325ULL
#define FL_FNV_PRIME 0x100000001b3ULL

/* h continued over n bytes at p. */
static inline uint64_t fl_fnv1a(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= FL_FNV_PRIME;
    }
    return h;
}

/* h continued over s and its terminating NUL (which separates it from what follows); NULL
   counts as "". */
static inline uint64_t fl_fnv1a_str(uint64_t h, const char *s)
{
    return s ? fl_fnv1a(h, s, strlen(s) + 1) : fl_fnv1a(h, "", 1);
}

/* A mix of a 64-bit key (the splitmix64 finalizer): for tables in memory keyed by numbers,
   where hashing byte by byte costs more than the lookup. Never written to disk. */
static inline uint64_t fl_mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

#endif
