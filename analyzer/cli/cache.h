/* cache.h - the summaries of units kept on disk between runs (facts/sumfile.h).
 *
 * A run over a whole compilation database stores every unit's summary; a later run given some
 * files of the database reads the other units' summaries back instead of parsing them, so that
 * a spawn wrapper, lock helper or join helper in another file counts (issue: whole programs).
 * A summary is used only while it is still true: the unit's command is the same, every file it
 * read (its source and each header) has the size and modification time it had, and the
 * summaries it imported from other units have not changed (the driver checks that last, once it
 * knows them all). Otherwise the unit is parsed again and its summary rewritten.
 *
 * One file per unit, named by a hash of its command, written to a temporary name and renamed,
 * so that runs in parallel never see half a file. A cache that cannot be written costs speed,
 * never results. */
#ifndef FL_CACHE_H
#define FL_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/srcmap.h"
#include "../facts/sumfile.h"
#include "../frontend/cdb.h"

typedef struct sum_cache sum_cache;

/* The cache in folder `dir` (made when first written to). */
sum_cache *cache_new(const char *dir);
void cache_free(sum_cache *c);
const char *cache_dir(const sum_cache *c);

/* The summary stored for the job, with its stamp, when its command and every file it read are as
   they were; else NULL, with the reason in why ("it is not in the cache", "`util.h` changed",
   "the summary file is damaged (...)"). Spans are interned in sm. */
us_unit *cache_load(sum_cache *c, const fe_job *job, fl_srcmap *sm, sf_stamp *st, char *why, size_t whylen);

/* Store the unit's summary: the files it read (absolute paths, their size and time taken now)
   and the summaries it imported. False, with the reason in err, when it could not be written. */
bool cache_store(sum_cache *c, const fe_job *job, const us_unit *sum, const char *const *inputs, uint32_t ninputs,
                 const sf_import *imports, uint32_t nimports, fl_srcmap *sm, char *err, size_t errlen);

#endif
