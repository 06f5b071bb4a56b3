/* config.h - which checks run and at what level: defaults, .clang-tidy, .fearless, command line.
 *
 * Each analyzed file gets the configuration of its folder: the nearest `.clang-tidy` and the
 * nearest `.fearless` found walking up from it (or the one file of --config-file), then the
 * command line, later sources overriding earlier ones (glob lists are concatenated, so the last
 * matching glob wins, as in clang-tidy). A `.fearless` file:
 *
 *     # comments run from # to the end of the line
 *     checks = *,-lock-order          # like --checks
 *     warnings-as-errors = data-race  # like --warnings-as-errors
 *     data-race = warning             # a check (or a glob of checks) = error | warning | off
 *     lock-* = off
 *
 * From `.clang-tidy`, the `Checks` and `WarningsAsErrors` keys are read, keeping only the items
 * that name fearless checks (`data-race`, `fearless-data-race`, `-fearless-*`): items such as
 * `-*` or `bugprone-*` speak of clang-tidy's checks and are ignored.
 */
#ifndef FL_CONFIG_H
#define FL_CONFIG_H

#include <stdbool.h>

#include "../base/srcmap.h"
#include "../diag/sink.h"
#include "options.h"

#define CONFIG_MAX_CHECKS 64
#define CONFIG_OFF (-1) /* a level: the check does not run, its findings are dropped */

typedef struct config config;

#define CONFIG_MAX_SUGGEST 16 /* at least suggest_nkinds: --suggest's kinds of proposals */

/* What applies to one folder, per check of the registry (by index). */
typedef struct config_policy {
    bool run[CONFIG_MAX_CHECKS];  /* selected by the checks globs and not off */
    int level[CONFIG_MAX_CHECKS]; /* LVL_ERROR, LVL_WARNING or CONFIG_OFF */
    bool wae[CONFIG_MAX_CHECKS];  /* warnings of this check are reported as errors */
    bool suggest[CONFIG_MAX_SUGGEST]; /* --suggest's kinds (suggest_kinds) the same globs select */
} config_policy;

/* The configuration of a run. Validates the command line's --checks, --level and
   --warnings-as-errors, and reads --config-file: returns NULL with *err (heap-owned) set on a
   usage error. Problems in configuration files found later are input errors added to `sink`,
   located in the file (interned into `sm`). Both are borrowed. */
config *config_new(const fl_options *o, fl_srcmap *sm, diag_sink *sink, char **err);
void config_free(config *c);

/* The policy for a source file (the folder holding it), computed once per folder. Borrowed,
   valid until config_free. */
const config_policy *config_for_file(config *c, const char *path);

/* The final level of a finding under the policy of the file it is in: LVL_ERROR, LVL_WARNING
   or -1 to drop it. For diag_sink_set_level_fn (ctx is the config). */
int config_level_of(void *ctx, const diag *d);

#endif
