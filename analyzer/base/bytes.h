/* bytes.h - the framing of fearless's cache files: varints, a string table, source spans by
 * path, a magic, a version and a checksum.
 *
 * A file is: 8 magic bytes, the format version (varint), the string table (a count, then each
 * string as its length and bytes), the body, and the FNV-1a hash of everything before it (8 bytes,
 * little-endian). Integers are LEB128 varints (signed ones zigzag-encoded first); a string is its
 * index in the table plus one (0: no string); a span is its file's path as a string and two
 * offsets. The writer collects strings while the body is written and puts the table before it;
 * the reader checks every count, index and range against the bytes it has, so that a truncated,
 * damaged or foreign file is an error with a message, never a crash. No I/O here.
 *
 * Users: the unit summaries (facts/sumfile.h) and the units' trees (frontend/ast_file.h).
 */
#ifndef FL_BYTES_H
#define FL_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "span.h"
#include "strmap.h"
#include "vec.h"

typedef struct fl_bw {
    FL_VEC(unsigned char) b;
    fl_strmap ids;                 /* string -> index in the table */
    FL_VEC(const char *) strs;
    const char *(*path_of)(void *ctx, uint32_t file); /* a span's file as an absolute path */
    void *ctx;
    fl_u32_vec file_refs;          /* per file id: its path's table reference, 0 until known */
} fl_bw;

void fl_bw_byte(fl_bw *w, unsigned char c);
void fl_bw_u(fl_bw *w, uint64_t v);
void fl_bw_i(fl_bw *w, int64_t v);
void fl_bw_u64(fl_bw *w, uint64_t v);
/* A string (NULL allowed); it must stay valid until fl_bw_finish. */
void fl_bw_s(fl_bw *w, const char *s);
void fl_bw_span(fl_bw *w, fl_span sp);
/* The whole file in a heap buffer (*len bytes; the caller frees it); the writer is emptied. */
unsigned char *fl_bw_finish(fl_bw *w, const char magic[8], uint64_t version, size_t *len);

typedef struct fl_br {
    const unsigned char *p;
    size_t len, pos;
    bool bad;
    const char *why;               /* the first problem */
    const char **strs;
    uint64_t nstrs;
    fl_arena *A;                   /* where strings (and the caller's objects) go */
    uint32_t (*intern)(void *ctx, const char *path); /* a span's path to a file id */
    void *ctx;
    uint32_t *file_ids;            /* per string: its file id plus one once interned, else 0 */
} fl_br;

/* Check the magic, checksum and version of data[0..len) and read its string table into A; then
   the body is read with the getters. False with a sentence in err (no trailing period) naming
   the file by `what` ("summary": "not a fearless summary file", "summary format version 3, this
   fearless reads version 2", "the summary file is damaged (...)"). */
bool fl_br_open(fl_br *r, const unsigned char *data, size_t len, const char magic[8], uint64_t version,
                const char *what, fl_arena *A, uint32_t (*intern)(void *ctx, const char *path), void *ctx, char *err,
                size_t errlen);
/* After the body: false with the message when something was wrong or bytes follow it; frees
   what the reader keeps besides the arena (call it even after a failed body). */
bool fl_br_close(fl_br *r, const char *what, char *err, size_t errlen);

void fl_br_fail(fl_br *r, const char *why);
uint64_t fl_br_u_long(fl_br *r); /* fl_br_u past its one-byte case */
static inline uint64_t fl_br_u(fl_br *r)
{
    if (r->pos < r->len && !(r->p[r->pos] & 0x80))
        return r->p[r->pos++]; /* most numbers are one byte */
    return fl_br_u_long(r);
}
int64_t fl_br_i(fl_br *r);
uint64_t fl_br_u64(fl_br *r);
/* A count of things each at least `min_bytes` long: no larger than what is left. */
uint32_t fl_br_count(fl_br *r, size_t min_bytes);
/* A value at most max (else `what` is the failure). */
uint32_t fl_br_small(fl_br *r, uint32_t max, const char *what);
const char *fl_br_s(fl_br *r);
fl_span fl_br_span(fl_br *r);

#endif
