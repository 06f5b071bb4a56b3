/* link_trees.h - `fearless --link <dir>`: the units of a build, from the trees fearless-cc left
 * beside its object files (cli/launcher.h).
 *
 * Every `*.fltree` file under the folder (not in a `.fearless-cache` folder, which holds a run's
 * own cache) is a unit, taken for the source file, folder and object file it names; the units
 * are ordered by source file, then object file, so that the report does not depend on the order
 * the file system lists them in. A tree that cannot be used (written by another build of
 * fearless, damaged, or a source file or header changed since the compile) is an error: rebuild,
 * then link.
 */
#ifndef FL_LINK_TREES_H
#define FL_LINK_TREES_H

#include "../diag/sink.h"
#include "../frontend/cdb.h"
#include "cache.h"

/* The jobs of the trees under dir (each with job->tree set). Returns 0, or -1 after adding an
   error to sink (no tree at all, or trees that cannot be used; the good ones are in *out). */
int link_trees_jobs(const char *dir, sum_cache *c, fe_joblist *out, diag_sink *sink);

#endif
