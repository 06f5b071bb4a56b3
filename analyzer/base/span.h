/* span.h - a source range: a file of the source map and byte offsets into it. */
#ifndef FL_SPAN_H
#define FL_SPAN_H

#include <stdint.h>

#define FL_NO_FILE UINT32_MAX

/* [begin, end) in bytes of file `file` (an id of diag/srcmap); file == FL_NO_FILE: no location. */
typedef struct fl_span {
    uint32_t file;
    uint32_t begin, end;
} fl_span;

static inline fl_span fl_span_none(void) { return (fl_span){FL_NO_FILE, 0, 0}; }
static inline int fl_span_valid(fl_span s) { return s.file != FL_NO_FILE; }
/* a lies inside b (the same file). */
static inline int fl_span_within(fl_span a, fl_span b)
{
    return a.file == b.file && a.begin >= b.begin && a.end <= b.end;
}

#endif
