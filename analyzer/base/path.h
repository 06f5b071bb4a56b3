/* path.h - small helpers on file paths. */
#ifndef FL_PATH_H
#define FL_PATH_H

#include <stddef.h>

/* How many leading bytes a and b share: units whose object files share a long prefix were
   built for the same program (automake's `prog-file.o`, CMake's `CMakeFiles/prog.dir/`). */
static inline size_t fl_path_common_prefix(const char *a, const char *b)
{
    size_t n = 0;
    while (a[n] && a[n] == b[n])
        n++;
    return n;
}

#endif
