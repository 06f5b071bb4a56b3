/* program_barriers.c - where barrier waits fall around each function's code, per thread.
 *
 * A barrier wait orders what each thread did before it with what the others do after it: an
 * access x may be ordered with an access y of another thread only when a wait may come after x
 * and before y, or after y and before x. In its own function, an access knows whether a wait
 * may come before and after it (acc_access.bar_before, bar_after); the calls that lead a thread
 * to that function add theirs: a wait before the call site in a caller comes before everything
 * the callee does, a wait after the site after it. A function that calls another that waits
 * (a helper around the barrier) may wait anywhere: all its code counts as both. */
#include "program_impl.h"

#include <stdlib.h>

#include "../base/xalloc.h"

void pgb_build_barriers(build *b)
{
    program *p = b->p;
    uint32_t n = p->nfns;
    /* the functions that wait on a barrier, then those that may through their calls */
    bool *waits = fl_xcalloc(n + 1, sizeof *waits);
    bool any = false;
    for (uint32_t f = 0; f < n; f++) {
        const pg_fn *pf = &p->fns[f];
        any |= waits[f] = p->units[pf->unit].acc->fns[pf->index].calls_sync;
    }
    if (!any) {
        free(waits);
        return;
    }
    pgb_mark_callers(p, waits);
    /* a call to another function that may wait: the wait may fall anywhere around its code */
    p->bar_anywhere = FL_NEW_ARRAY(b->A, bool, n + 1);
    for (uint32_t f = 0; f < n; f++)
        for (uint32_t i = 0; i < p->ncallees[f] && !p->bar_anywhere[f]; i++)
            p->bar_anywhere[f] = p->callees[f][i] != f && waits[p->callees[f][i]];
    /* per thread, from its root down its calls: each function's BAR_* bits, each set at most once */
    p->bar_ctx = FL_NEW_ARRAY(b->A, uint8_t, (size_t)p->nthreads * n + 1);
    fl_u32_vec work = {0};
    for (uint32_t k = 0; k < p->nthreads; k++) {
        uint8_t *ctx = p->bar_ctx + (size_t)k * n;
        ctx[p->threads[k].fn] = BAR_REACHED;
        fl_vec_push(&work, p->threads[k].fn);
        while (work.len) {
            uint32_t f = work.items[--work.len];
            for (uint32_t c = b->cfirst[f]; c < b->cfirst[f + 1]; c++) {
                const acc_call *call = &p->units[b->cu[c]].acc->calls[b->ck[c]];
                uint8_t site = BAR_REACHED | (ctx[f] & (BAR_BEFORE | BAR_AFTER));
                if (call->bar_before || p->bar_anywhere[f])
                    site |= BAR_BEFORE;
                if (call->bar_after || p->bar_anywhere[f])
                    site |= BAR_AFTER;
                uint32_t nt;
                uint8_t weak;
                const uint32_t *t = pgb_targets_of(b, b->cu[c], b->ck[c], &nt, &weak);
                for (uint32_t i = 0; i < nt; i++)
                    if ((ctx[t[i]] | site) != ctx[t[i]]) {
                        ctx[t[i]] |= site;
                        fl_vec_push(&work, t[i]);
                    }
            }
        }
    }
    fl_vec_free(&work);
    free(waits);
}
