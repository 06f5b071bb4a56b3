/* units.h - the units of a run: each parsed and converted, its CFGs and facts built, all linked
 * until what they import from each other has settled, and their summaries kept in the cache.
 *
 * Two kinds of run:
 *  - the whole compilation database (`-p build`, no files): every unit is parsed and checked;
 *    their summaries go to the cache (cli/cache.h) for later runs;
 *  - some files (`-p build a.c b.c`): those units are parsed and checked; every other unit of
 *    the database counts by its summary only (a spawn wrapper, lock helper or join helper
 *    defined there is known here), read from the cache when it is still true, else parsed for
 *    it (`summary_only` slots: not checked, not part of the programs the program checks see).
 * Without a database (files and `--`), there is no other unit.
 *
 * Slots and the link: each unit has a slot of the link (facts/link.h) for its summary; a unit
 * read from the cache has one too, with no unit slot (slot_of_link is -1 there).
 */
#ifndef FL_UNITS_H
#define FL_UNITS_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/srcmap.h"
#include "../checks/registry.h"
#include "../diag/sink.h"
#include "../diag/suppress.h"
#include "../facts/link.h"
#include "../facts/unit.h"
#include "../frontend/cdb.h"
#include "../frontend/parse.h"
#include "../ir/cfg.h"
#include "budget.h"
#include "cache.h"
#include "config.h"
#include "options.h"
#include "progress.h"
#include "replay.h"

/* A unit of the run: its tree (the libclang unit is gone once converted), CFGs and facts. */
typedef struct unit_slot {
    fe_unit *u;
    ast_tu *tu;
    cfg **cfgs;
    fx_unit *fx;          /* NULL: the unit went over its budget and was dropped */
    uint32_t link;        /* its slot in the link */
    const fe_job *job;    /* borrowed from the job list */
    const char *output;   /* its object file (borrowed from the job), or NULL */
    bool summary_only;    /* parsed only for its summary: not checked (above) */
    const check_info *enabled[CONFIG_MAX_CHECKS]; /* the checks its main file enables */
    unsigned nenabled;
    budget_unit spent;    /* against the per-unit limits (budget.h) */
    char **inputs;        /* a tree read back (u == NULL): the files it was made from */
    uint32_t ninputs;
} unit_slot;

/* A job's unit as it comes in: parsed (u), or its tree read back from the cache. */
typedef struct unit_in {
    fe_unit *u;
    ast_tu *tree;
    char **inputs;        /* with the tree: the files it was made from (the slot takes them) */
    uint32_t ninputs;
} unit_in;

/* Time and counts of the run, for --time-report and --verbose. */
typedef struct units_stats {
    double t_parse, t_conv, t_cfg, t_facts, t_link;
    uint32_t parsed, failed;           /* units parsed (all kinds), units that failed to parse */
    uint32_t link_rounds, link_rebuilt;
    bool seeded;                       /* the link started from the last run's summaries (units.c) */
    uint32_t from_cache, for_summary;  /* other units: summaries read back, units parsed for one */
    uint32_t stored, store_failed;     /* summaries written to the cache */
    unsigned threads;                  /* threads that parsed (-j); 0: one after another here */
    uint32_t from_tree, tree_misses;   /* units whose tree was read back from the cache; not */
    uint32_t trees_stored, trees_failed; /* trees written to the cache (and their bytes), not */
    size_t tree_bytes;
    double t_trees;                    /* reading and writing trees */
    uint32_t most_ahead;               /* the most units parsed (or being parsed) ahead at once */
} units_stats;

typedef struct run_units {
    /* given */
    const fl_options *o;
    fl_srcmap *sm;
    diag_sink *sink;
    suppress_set *sup;
    config *cfg;
    budget *bg;
    unsigned needs;        /* FX_NEED_* of every enabled check */
    sum_cache *cache;      /* NULL: none */
    replay_rec *rec;       /* the record of the run (cli/replay.h), or NULL */
    /* made */
    fx_link *link;
    unit_slot *slots;
    uint32_t nslots, cap;
    int32_t *slot_of_link; /* per link slot: its unit slot, or -1 (a summary from the cache) */
    uint32_t nlink, link_cap;
    units_stats st;
    progress prog;         /* the progress line while units are parsed */
} run_units;

/* Parse, convert and build the facts of the jobs (checked units), count the other units of the
   database (`others`, may be NULL) by their summaries, settle the imports, and store the
   summaries of every unit parsed. Dropped units (over budget) leave slots with fx == NULL. */
void units_run(run_units *r, const fe_joblist *jobs, const fe_joblist *others);

/* Free the slots, their units and facts, and the link. */
void units_free(run_units *r);

#endif
