/* vec.h - growable arrays on the heap: `FL_VEC(int) v = {0}; fl_vec_push(&v, 3);`. */
#ifndef FL_VEC_H
#define FL_VEC_H

#include <stddef.h>
#include <stdlib.h>

#include "xalloc.h"

#define FL_VEC(T) struct { T *items; size_t len, cap; }

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

#endif
