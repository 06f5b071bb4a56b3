/* lock_order_join.c - lock-order (FL0104), the join shape: a function waits for a thread to end
 * (pthread_join, thrd_join, a join wrapper) while it holds a lock that thread takes. If the thread
 * is waiting for that lock when the join begins, neither goes on: the joiner waits for the
 * thread, the thread for the joiner's lock. (Open vSwitch's ipf_destroy held ipf_lock while
 * joining the clean-up thread, whose loop takes ipf_lock.)
 *
 * Within a unit: the joined handle is matched to the spawns whose handle is of the same class
 * (a global by its object, a field by its record and name: `ipf->ipf_clean_thread` is
 * "struct ipf::ipf_clean_thread"), and the locks the thread's function takes, itself or in the
 * unit's functions it calls (facts/locks.h: locks_fn_takes), to the locks held on every path to
 * the join, by class. Handles and locks whose class is unknown, spawns whose function is not
 * defined in the unit, and locks the joining function never releases itself (libuv's test locks a
 * mutex that a callback of its event loop unlocks before the join) say nothing.
 */
#include <string.h>

#include "../base/vec.h"
#include "../diag/diag.h"
#include "../facts/locks.h"
#include "../facts/threads.h"
#include "../facts/unit.h"
#include "lock_order.h"

#define CHECK_NAME "lock-order"
#define CHECK_CODE "FL0104"
#define MAX_TAKES 64

typedef struct spawn {
    const char *handle_cls;  /* where the handle is kept */
    const ast_func *thread;  /* the function the thread runs */
} spawn;

typedef FL_VEC(spawn) spawn_vec;

/* The class of a handle's place: a lock class (a global by its object, a field by its record and
   name), or for a handle on the stack (`pthread_t t;`, `pthread_t ts[N];`) the variable itself,
   which only a join of the function that spawned into it names. */
static const char *handle_class(fl_arena *A, place hp)
{
    const char *cls = hp.root ? locks_lock_class(A, hp) : NULL;
    if (!cls && hp.root && hp.root->storage == STORAGE_LOCAL && !place_path_derefs(hp.path))
        cls = fl_arena_sprintf(A, "local %p%s", (void *)hp.root, hp.path);
    return cls;
}

/* The class of the place a spawn stores its handle in: through its handle argument, or the
   place its result is assigned to (`ipf->t = ovs_thread_create(...)`). */
static void spawns_in(check_ctx *ctx, const ast_func *fn, spawn_vec *out)
{
    fl_arena *A = ctx->arena;
    FL_VEC(ast_node *) st = {0};
    fl_vec_push(&st, fn->body);
    while (st.len) {
        ast_node *n = st.items[--st.len];
        if (!n)
            continue;
        for (uint16_t i = 0; i < n->nkids; i++)
            fl_vec_push(&st, n->kids[i]);
        ast_node *call = n, *target = NULL;
        if (n->kind == AST_BINARY && n->op == BIN_ASSIGN && n->nkids == 2) {
            call = ast_strip_casts(n->kids[1]);
            target = n->kids[0];
        } else if (n->kind == AST_VAR && n->nkids == 1 && n->var) {
            call = ast_strip_casts(n->kids[0]);
        }
        if (!call || call->kind != AST_CALL)
            continue;
        thr_call tc = thr_classify(&ctx->fx->sums, call);
        ast_node *f = tc.kind == THR_SPAWN ? ast_strip_casts(tc.func) : NULL;
        if (!f || f->kind != AST_REF || !f->callee || !f->callee->def)
            continue;
        place hp = {NULL, NULL};
        if (n == call && tc.handle_kind == THR_HANDLE_PTR)
            hp = thr_handle_place(A, &tc);
        else if (n != call && tc.handle_kind == THR_HANDLE_RESULT)
            hp = target ? place_of(A, target) : (place){n->var, ""};
        const char *cls = handle_class(A, hp);
        if (cls)
            fl_vec_push(out, ((spawn){cls, f->callee->def}));
    }
    fl_vec_free(&st);
}

/* Where the thread running `thread` takes a lock of class cls: a blocking acquire in its own body
   (the class read from the acquire's argument too, for a lock reached through a local that copies
   a `void *` parameter: `struct ipf *ipf = arg; lock(&ipf->lock)`), or in a function of the unit
   it calls. The acquire's call, or NULL. */
static const ast_node *thread_takes(check_ctx *ctx, const ast_func *thread, const char *cls, const char **in_fn)
{
    const lock_unit *u = ctx->fx->locks;
    const lock_fn *lf = locks_unit_fn(u, thread->index);
    *in_fn = thread->name;
    for (uint32_t s = 0; lf && s < lf->nsites; s++) {
        const lock_site *site = &lf->sites[s];
        const lock_info *li = &lf->locks[site->lock];
        if (!lock_site_blocks(site) || li->soft || li->imprecise || !site->call)
            continue;
        if (li->cls && !strcmp(li->cls, cls))
            return site->call;
        for (uint16_t k = 1; !li->cls && k < site->call->nkids; k++) {
            place p = lock_place_of_arg(ctx->arena, site->call->kids[k]);
            const char *c = p.root ? locks_lock_class(ctx->arena, p) : NULL;
            if (c && !strcmp(c, cls))
                return site->call;
        }
    }
    lock_take takes[MAX_TAKES];
    uint32_t nt = locks_fn_takes(u, thread->index, takes, MAX_TAKES);
    for (uint32_t k = 0; k < nt; k++)
        if (takes[k].cls && !strcmp(takes[k].cls, cls) && takes[k].site && takes[k].site->call) {
            *in_fn = takes[k].lf && takes[k].lf->fn ? takes[k].lf->fn->name : thread->name;
            return takes[k].site->call;
        }
    return NULL;
}

/* fn, or a function of the unit it calls (up to `depth` calls down), waits on a condition (or
   calls a wrapper whose name says so) with a mutex of class cls: the wait gives the lock up, and
   the thread may take it then (a handshake through the condition, as libuv's tests hold their
   mutex all along and hand it over in uv_cond_wait). */
static bool waits_with(check_ctx *ctx, const ast_func *fn, const char *cls, int depth)
{
    const cfg *g = fn && fn->body ? ctx->cfgs[fn->index] : NULL;
    for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL)
                continue;
            /* (a wrapper: uv_cond_wait, xpthread_cond_wait, ovs_mutex_cond_wait) */
            bool wait = n->name && (thr_is_cond_wait(n->name) || strstr(n->name, "cond_wait") ||
                                    strstr(n->name, "cond_timedwait"));
            if (wait && n->nkids >= 3) {
                place m = lock_place_of_arg(ctx->arena, n->kids[2]);
                const char *c = m.root ? locks_lock_class(ctx->arena, m) : NULL;
                if (c && strcmp(c, cls) == 0)
                    return true;
                continue;
            }
            const ast_func *callee = depth > 0 ? locks_call_target(ctx->fx->locks, n) : NULL;
            if (callee && callee != fn && waits_with(ctx, callee, cls, depth - 1))
                return true;
        }
    return false;
}

static void report(check_ctx *ctx, const ast_node *join, const lock_fn *lf, uint32_t l, const spawn *sp,
                   const ast_node *take, const char *take_fn, const fl_word *st)
{
    const lock_info *li = &lf->locks[l];
    diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME,
                       "`%s` waits for the thread running `%s` while holding `%s`, which that thread takes",
                       lf->fn->name, sp->thread->name, li->name);
    diag_primary(d, join->span, "joined here with `%s` held", li->name);
    uint32_t last[1];
    if (locks_last_sites(lf, st, l, last, 1))
        diag_secondary(d, lf->sites[last[0]].call->span, "`%s` locked here", li->name);
    diag_note_at(d, take->span,
                 "`%s` takes it here: a thread waiting for it there never ends, and the join never returns",
                 take_fn);
    diag_help(d, "unlock `%s` before the join (tell the thread to stop first, then wait for it)", li->name);
    diag_sink_add(ctx->sink, d);
}

void lock_order_joins(check_ctx *ctx)
{
    const lock_unit *u = ctx->fx->locks;
    const ast_tu *tu = ctx->tu;
    spawn_vec spawns = {0};
    for (uint32_t i = 0; i < tu->nfuncs; i++)
        if (tu->funcs[i]->body && tu->funcs[i]->in_main_file)
            spawns_in(ctx, tu->funcs[i], &spawns);
    if (!spawns.len) {
        fl_vec_free(&spawns);
        return;
    }
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const lock_fn *lf = locks_unit_fn(u, i);
        const cfg *g = ctx->cfgs[i];
        if (!lf || !g || !tu->funcs[i]->in_main_file)
            continue;
        fl_word *st = FL_NEW_ARRAY(ctx->arena, fl_word, lf->nwords ? lf->nwords : 1);
        for (uint32_t r = 0; r < g->nrpo; r++) {
            uint32_t bi = g->rpo[r];
            const cfg_block *blk = &g->blocks[bi];
            locks_cursor lc = {0};
            bool started = false;
            for (uint32_t e = 0; e < blk->nelems; e++) {
                ast_node *n = blk->elems[e].node;
                if (blk->elems[e].kind != CFG_EXPR || !n || n->kind != AST_CALL)
                    continue;
                thr_call tc = thr_classify(&ctx->fx->sums, n);
                /* a try or a timed join gives up: it waits for no one forever */
                if (tc.kind != THR_JOIN || (n->name && (strstr(n->name, "tryjoin") || strstr(n->name, "timedjoin") ||
                                                        strstr(n->name, "clockjoin"))))
                    continue;
                place hp = thr_handle_place(ctx->arena, &tc);
                const char *hcls = handle_class(ctx->arena, hp);
                if (!hcls)
                    continue;
                if (!started) {
                    locks_cursor_start(&lc, lf, bi, st);
                    started = true;
                }
                locks_cursor_to(&lc, e);
                bool reported = false;
                for (size_t s = 0; s < spawns.len && !reported; s++) {
                    if (strcmp(spawns.items[s].handle_cls, hcls))
                        continue;
                    for (uint32_t l = 0; l < lf->nlocks && !reported; l++) {
                        const lock_info *li = &lf->locks[l];
                        if (!li->cls || li->soft || li->imprecise || !locks_must_held(st, l) ||
                            !locks_fn_releases(lf, l)) /* else a callback or another thread may release it */
                            continue;
                        const char *take_fn;
                        const ast_node *take = thread_takes(ctx, spawns.items[s].thread, li->cls, &take_fn);
                        if (take && waits_with(ctx, tu->funcs[i], li->cls, 2)) {
                            if (ctx->verbose) {
                                diag *nd = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                                                    "not reporting the join with `%s` held: `%s` waits on a "
                                                    "condition with it, which hands it to the thread",
                                                    li->name, tu->funcs[i]->name);
                                diag_primary(nd, n->span, NULL);
                                diag_sink_add(ctx->sink, nd);
                            }
                            continue;
                        }
                        if (take) {
                            report(ctx, n, lf, l, &spawns.items[s], take, take_fn, st);
                            reported = true;
                        }
                    }
                }
            }
        }
    }
    fl_vec_free(&spawns);
}
