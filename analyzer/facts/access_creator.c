/* access_creator.c - a lock a creator holds across a spawn, and the locks a thread takes first
 * (see access.h, acc_access.held_across and acc_access.acquired).
 *
 *     creator:  pthread_mutex_lock(&m);             worker:  pthread_mutex_lock(&m);
 *               pthread_create(&t, 0, worker, 0);            pthread_mutex_unlock(&m);
 *               config = 5;                                  use(config);
 *               pthread_mutex_unlock(&m);
 *
 * The worker's lock of m waits for the creator's unlock, and the creator has held m without a
 * break since before the spawn: `config = 5` comes before `use(config)`. Per access of a
 * function that spawns: the spawns it follows with a lock held since before the spawn (the
 * lock is held there and at the access, and the last operations on it reaching both are the
 * same acquires: nothing released it in between). Per access of a function shaped like a
 * thread's start: the locks it has acquired on every path from its entry (a forward must
 * problem over its lock events).
 */
#include "access_impl.h"

#include <string.h>

#include "../base/vec.h"

typedef struct cr_ctx {
    const lock_fn *lf;
} cr_ctx;

static bool acquires(const lock_site *s)
{
    return !s->edge_only && !s->maybe && (s->op == LOCK_ACQUIRE || s->op == LOCK_ACQUIRE_SHARED);
}

static void acquired_transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    const lock_fn *lf = ((cr_ctx *)ctx)->lf;
    for (uint32_t e = lf->ev_first[b->id]; e < lf->ev_first[b->id + 1]; e++)
        if (lf->ev[e].kind == LEV_OP && acquires(&lf->sites[lf->ev[e].arg]))
            fl_bs_set(st, lf->sites[lf->ev[e].arg].lock);
}

accx_creator *accx_find_creator(ex *x, const cfg *g, const lock_fn *lf)
{
    if (!lf || !lf->nlocks)
        return NULL;
    bool thread_shaped = x->fn->self && acc_looks_like_thread_fn(x->fn->self);
    uint32_t ns = x->rf ? x->rf->nspawns : 0;
    if (!thread_shaped && !ns)
        return NULL;
    accx_creator *c = FL_NEW(x->A, accx_creator);
    if (ns) {
        c->first = FL_NEW_ARRAY(x->A, uint32_t, ns + 1);
        FL_VEC(accx_held) held = {0};
        fl_word *st = FL_NEW_ARRAY(x->A, fl_word, lf->nwords + 1);
        for (uint32_t s = 0; s < ns; s++) {
            c->first[s] = (uint32_t)held.len;
            const run_spawn *rs = &x->rf->spawns[s];
            if (rs->starter || !lf->df->reached[rs->block])
                continue;
            locks_state_at(lf, rs->block, rs->elem, st);
            for (uint32_t l = locks_next_h(lf, st, 0); l < lf->nlocks; l = locks_next_h(lf, st, l + 1)) {
                if (!locks_must_held(st, l) || lf->locks[l].imprecise || lf->locks[l].soft)
                    continue;
                accx_held h = {l, NULL, 0};
                uint32_t sites[8];
                h.nsites = locks_last_sites(lf, st, l, sites, 8);
                if (h.nsites > 8)
                    continue;
                h.sites = fl_arena_memdup(x->A, sites, h.nsites * sizeof *sites);
                fl_vec_push(&held, h);
            }
        }
        c->first[ns] = (uint32_t)held.len;
        c->held = held.len ? fl_arena_memdup(x->A, held.items, held.len * sizeof *held.items) : NULL;
        fl_vec_free(&held);
    }
    if (thread_shaped) {
        bool arg;
        c->keys = FL_NEW_ARRAY(x->A, const char *, lf->nlocks + 1);
        for (uint32_t l = 0; l < lf->nlocks; l++)
            c->keys[l] = lf->locks[l].imprecise ? NULL : accx_place_key(x, lf->locks[l].where, &arg);
        c->block = UINT32_MAX;
        cr_ctx cc = {lf};
        df_problem p = {0};
        p.nbits = lf->nlocks;
        p.intersect = true;
        p.ctx = &cc;
        p.transfer = acquired_transfer;
        c->acquired = df_run(x->A, g, &p);
    }
    return c;
}

void accx_creator_at(ex *x, accx_creator *c, const lock_fn *lf, locks_cursor *lc, const fl_word *run,
                     uint32_t b, uint32_t i, acc_access *a)
{
    if (!c)
        return;
    bool arg;
    /* the spawns before here, with a lock held since before them */
    FL_VEC(acc_held_across) found = {0};
    for (uint32_t s = 0; c->first && run && s < x->rf->nspawns; s++) {
        if (!fl_bs_test(run, run_bit_r(s)))
            continue;
        locks_cursor_to(lc, i);
        for (uint32_t h = c->first[s]; h < c->first[s + 1]; h++) {
            const accx_held *hd = &c->held[h];
            if (!locks_must_held(lc->st, hd->lock))
                continue;
            uint32_t sites[8];
            uint32_t n = locks_cursor_last_sites(lc, hd->lock, sites, 8);
            bool same = n == hd->nsites;
            for (uint32_t k = 0; k < n && same; k++)
                same = sites[k] == hd->sites[k];
            const char *key = same ? accx_place_key(x, lf->locks[hd->lock].where, &arg) : NULL;
            if (key) {
                acc_held_across one = {s, key};
                fl_vec_push(&found, one);
            }
        }
    }
    if (found.len) {
        a->held = fl_arena_memdup(x->A, found.items, found.len * sizeof *found.items);
        a->nheld = (uint32_t)found.len;
    }
    fl_vec_free(&found);
    /* the locks taken on every path from the entry: the block's in-state, and the acquires of
       the block before element i, walked once per block (the set is copied when one adds a lock) */
    if (!c->acquired || !c->acquired->reached[b])
        return;
    uint32_t nw = c->acquired->nwords;
    if (c->block != b) {
        c->block = b;
        c->next = lf->ev_first[b];
        c->set = fl_arena_memdup(x->A, df_in(c->acquired, b), nw * sizeof *c->set);
    }
    for (; c->next < lf->ev_first[b + 1] && lf->ev[c->next].elem < i; c->next++) {
        const lock_event *ev = &lf->ev[c->next];
        if (ev->kind != LEV_OP || !acquires(&lf->sites[ev->arg]) || fl_bs_test(c->set, lf->sites[ev->arg].lock))
            continue;
        c->set = fl_arena_memdup(x->A, c->set, nw * sizeof *c->set);
        fl_bs_set(c->set, lf->sites[ev->arg].lock);
    }
    if (!fl_bs_empty(c->set, nw)) {
        a->acquired = c->set;
        a->lock_keys = c->keys;
        a->nlock_keys = lf->nlocks;
    }
}
