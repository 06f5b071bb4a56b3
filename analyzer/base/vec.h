/* vec.h - growable arrays on the heap: `FL_VEC(int) v = {0}; fl_vec_push(&v, 3);`, and small
 * ones that start in place (a walk's stack of pending nodes: no allocation unless it is deep). */
#ifndef FL_VEC_H
#define FL_VEC_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define FL_VEC(T) struct { T *items; size_t len, cap; }

/* The one most files need: indices. */
typedef FL_VEC(uint32_t) fl_u32_vec;

#define fl_vec_reserve(v, n)                                                          \
    do {                                                                              \
        if ((v)->cap < (n)) {                                                         \
            size_t fl_vec_cap_ = (v)->cap ? (v)->cap * 2 : 8;                         \
            while (fl_vec_cap_ < (n))                                                 \
                fl_vec_cap_ *= 2;                                                     \
            (v)->items = fl_xrealloc((v)->items, fl_vec_cap_ * sizeof *(v)->items);   \
            (v)->cap = fl_vec_cap_;                                                   \
        }                                                                             \
    } while (0)

#define fl_vec_push(v, x)                                                             \
    do {                                                                              \
        fl_vec_reserve((v), (v)->len + 1);                                            \
        (v)->items[(v)->len++] = (x);                                                 \
    } while (0)

#define fl_vec_free(v)                                                                \
    do {                                                                              \
        free((v)->items);                                                             \
        (v)->items = NULL;                                                            \
        (v)->len = (v)->cap = 0;                                                      \
    } while (0)

/* A vector whose first N items live in the struct itself (on the C stack for a local), then on
   the heap: `FL_SMALL_VEC(node *, 32) w; fl_small_vec_init(&w); ...; fl_small_vec_free(&w);`.
   A compound literal pushed must be parenthesized: fl_small_vec_push(&w, ((item){a, b})). */
#define FL_SMALL_VEC(T, N) struct { T *items; size_t len, cap; T local[N]; }

#define fl_small_vec_init(v)                                                          \
    ((v)->items = (v)->local, (v)->len = 0, (v)->cap = sizeof (v)->local / sizeof *(v)->local)

#define fl_small_vec_push(v, x)                                                       \
    do {                                                                              \
        if ((v)->len == (v)->cap) {                                                   \
            size_t fl_sv_cap_ = (v)->cap * 2;                                         \
            if ((v)->items == (v)->local) {                                           \
                (v)->items = fl_xmalloc(fl_sv_cap_ * sizeof *(v)->items);             \
                memcpy((v)->items, (v)->local, sizeof (v)->local);                    \
            } else {                                                                  \
                (v)->items = fl_xrealloc((v)->items, fl_sv_cap_ * sizeof *(v)->items); \
            }                                                                         \
            (v)->cap = fl_sv_cap_;                                                    \
        }                                                                             \
        (v)->items[(v)->len++] = (x);                                                 \
    } while (0)

#define fl_small_vec_free(v)                                                          \
    do {                                                                              \
        if ((v)->items != (v)->local)                                                 \
            free((v)->items);                                                         \
    } while (0)

#endif
