/* pair_names.c - the threads of a pair, named for a report (see pair_names.h). */
#include "pair_names.h"

#include <string.h>

static const char *fname(const program *p, uint32_t id)
{
    return pg_func(p, id)->name;
}

/* The thread that runs function `fn` beside entry k: a spawning-side root ("thread `main`", "the
   thread that calls `run`"), else another entry ("thread `reporter`"); strong reach first, so
   that the name agrees with the calls the notes show. */
static const char *side_name(const program *p, fl_arena *A, uint32_t k, uint32_t fn)
{
    for (int strong = 1; strong >= 0; strong--) {
        for (uint32_t r = p->nentries; r < p->nthreads; r++)
            if (fl_bs_test(strong ? p->threads[r].reach_strong : p->threads[r].reach, fn)) {
                const char *n = fname(p, p->threads[r].fn);
                return strcmp(n, "main") == 0 ? "thread `main`" : fl_arena_sprintf(A, "the thread that calls `%s`", n);
            }
        for (uint32_t r = 0; r < p->nentries; r++)
            if (r != k && fl_bs_test(strong ? p->threads[r].reach_strong : p->threads[r].reach, fn))
                return fl_arena_sprintf(A, "thread `%s`", fname(p, p->threads[r].fn));
    }
    return fl_arena_sprintf(A, "the thread that calls `%s`", fname(p, fn));
}

void pair_names(const program *p, fl_arena *A, fl_word *scratch, const pg_pair *pr, const pg_access *y,
                const char **xt, const char **yt)
{
    const char *ent = fname(p, p->threads[pr->k].fn);
    if (pr->kind == PG_PAIR_SELF) {
        *xt = fl_arena_sprintf(A, "a thread running `%s`", ent);
        *yt = fl_arena_sprintf(A, "another thread running `%s`", ent);
        return;
    }
    *xt = fl_arena_sprintf(A, "thread `%s`", ent);
    *yt = pr->kind == PG_PAIR_OTHER ? fl_arena_sprintf(A, "thread `%s`", fname(p, p->threads[pr->k2].fn))
                                    : side_name(p, A, pr->k, pg_beside_origin(p, scratch, pr->k, y, true));
}
