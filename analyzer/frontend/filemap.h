/* filemap.h - the files libclang opened: CXFile to srcmap id, and their contents (frontend only).
 *
 * Interning a file in the srcmap costs a realpath and a scan of the srcmap's paths, and nearly
 * every cursor asks for its file, so a small cache of the files seen last answers first. */
#ifndef FL_FILEMAP_H
#define FL_FILEMAP_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/srcmap.h"

/* Callee declarations and record types pull in names from many headers: 64 slots keep the
   misses rare. */
#define FILEMAP_SLOTS 64

typedef struct file_slot {
    CXFile file;
    uint32_t id;
    const char *text; /* clang's buffer, valid while the unit lives; NULL until asked */
    size_t len;
    bool have_text;
} file_slot;

/* Zero-initialize, then set tu, sm and dir (the job's working directory, for relative names). */
typedef struct filemap {
    CXTranslationUnit tu;
    fl_srcmap *sm;
    const char *dir;
    file_slot slots[FILEMAP_SLOTS];
    unsigned n, next, last;
} filemap;

/* The slot of f, interning f (by its real path, displayed relative to the current directory)
   on a miss. Valid until the next call, which may evict it. */
file_slot *filemap_slot(filemap *fm, CXFile f);
/* The absolute path of a file clang opened (heap, caller frees); dir resolves a relative name. */
char *filemap_abs_path(CXFile f, const char *dir);

/* The contents of the slot's file (clang's buffer, valid while the unit lives) and its length;
   NULL (and *len 0) when clang has none. */
const char *filemap_text(filemap *fm, file_slot *s, size_t *len);

/* The contents of the file with srcmap id `id` if it is among the cached files, else NULL. */
const char *filemap_text_of_id(filemap *fm, uint32_t id, size_t *len);

#endif
