/* trait_notes.h - explaining a missing Send or Sync in a diagnostic, rustc's way (not-send and
 * not-sync share it). */
#ifndef FL_TRAIT_NOTES_H
#define FL_TRAIT_NOTES_H

#include "../diag/diag.h"
#include "../facts/sendsync.h"

/* Add the explanation of `why` to d: a note at each field through which the trait is missing
   ("required because it appears within the type `struct job`"), a note at the annotation that
   decides ("`struct gl` is marked `NOT_SEND` here"), or, for a type that has no annotation
   span, a plain note. */
void trait_notes_add(diag *d, const ss_why *why, ss_trait trait);

#endif
