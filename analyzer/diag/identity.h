/* identity.h - a finding's stable identity: what a baseline and SARIF's partialFingerprints
 * recognize across unrelated edits.
 *
 * Made of the check, the file, the enclosing function, the names the message quotes in
 * backticks and the primary span's text with blanks collapsed; never line numbers or offsets.
 * Findings equal in all of these are told apart by their order in the file.
 */
#ifndef FL_IDENTITY_H
#define FL_IDENTITY_H

#include <stddef.h>

#include "../base/srcmap.h"
#include "diag.h"

typedef struct identity_map identity_map;

identity_map *identity_new(fl_srcmap *sm); /* sm borrowed */
void identity_free(identity_map *m);

/* A function defined over `extent`, named `name` (copied). Adding the same one again is harmless. */
void identity_add_function(identity_map *m, fl_span extent, const char *name);

/* The name of the function whose definition holds the span, or NULL. Borrowed. */
const char *identity_function_at(const identity_map *m, fl_span span);

/* Set d->id (16 hex digits, heap-owned) on every finding of v[0..n), which is sorted: the
   occurrence count of equal identities follows that order. */
void identity_assign(identity_map *m, diag **v, size_t n);

#endif
