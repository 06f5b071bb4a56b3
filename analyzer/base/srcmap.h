/* srcmap.h - the table of source files: ids for spans, and lines for rendering. */
#ifndef FL_SRCMAP_H
#define FL_SRCMAP_H

#include <stddef.h>
#include <stdint.h>

#include "span.h"

typedef struct fl_srcmap fl_srcmap;

fl_srcmap *fl_srcmap_new(void);
void fl_srcmap_free(fl_srcmap *sm);

/* The id of `path` (as it should be displayed), adding it if new. Contents are read lazily. */
uint32_t fl_srcmap_intern(fl_srcmap *sm, const char *path);
/* The display path of a file id; borrowed, valid until sm is freed. */
const char *fl_srcmap_path(const fl_srcmap *sm, uint32_t file);
/* Give the contents of a file directly (tests, or text not on disk); the map copies them. */
void fl_srcmap_set_contents(fl_srcmap *sm, uint32_t file, const char *text, size_t len);
/* 1-based line and column (in bytes) of a byte offset; false if the file cannot be read. */
int fl_srcmap_line_col(fl_srcmap *sm, uint32_t file, uint32_t offset, uint32_t *line, uint32_t *col);
/* The text of 1-based line `line` without its newline; *len set; NULL if out of range or unreadable. */
const char *fl_srcmap_line(fl_srcmap *sm, uint32_t file, uint32_t line, size_t *len);
/* The whole text of a file (not NUL-terminated), *len set; NULL if unreadable. Borrowed, valid
   until sm is freed. */
const char *fl_srcmap_text(fl_srcmap *sm, uint32_t file, size_t *len);
/* Number of files interned so far (ids are 0 .. count-1). */
uint32_t fl_srcmap_count(const fl_srcmap *sm);
/* Number of lines in the file (0 if unreadable). */
uint32_t fl_srcmap_nlines(fl_srcmap *sm, uint32_t file);
/* Byte offset of the start of 1-based line `line` (for tests and renderers). */
uint32_t fl_srcmap_line_start(fl_srcmap *sm, uint32_t file, uint32_t line);

#endif
