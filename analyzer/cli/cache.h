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
#include "../frontend/ast.h"
#include "../frontend/cdb.h"

typedef struct sum_cache sum_cache;

/* The cache in folder `dir` (made when first written to). */
sum_cache *cache_new(const char *dir);
/* The facts the run builds (FX_NEED_*), before any summary is read or stored: summaries made by
   runs that built other facts are kept apart (a run without the lock checks exports no lock
   helpers). Trees do not depend on them. */
void cache_set_facts(sum_cache *c, unsigned facts);
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

/* Units' trees (frontend/ast_file.h), kept beside their summaries so that a unit whose command
 * and files have not changed is not parsed again: a re-run on an unchanged build parses
 * nothing. A tree is used only when this very build of fearless wrote it (a hash of the
 * executable), its command is the same and every file it read has the size and modification
 * time it had; a damaged or foreign tree file is never trusted. */

/* Store the unit's tree with the stamp of its inputs; *bytes gets the file's size. The file is
   written by a thread of the cache's (cache_flush waits for it). False, with the reason in err,
   when the tree cannot be written at all. */
bool cache_store_tree(sum_cache *c, const fe_job *job, const ast_tu *tu, const char *const *inputs, uint32_t ninputs,
                      fl_srcmap *sm, size_t *bytes, char *err, size_t errlen);

/* The same tree file at a path of the caller's choosing, written now (fearless-cc writes it
   beside the object file, cli/launcher.h). */
bool cache_write_tree_file(sum_cache *c, const char *path, const fe_job *job, const ast_tu *tu,
                           const char *const *inputs, uint32_t ninputs, fl_srcmap *sm, char *err, size_t errlen);

/* The job a tree file was made for (heap strings). */
typedef struct tree_info {
    char *file;       /* the source file, absolute */
    char *directory;  /* the compile's working directory */
    char *output;     /* the object file, or NULL */
} tree_info;

/* What the tree file at path was made for, when it can be used (this build of fearless wrote it,
   and the files it read are as they were); else false with the reason in why. */
bool cache_tree_file_info(sum_cache *c, const char *path, tree_info *info, char *why, size_t whylen);

/* Wait until every tree handed over is written; the number that could not be (with the first
   reason in err). cache_free flushes too. */
unsigned cache_flush(sum_cache *c, char *err, size_t errlen);

/* The tree stored for the job (at job->tree when set: a tree file named on the command line,
   taken for what it says it was made for) when it still holds (spans interned in sm; the tree owns its
   arena), with the files it was made from (*inputs: heap array of heap strings, the caller frees
   them); else NULL with the reason in why (empty when no tree was kept for the job). */
ast_tu *cache_load_tree(sum_cache *c, const fe_job *job, fl_srcmap *sm, char ***inputs, uint32_t *ninputs, char *why,
                        size_t whylen);

/* The report of a run (cli/replay.h), kept beside the trees: one file per list of units, holding
 * the key of the run (replay_key) and every unit's stamp. */

/* Store the record (put writes its body; spans by path) for the run over jobs under key;
   inputs[i] and ninputs[i] are the files job i read. False, with the reason in err, when it could
   not be written. */
bool cache_store_report(sum_cache *c, uint64_t key, const fe_joblist *jobs, const char *const *const *inputs,
                        const uint32_t *ninputs, fl_srcmap *sm, void (*put)(fl_bw *w, const void *rec),
                        const void *rec, char *err, size_t errlen);

/* The record stored for the run over jobs, when it was made under the same key by this build of
   fearless and every job's command and files are as they were: get reads its body (NULL when the
   bytes are wrong; spans interned in sm). Else NULL, with the reason in why (empty: none kept). */
void *cache_load_report(sum_cache *c, uint64_t key, const fe_joblist *jobs, fl_srcmap *sm,
                        void *(*get)(fl_br *r), void (*drop)(void *rec), char *why, size_t whylen);

#endif
