/* program_access.c - a program's accesses, by location (see program_impl.h). */
#include "program_impl.h"

#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"

static int cmp_access(const void *x, const void *y)
{
    const pg_access *a = x, *b = y;
    int c = strcmp(a->loc, b->loc);
    if (c)
        return c;
    if (a->fn != b->fn)
        return a->fn < b->fn ? -1 : 1;
    if (a->a->node->span.begin != b->a->node->span.begin)
        return a->a->node->span.begin < b->a->node->span.begin ? -1 : 1;
    uintptr_t sa = (uintptr_t)a->spawn, sb = (uintptr_t)b->spawn;
    return (sa > sb) - (sa < sb);
}

void pgb_build_accesses(build *b, int32_t **entry_of_event)
{
    program *p = b->p;
    fl_word *reached = FL_NEW_ARRAY(b->A, fl_word, b->nw_fn);
    for (uint32_t k = 0; k < p->nthreads; k++)
        fl_bs_union(reached, p->threads[k].reach, b->nw_fn);
    /* per entry, the spawns of it that pass an object the program can name */
    const int32_t *entry_of_fn = p->entry_of;
    FL_VEC(ev_ref) *passing = fl_xcalloc(p->nentries + 1, sizeof *passing);
    for (uint32_t u = 0; u < p->nunits; u++)
        for (uint32_t e = 0; e < p->units[u].acc->nevents; e++) {
            int32_t ent = entry_of_event[u][e];
            if (ent >= 0 && p->units[u].acc->events[e].obj) {
                ev_ref r = {u, e};
                fl_vec_push(&passing[ent], r);
            }
        }
    FL_VEC(pg_access) out = {0};
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t i = 0; i < a->naccs; i++) {
            const acc_access *x = &a->accs[i];
            uint32_t fn = pg_id(p, u, x->fn);
            if (!fl_bs_test(reached, fn))
                continue;
            pg_locks l = pgb_convert_locks(b, fn, &x->locks);
            if (!x->arg) {
                uint8_t region = (uint8_t)(x->region | p->fn_region[fn] | pgb_before_threads(b, fn, x->after_start));
                pg_access pa = {x, fn, x->loc, l, NULL, 0, region};
                fl_vec_push(&out, pa);
                continue;
            }
            /* through the thread argument: one copy per spawn of this entry passing an object */
            int32_t k = entry_of_fn[fn];
            for (size_t j = 0; k >= 0 && j < passing[k].len; j++) {
                ev_ref r = passing[k].items[j];
                const acc_event *ev = &p->units[r.unit].acc->events[r.index];
                pg_access pa = {x, fn, fl_arena_sprintf(b->A, "%s%s", ev->obj, x->loc + 2), l, ev, r.unit,
                                (uint8_t)(x->region | p->fn_region[fn])};
                fl_vec_push(&out, pa);
            }
        }
    }
    for (uint32_t k = 0; k < p->nentries; k++)
        fl_vec_free(&passing[k]);
    free(passing);
    if (out.len)
        qsort(out.items, out.len, sizeof *out.items, cmp_access);
    /* free(p) writes every part of the object: a copy of it at each location inside it that the
       program accesses (`K.count`, `K[2]` for the object K); they sort right after K */
    size_t n0 = out.len;
    for (size_t i = 0; i < n0; i++) {
        if (!out.items[i].a->frees)
            continue;
        const char *k = out.items[i].loc;
        size_t len = strlen(k);
        size_t j = i;
        while (j > 0 && strcmp(out.items[j - 1].loc, k) == 0)
            j--;
        const char *last = NULL;
        for (; j < n0 && strncmp(out.items[j].loc, k, len) == 0; j++) {
            const char *l = out.items[j].loc;
            char c = l[len];
            if ((c != '.' && c != '[' && c != '*') || (last && strcmp(last, l) == 0))
                continue;
            last = l;
            pg_access copy = out.items[i];
            copy.loc = l;
            fl_vec_push(&out, copy);
        }
    }
    if (out.len > n0)
        qsort(out.items, out.len, sizeof *out.items, cmp_access);
    p->accs = out.len ? fl_arena_memdup(b->A, out.items, out.len * sizeof *out.items) : NULL;
    p->naccs = (uint32_t)out.len;
    fl_vec_free(&out);
}
