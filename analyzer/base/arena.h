/* arena.h - bump allocation: one arena per translation unit, freed at once. */
#ifndef FL_ARENA_H
#define FL_ARENA_H

#include <stddef.h>

typedef struct fl_arena fl_arena;

/* A new, empty arena; free it with fl_arena_free. */
fl_arena *fl_arena_new(void);
/* Free every allocation made from a, and a itself. */
void fl_arena_free(fl_arena *a);
/* Forget every allocation made from a, keeping one chunk for the next ones: a scratch arena
   reused for each of many short computations touches the same memory again. */
void fl_arena_clear(fl_arena *a);
/* n bytes, aligned for any type, valid until a is freed; never NULL. */
void *fl_arena_alloc(fl_arena *a, size_t n);
/* As fl_arena_alloc, zero-filled. */
void *fl_arena_zalloc(fl_arena *a, size_t n);
/* A copy of s (or of its first n bytes) owned by a. */
char *fl_arena_strdup(fl_arena *a, const char *s);
char *fl_arena_strndup(fl_arena *a, const char *s, size_t n);
/* A copy of n bytes at p owned by a. */
void *fl_arena_memdup(fl_arena *a, const void *p, size_t n);
/* x followed by y, owned by a: fl_arena_sprintf(a, "%s%s", x, y), without the formatting. */
char *fl_arena_concat(fl_arena *a, const char *x, const char *y);
/* A printf-formatted string owned by a. */
char *fl_arena_sprintf(fl_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes handed out so far (for --time-report and tests). */
size_t fl_arena_used(const fl_arena *a);
/* Bytes held by all live arenas together (their chunks): what the per-unit budget limits. */
size_t fl_arena_live_bytes(void);

#define FL_NEW(a, T) ((T *)fl_arena_zalloc((a), sizeof(T)))
#define FL_NEW_ARRAY(a, T, n) ((T *)fl_arena_zalloc((a), sizeof(T) * (size_t)(n)))

#endif
