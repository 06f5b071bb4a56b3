/* suggest.h - "did you mean": the closest known name to a misspelled one. */
#ifndef FL_SUGGEST_H
#define FL_SUGGEST_H

#include <stddef.h>

/* The candidate closest to `word` by edit distance (insertions, deletions, substitutions and
   swaps of two neighbours), or NULL when none is close enough to be a plausible typo (more than
   a third of the word's length away). Returns a pointer into `cands` (borrowed). */
const char *fl_suggest(const char *word, const char *const *cands, size_t ncands);

#endif
