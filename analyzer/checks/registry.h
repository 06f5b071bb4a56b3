/* registry.h - the table of checks, derived from checks.def. */
#ifndef FL_REGISTRY_H
#define FL_REGISTRY_H

#include <stdbool.h>
#include <stdio.h>

#include "../base/arena.h"
#include "../diag/sink.h"
#include "../facts/program.h"
#include "../facts/unit.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"

/* What a check sees. Each check runs once per function defined in the unit's main file (fn and g
   set), then once for the whole unit (fn == NULL, g == NULL); a check with nothing to do there
   returns at once. Checks that need FX_NEED_PROGRAM also run once per program (prog set, fx,
   tu, fn and g NULL), after every unit, for what relates threads across the program. */
typedef struct check_ctx {
    const fx_unit *fx; /* the unit's facts (facts/unit.h), read-only */
    const ast_tu *tu;
    const ast_func *fn;
    const cfg *g;
    cfg *const *cfgs;  /* cfgs[i] is the CFG of tu->funcs[i], NULL for functions not analyzed */
    fl_arena *arena;   /* the unit's arena: scratch space freed with the unit */
    diag_sink *sink;
    bool verbose;      /* explain, as note-level diagnostics, why a possible finding was not reported */
    const program *prog; /* program calls only: the program's facts (facts/program.h) */
} check_ctx;

typedef struct check_info {
    const char *name;
    const char *code;
    int level; /* diag_level */
    unsigned needs; /* FX_NEED_* facts it reads */
    const char *summary;
    void (*run)(check_ctx *ctx);
} check_info;

#define CHECK(ident, name, code, level, needs, summary) void check_##ident(check_ctx *ctx);
#include "checks.def"
#undef CHECK

extern const check_info check_registry[];
extern const unsigned check_count;

/* The check of that name or code, or NULL. */
const check_info *check_find(const char *name_or_code);
/* The page `--explain` prints for a check (docs/checks/<name>.md), or NULL. */
const char *check_explain_text(const check_info *c);

#endif
