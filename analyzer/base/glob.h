/* glob.h - clang-tidy style check globs: "a-*,-a-b" (comma list, `-` negates, last match wins). */
#ifndef FL_GLOB_H
#define FL_GLOB_H

#include <stdbool.h>
#include <stddef.h>

/* True if `name` is enabled by the glob list. NULL or "" enables nothing. */
bool fl_glob_list_match(const char *globs, const char *name);
/* True if one glob (only `*` is special) matches the whole of `name`. */
bool fl_glob_match(const char *glob, const char *name, int glob_len);

/* The next item of a comma-separated list at *p, with the blanks around it trimmed: sets
   *item and *len, moves *p past it, returns false at the end of the list. */
bool fl_list_next(const char **p, const char **item, size_t *len);

#endif
