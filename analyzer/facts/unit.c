/* unit.c - building the facts of a unit in the documented order (see unit.h). */
#include "unit.h"

#include "summary.h"

fx_unit *fx_unit_build(ast_tu *tu, cfg *const *cfgs, fl_srcmap *sm, unsigned needs)
{
    fx_unit *fx = FL_NEW(tu->arena, fx_unit);
    fx->tu = tu;
    fx->arena = tu->arena;
    fx->cfgs = cfgs;
    fx->sm = sm;
    summary_compute(tu->arena, tu, cfgs, NULL, &fx->sums);
    fx->traits = ss_table_new(tu->arena, tu->ntypes);
    if (needs & FX_NEED_LOCKS) {
        fx->locks = locks_unit_build(tu->arena, tu, cfgs, sm);
    }
    if (needs & FX_NEED_THREADS)
        fx->threads = acc_threads_build(tu->arena, tu, cfgs, &fx->sums);
    return fx;
}
