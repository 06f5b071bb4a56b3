/* sumfile.h - a unit's summary (facts/unitsum.h) as bytes, to write to disk and read back.
 *
 * A run over a whole compilation database leaves one summary file per unit in a cache
 * directory; a later run given only some files reads the other units' summaries from there
 * instead of parsing them, so that a lock helper, spawn wrapper or join helper defined in
 * another file still counts. A summary file also says what it was made from (its stamp): the
 * unit's command, every file the unit read with its size and modification time, and the
 * summaries of other units it imported, each by its hash. A reader uses the summary only when
 * all of them are still the same.
 *
 * The format (docs/summary-format.md says it byte by byte): the magic "FLSUMMRY", a format
 * version, a string table, the stamp, the functions, and a trailing FNV-1a hash of everything
 * before it. Integers are LEB128 varints; strings are referenced by their index in the table
 * plus one (0 is no string); a source span is a string (its file's absolute path) and two
 * offsets. Reading checks every length and index against the bytes it has: a truncated, damaged
 * or foreign file, or one written by another format version, is an error with a message, never
 * a crash. Writing and reading do no I/O: the caller owns the files.
 */
#ifndef FL_SUMFILE_H
#define FL_SUMFILE_H

#include <stddef.h>
#include <stdint.h>

#include "../base/bytes.h"
#include "unitsum.h"

/* The format version this code writes and reads. Any change to the layout bumps it. */
#define SF_VERSION 3

typedef struct sf_input {
    const char *path;    /* absolute */
    uint64_t size;
    int64_t mtime_s;
    uint32_t mtime_ns;
} sf_input;

typedef struct sf_import {
    const char *name;    /* a function the unit calls and another unit defines */
    uint64_t hash;       /* the us_fn hash of the summary it used (0: none was found) */
} sf_import;

typedef struct sf_stamp {
    uint64_t command;    /* a hash of the unit's directory, file, arguments and output */
    sf_input *inputs;
    uint32_t ninputs;
    sf_import *imports;
    uint32_t nimports;
} sf_stamp;

/* The bytes of unit u's summary with its stamp, in a heap buffer (*len bytes; caller frees).
   path_of gives the absolute path of a span's file id. */
unsigned char *sf_write(const us_unit *u, const sf_stamp *st, const char *(*path_of)(void *ctx, uint32_t file),
                        void *ctx, size_t *len);

/* The summary in data[0..len), with its stamp (*st, its strings and arrays in the summary's
   arena); intern maps a span's absolute path to a file id. NULL with a message in err (a
   sentence, no trailing period) when the bytes are not a summary this version can read. */
us_unit *sf_read(const unsigned char *data, size_t len, sf_stamp *st, uint32_t (*intern)(void *ctx, const char *path),
                 void *ctx, char *err, size_t errlen);

/* The stamp alone, for the other files a unit leaves in the cache (its tree, cli/cache.h);
   sf_get_stamp's strings and arrays go to r->A. */
void sf_put_stamp(fl_bw *w, const sf_stamp *st);
void sf_get_stamp(fl_br *r, sf_stamp *st);

#endif
