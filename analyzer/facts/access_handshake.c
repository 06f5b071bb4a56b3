/* access_handshake.c - condition-variable handshakes and semaphores: which flags a function has
 * seen set by a wait loop, and which it sets on every path to its return (see access.h,
 * acc_access.waited and acc_access.signals).
 *
 *     producer:  data = 42;                  consumer:  pthread_mutex_lock(&m);
 *                pthread_mutex_lock(&m);                while (!ready)
 *                ready = 1;                                 pthread_cond_wait(&cv, &m);
 *                pthread_cond_signal(&cv);              pthread_mutex_unlock(&m);
 *                pthread_mutex_unlock(&m);              use(data);
 *
 * A wait loop is a loop whose condition tests a flag for non-zero (`while (!ready)`) and whose
 * body waits on a condition variable, or whose test is an atomic load that is not relaxed (`while
 * (!atomic_load(&ready));`: acquire or sequentially consistent, it orders what the setter wrote
 * before its store); leaving it, the function has seen the flag set. A flag is set by a write of
 * a non-zero constant outside any loop, or an atomic store of one that is not relaxed. A counter
 * is a flag too: a loop waiting on a condition variable while it is below a bound (`while (done <
 * n)`) has seen every thread that counts it up (`done++` outside loops) count, and what each did
 * before; its key is marked "#" in acc_access.waited, since many threads may signal it. Counting
 * down to a bound is the same latch (`while (atomic_load(&pending) > 0);` against each worker's
 * last `atomic_fetch_sub(&pending, 1)`, or `pending--` under the lock of a condition variable).
 *
 * A flag is seen set by a plain test too (`if (atomic_load(&ready)) use(data);`), when the test
 * is an atomic load that orders, or is made with a lock held (`lock(&m); if (ready) ...`: the
 * setter's writes before it set the flag under that lock come first). A test for zero under a
 * lock marks a set made under that same acquire as made once (lazy and double-checked
 * initialization: `lock(&m); if (!inited) { table = ...; inited = 1; } unlock(&m);`): threads that
 * all run it set the flag once between them, and the one that set it has seen it set.
 *
 * Two must problems over the function: forward, the flags seen set on every path to a block (gained on a wait loop's way out);
 * backward, the flags set on every path from a point to the return. Only functions with a wait
 * loop or such a write pay for them.
 *
 * Semaphores are followed more coarsely, as whether a function may wait before an access and may
 * post after it (two may problems): an access that no post of its thread may follow is released
 * to no other thread by a semaphore, and one that no wait may precede is released by none.
 */
#include "access_impl.h"

#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#include "../ir/cond.h"

#define MAX_FLAGS 32

static int32_t flag_index(const accx_handshakes *h, const char *key)
{
    for (uint32_t i = 0; i < h->n; i++)
        if (strcmp(h->keys[i], key) == 0)
            return (int32_t)i;
    return -1;
}

static int32_t add_flag(ex *x, accx_handshakes *h, const char *key)
{
    int32_t i = flag_index(h, key);
    if (i >= 0 || h->n == MAX_FLAGS)
        return i;
    h->keys[h->n] = fl_arena_strdup(x->A, key);
    return (int32_t)h->n++;
}

/* C11's and GNU's atomic operations (AST_OTHER named for their builtin, kids: pointer, order,
   value...; GCC's __sync_* calls): 'l' a load, 's' a store, 'w' any other write (exchange,
   read-modify-write); 0 for anything else. */
char accx_atomic_op(const ast_node *n)
{
    /* GCC's legacy builtins are calls: every one of them writes (`__sync_fetch_and_add(&n, 1)`) */
    if (n && n->kind == AST_CALL && n->name && n->nkids >= 2 && strncmp(n->name, "__sync_", 7) == 0 &&
        strcmp(n->name, "__sync_synchronize") != 0)
        return 'w';
    if (!n || n->kind != AST_OTHER || !n->name || n->nkids < 2)
        return 0;
    const char *s = n->name;
    if (strncmp(s, "__c11_atomic_", 13) == 0)
        s += 13;
    else if (strncmp(s, "__atomic_", 9) == 0)
        s += 9;
    else
        return 0;
    if (strcmp(s, "load") == 0 || strcmp(s, "load_n") == 0)
        return 'l';
    if (strcmp(s, "store") == 0 || strcmp(s, "store_n") == 0)
        return 's';
    return strncmp(s, "fetch_", 6) == 0 || strstr(s, "exchange") || strstr(s, "_fetch") ? 'w' : 0;
}

/* The pointer an atomic operation (accx_atomic_op) works through. */
ast_node *accx_atomic_ptr(const ast_node *n)
{
    return n->kind == AST_CALL ? n->kids[1] : n->kids[0];
}

/* The key of the location an atomic operation's pointer names. */
static const char *atomic_key(ex *x, const ast_node *n)
{
    place pl = place_of_pointee(x->A, accx_atomic_ptr(n));
    bool arg;
    return pl.root ? accx_place_key(x, pl, &arg) : NULL;
}

/* The key of the location an expression reads as a flag: an atomic load of it, or the lvalue
   itself; NULL for anything else. *sync: the read is an atomic load that is not relaxed
   (`atomic_load(&ready)`, an _Atomic flag itself), which orders what the setter wrote before its
   store, as a wait does. */
static const char *flag_read(ex *x, ast_node *e, bool *sync)
{
    e = e ? ast_strip_casts(e) : NULL;
    *sync = false;
    if (!e)
        return NULL;
    if (accx_atomic_op(e) == 'l') {
        *sync = !cond_is_zero(e->kids[1]);
        return atomic_key(x, e);
    }
    place pl = place_of(x->A, e);
    bool arg;
    const char *k = pl.root ? accx_place_key(x, pl, &arg) : NULL;
    *sync = k && (e->ty & TY_ATOMIC);
    return k;
}

/* The key of the flag a branch tests for non-zero, and which successor is "non-zero"; *sync as
   flag_read's. A counter short of its bound (`while (done < n)`, `done != n`, `pending > 0`,
   *counter set) is such a flag too: the loop is left, on the false branch, once every thread
   counted. */
static const char *tested_flag(ex *x, const cfg_block *b, uint32_t *nonzero_succ, bool *sync, bool *counter)
{
    *sync = *counter = false;
    if (!b->cond || b->nsuccs != 2 || b->succs[0] == b->succs[1])
        return NULL;
    ast_node *c = ast_strip_parens(b->cond);
    if (c && c->kind == AST_BINARY && c->nkids == 2 &&
        (c->op == BIN_LT || c->op == BIN_LE || c->op == BIN_NE || c->op == BIN_GT || c->op == BIN_GE)) {
        const char *k = flag_read(x, c->kids[0], sync);
        if (k) {
            *nonzero_succ = 1;
            *counter = true;
            return k;
        }
    }
    bool zero = false;
    ast_node *v = cond_strip_zero_tests(b->cond, &zero);
    *nonzero_succ = zero ? 1 : 0;
    return flag_read(x, v, sync);
}

const char *accx_flag_set(ex *x, const cfg_block *b, const cfg_elem *el)
{
    const ast_node *n = el->node;
    if (b->loop || el->kind != CFG_EXPR || !n)
        return NULL;
    /* an atomic store that is not relaxed (`atomic_store(&ready, 1)`) */
    char op = accx_atomic_op(n);
    if (op == 's')
        return n->nkids >= 3 && !cond_is_zero(n->kids[1]) && cond_is_nonzero_constant(n->kids[2]) ? atomic_key(x, n)
                                                                                                  : NULL;
    /* an atomic count up or down that is not relaxed (`atomic_fetch_add(&done, 1)`,
       `__atomic_fetch_sub(&pending, 1, __ATOMIC_RELEASE)`, GCC's __sync adds and subs) */
    if (op == 'w' && n->name && (strstr(n->name, "fetch_add") || strstr(n->name, "add_fetch") ||
                                 strstr(n->name, "fetch_and_add") || strstr(n->name, "add_and_fetch") ||
                                 strstr(n->name, "fetch_sub") || strstr(n->name, "sub_fetch") ||
                                 strstr(n->name, "fetch_and_sub") || strstr(n->name, "sub_and_fetch"))) {
        /* the value is kids[2] either way: (callee, pointer, value) or (pointer, order, value) */
        const ast_node *val = n->nkids >= 3 ? n->kids[2] : NULL;
        bool ordered = n->kind == AST_CALL || !cond_is_zero(n->kids[1]);
        return val && ordered && cond_is_nonzero_constant(val) ? atomic_key(x, n) : NULL;
    }
    if (op)
        return NULL;
    /* a counter counted up or down (`done++`, `done += 1`, `pending--`): a signal of a counter's
       wait (`while (done < n)`, `while (pending > 0)`) */
    bool up = (n->kind == AST_UNARY && n->nkids == 1 &&
               (n->op == UN_POST_INC || n->op == UN_PRE_INC || n->op == UN_POST_DEC || n->op == UN_PRE_DEC)) ||
              (n->kind == AST_BINARY && (n->op == BIN_ADD_ASSIGN || n->op == BIN_SUB_ASSIGN) && n->nkids == 2 &&
               cond_is_nonzero_constant(n->kids[1]));
    if (!up && (n->kind != AST_BINARY || n->op != BIN_ASSIGN || !cond_is_nonzero_constant(n->kids[1])))
        return NULL;
    place pl = place_of(x->A, n->kids[0]);
    bool arg;
    return pl.root ? accx_place_key(x, pl, &arg) : NULL;
}

const char *accx_atomic_write(ex *x, const ast_node *n)
{
    char op = accx_atomic_op(n);
    return op == 's' || op == 'w' ? atomic_key(x, n) : NULL;
}

typedef struct hs_ctx {
    ex *x;
    accx_handshakes *h;
    const cfg *g;
    uint8_t *exit_succ; /* per block: 1 + the successor taken with its flag seen set, or 0 */
    int32_t *exit_flag; /* ... that flag's index */
    uint8_t *zero_succ; /* per block: 1 + the successor taken with its flag seen zero under a lock, or 0 */
    int32_t *zero_flag; /* ... that flag's index */
} hs_ctx;

static void wait_edge(void *ctx, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    (void)g;
    hs_ctx *c = ctx;
    if (c->exit_succ && c->exit_succ[b->id] == succ + 1)
        fl_bs_set(st, (uint32_t)c->exit_flag[b->id]);
}

/* A flag set once by this function (accx_handshakes.once_before) is seen set after it. */
static void once_transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    hs_ctx *c = ctx;
    const uint32_t *before = c->h->once_before ? c->h->once_before[b->id] : NULL;
    for (uint32_t m = before ? before[b->nelems] : 0, f = 0; m; f++, m >>= 1)
        if (m & 1)
            fl_bs_set(st, f);
}

static void zero_edge(void *ctx, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    (void)g;
    hs_ctx *c = ctx;
    if (c->zero_succ[b->id] == succ + 1)
        fl_bs_set(st, (uint32_t)c->zero_flag[b->id]);
}

/* A lock the function holds on every path at the end of block b, where its condition is
   tested (the first such), or UINT32_MAX; *site: the acquire that took it, when one did on
   every path. */
static uint32_t held_at_test(const lock_fn *lf, uint32_t b, fl_word *st, uint32_t *site)
{
    *site = UINT32_MAX;
    if (!lf || !lf->nlocks)
        return UINT32_MAX;
    locks_state_out(lf, b, st);
    for (uint32_t l = locks_next_h(lf, st, 0); l < lf->nlocks; l = locks_next_h(lf, st, l + 1))
        if (locks_must_held(st, l)) {
            uint32_t s[2];
            if (locks_last_sites(lf, st, l, s, 2) == 1 && !lock_op_shared(lf->sites[s[0]].op))
                *site = s[0];
            return l;
        }
    return UINT32_MAX;
}

static void signal_transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    hs_ctx *c = ctx;
    const int8_t *row = c->h->flag_at[b->id];
    c->x->u->handshake_work += row ? b->nelems : 1;
    for (uint32_t i = 0; row && i < b->nelems; i++)
        if (row[i] >= 0)
            fl_bs_set(st, (uint32_t)row[i]);
}

static accx_handshakes *new_handshakes(ex *x, const cfg *g)
{
    accx_handshakes *h = FL_NEW(x->A, accx_handshakes);
    h->keys = FL_NEW_ARRAY(x->A, const char *, MAX_FLAGS);
    h->counter = FL_NEW_ARRAY(x->A, bool, MAX_FLAGS);
    h->flag_at = FL_NEW_ARRAY(x->A, int8_t *, g->nblocks + 1);
    h->after = FL_NEW_ARRAY(x->A, uint32_t *, g->nblocks + 1);
    h->test_lock = FL_NEW_ARRAY(x->A, uint32_t, MAX_FLAGS);
    h->test_site = FL_NEW_ARRAY(x->A, uint32_t, MAX_FLAGS);
    for (uint32_t f = 0; f < MAX_FLAGS; f++)
        h->test_lock[f] = UINT32_MAX;
    return h;
}

static void ensure_edges(ex *x, const cfg *g, hs_ctx *c)
{
    if (!c->exit_succ) {
        c->exit_succ = FL_NEW_ARRAY(x->A, uint8_t, g->nblocks);
        c->exit_flag = FL_NEW_ARRAY(x->A, int32_t, g->nblocks);
    }
}

/* Record a test of flag f under lock l (acquired at `site`) whose successor `zs` is taken
   with the flag zero: a set made there under that same acquire is made once (once_before). */
static void note_zero_test(ex *x, const cfg *g, hs_ctx *c, uint32_t b, int32_t f, uint32_t zs, uint32_t l,
                           uint32_t site)
{
    accx_handshakes *h = c->h;
    if (h->test_lock[f] == UINT32_MAX) {
        h->test_lock[f] = l;
        h->test_site[f] = site;
    } else if (h->test_lock[f] != l || h->test_site[f] != site)
        h->test_lock[f] = TESTS_DISAGREE; /* tested under two critical sections: no one set is known */
    if (!c->zero_succ) {
        c->zero_succ = FL_NEW_ARRAY(x->A, uint8_t, g->nblocks);
        c->zero_flag = FL_NEW_ARRAY(x->A, int32_t, g->nblocks);
    }
    c->zero_succ[b] = (uint8_t)(zs + 1);
    c->zero_flag[b] = f;
}

/* The loops (innermost) that wait on a condition variable, each once. */
typedef FL_VEC(const ast_node *) loop_vec;
static void waiting_loops(const cfg *g, loop_vec *out)
{
    for (uint32_t bj = 0; bj < g->nblocks; bj++) {
        const ast_node *loop = g->blocks[bj].loop;
        if (!loop || (out->len && out->items[out->len - 1] == loop))
            continue;
        for (uint32_t i = 0; i < g->blocks[bj].nelems; i++) {
            const ast_node *e = g->blocks[bj].elems[i].node;
            if (g->blocks[bj].elems[i].kind == CFG_EXPR && e && e->kind == AST_CALL && thr_is_cond_wait(e->name)) {
                fl_vec_push(out, loop);
                break;
            }
        }
    }
}

/* The sets of a flag made once (accx_handshakes.once_before): on the way from a test of the flag
   for zero made with a lock held, under that same acquire of the lock. Threads that all run
   `lock(&m); if (!inited) { table = ...; inited = 1; } unlock(&m);` set it once between them. */
static void find_once_sets(ex *x, const cfg *g, const lock_fn *lf, hs_ctx *c, fl_word *lst)
{
    accx_handshakes *h = c->h;
    df_problem p = {0};
    p.nbits = h->n;
    p.intersect = true;
    p.ctx = c;
    p.edge = zero_edge;
    df_result *zero = df_run(x->A, g, &p);
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const int8_t *row = h->flag_at[bi];
        uint32_t n = g->blocks[bi].nelems;
        if (!row || !zero->reached[bi])
            continue;
        locks_cursor lc = {0};
        bool started = false;
        uint32_t *before = NULL;
        for (uint32_t i = 0; i < n; i++) {
            int8_t f = row[i];
            if (f < 0 || h->test_lock[f] >= TESTS_DISAGREE || !fl_bs_test(df_in(zero, bi), (uint32_t)f))
                continue;
            if (!started) {
                locks_cursor_start(&lc, lf, bi, lst);
                started = true;
            }
            locks_cursor_to(&lc, i);
            uint32_t l = h->test_lock[f], site[2];
            if (!locks_must_held(lc.st, l) || locks_cursor_last_sites(&lc, l, site, 2) != 1 ||
                site[0] != h->test_site[f])
                continue;
            if (!h->once_before)
                h->once_before = FL_NEW_ARRAY(x->A, uint32_t *, g->nblocks + 1);
            if (!before) {
                before = h->once_before[bi] = FL_NEW_ARRAY(x->A, uint32_t, n + 1);
                x->u->handshake_work += n;
            }
            before[i + 1] |= (uint32_t)1 << f; /* made cumulative below */
        }
        for (uint32_t i = 0; before && i < n; i++)
            before[i + 1] |= before[i];
    }
}

bool accx_flag_once(const accx_handshakes *h, const cfg *g, uint32_t b, uint32_t i, const ast_node *set)
{
    if (!h || !h->once_before || !h->once_before[b])
        return false;
    /* the element that sets: i itself, or the assignment a few elements after its lvalue (a
       bounded look, so that a block of many accesses stays linear) */
    const cfg_block *bl = &g->blocks[b];
    for (uint32_t j = i; j < bl->nelems && j < i + 64; j++)
        if (bl->elems[j].node == set)
            return h->once_before[b][j + 1] != h->once_before[b][j];
    return false;
}

accx_handshakes *accx_find_handshakes(ex *x, const cfg *g, const lock_fn *lf)
{
    accx_handshakes *h = NULL;
    hs_ctx c = {x, NULL, g, NULL, NULL, NULL, NULL};
    loop_vec wl = {0};
    bool wl_known = false;
    fl_word *lst = lf && lf->nlocks ? FL_NEW_ARRAY(x->A, fl_word, lf->nwords + 1) : NULL;
    /* Two passes over the branches: wait loops first, so that they keep their flags when a
       function tests more than MAX_FLAGS; then the other tests of a flag. */
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t bi = 0; bi < g->nblocks; bi++) {
            const cfg_block *b = &g->blocks[bi];
            uint32_t nz;
            bool sync, counter;
            if (pass == 0 ? !b->loop : !b->cond)
                continue;
            /* pass 1 looks at a branch only when its test may order: an atomic load, or a
               lock held (learned before any key is made: most branches test neither) */
            uint32_t site = UINT32_MAX, held = UINT32_MAX;
            if (pass == 1) {
                if (c.exit_succ && c.exit_succ[bi])
                    continue; /* a wait loop's, seen in pass 0 */
                held = lst ? held_at_test(lf, bi, lst, &site) : UINT32_MAX;
            }
            const char *k = tested_flag(x, b, &nz, &sync, &counter);
            if (!k)
                continue;
            bool exits = b->loop && g->blocks[b->succs[nz]].loop != b->loop;
            if (pass == 0) {
                /* leaving the loop when the flag is non-zero, and the loop waits on a condition
                   variable (or spins on an atomic load that orders) */
                if (!exits)
                    continue;
                bool waits = sync;
                if (!waits && !wl_known) {
                    waiting_loops(g, &wl); /* once per function: linear in its blocks */
                    wl_known = true;
                }
                for (size_t w = 0; w < wl.len && !waits; w++)
                    waits = wl.items[w] == b->loop;
                if (!waits)
                    continue;
            } else if (!sync && held == UINT32_MAX)
                continue;
            /* pass 1: any branch on the flag whose read orders (`if (atomic_load(&ready))`), or
               made with a lock held (`lock(&m); if (ready) ...`: the setter's writes before it
               set the flag under that lock come first); a test of it for zero under a lock
               marks where it may be set once */
            if (!h)
                h = c.h = new_handshakes(x, g);
            int32_t f = add_flag(x, h, k);
            if (f < 0)
                continue;
            h->counter[f] |= counter;
            ensure_edges(x, g, &c);
            c.exit_succ[bi] = (uint8_t)(nz + 1);
            c.exit_flag[bi] = f;
            if (pass == 1 && held != UINT32_MAX && !counter && site != UINT32_MAX)
                note_zero_test(x, g, &c, bi, f, 1 - nz, held, site);
        }
    fl_vec_free(&wl);
    /* the flags each element sets, once (the solver's transfers and the accesses read them) */
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            x->u->handshake_work++;
            const char *k = accx_flag_set(x, &g->blocks[bi], &g->blocks[bi].elems[i]);
            if (!k)
                continue;
            if (!h)
                h = c.h = new_handshakes(x, g);
            int32_t f = add_flag(x, h, k);
            if (f < 0)
                continue;
            if (!h->flag_at[bi]) {
                h->flag_at[bi] = fl_arena_alloc(x->A, g->blocks[bi].nelems);
                memset(h->flag_at[bi], 0xff, g->blocks[bi].nelems);
            }
            h->flag_at[bi][i] = (int8_t)f;
        }
    if (!h || !h->n)
        return NULL;
    /* per block with flags: the flags set from each element on (what an access there reads) */
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const int8_t *row = h->flag_at[bi];
        uint32_t n = g->blocks[bi].nelems;
        if (!row)
            continue;
        h->after[bi] = fl_arena_alloc(x->A, (n + 1) * sizeof *h->after[bi]);
        h->after[bi][n] = 0;
        x->u->handshake_work += n;
        for (uint32_t j = n; j-- > 0;)
            h->after[bi][j] = h->after[bi][j + 1] | (row[j] >= 0 ? (uint32_t)1 << row[j] : 0);
    }
    if (c.zero_succ)
        find_once_sets(x, g, lf, &c, lst);
    if (c.exit_succ || h->once_before) {
        df_problem p = {0};
        p.nbits = h->n;
        p.intersect = true;
        p.ctx = &c;
        p.edge = wait_edge;
        if (h->once_before)
            p.transfer = once_transfer;
        h->waited = df_run(x->A, g, &p);
    }
    df_problem q = {0};
    q.nbits = h->n;
    q.intersect = true;
    q.backward = true;
    q.ctx = &c;
    q.transfer = signal_transfer;
    h->signals = df_run(x->A, g, &q);
    return h;
}

/* The keys of the bits set in st; with `mark`, a counter's key is written "#key". */
static acc_keys keys_of(ex *x, const accx_handshakes *h, const fl_word *st, bool mark)
{
    acc_keys r = {0};
    for (uint32_t f = 0; f < h->n; f++)
        if (fl_bs_test(st, f)) {
            if (!r.k)
                r.k = FL_NEW_ARRAY(x->A, const char *, h->n);
            r.k[r.n++] = mark && h->counter[f] ? fl_arena_sprintf(x->A, "#%s", h->keys[f]) : h->keys[f];
        }
    return r;
}

void accx_handshake_at(ex *x, const accx_handshakes *h, const cfg *g, uint32_t b, uint32_t i, acc_access *a)
{
    if (!h)
        return;
    x->u->handshake_work++;
    if (h->waited && h->waited->reached[b]) {
        const uint32_t *once = h->once_before ? h->once_before[b] : NULL;
        if (once && once[i]) {
            /* and the flags this block set once before element i */
            fl_word st[MAX_FLAGS / 64 + 1];
            memcpy(st, df_in(h->waited, b), h->waited->nwords * sizeof *st);
            for (uint32_t m = once[i], f = 0; m; f++, m >>= 1)
                if (m & 1)
                    fl_bs_set(st, f);
            a->waited = keys_of(x, h, st, true);
        } else
            a->waited = keys_of(x, h, df_in(h->waited, b), true);
    }
    if (!h->signals->reached[b])
        return;
    fl_word st[MAX_FLAGS / 64 + 1];
    memcpy(st, df_in(h->signals, b), h->signals->nwords * sizeof *st);
    /* the flags set after element i in its block, from its suffix masks (walking the block per
       access would cost the square of a block of many accesses and flag sets) */
    if (h->after[b]) {
        uint32_t n = g->blocks[b].nelems;
        uint32_t m = i + 1 <= n ? h->after[b][i + 1] : 0;
        for (uint32_t f = 0; m; f++, m >>= 1)
            if (m & 1)
                fl_bs_set(st, f);
    }
    a->signals = keys_of(x, h, st, false);
}

/* ---- semaphores -------------------------------------------------------------------------------- */

char accx_sem_op(const ast_node *n)
{
    static const char *const waits[] = {"sem_wait", "sem_timedwait", "sem_clockwait", "sem_trywait"};
    if (!n || n->kind != AST_CALL || !n->name)
        return 0;
    if (strcmp(n->name, "pthread_barrier_wait") == 0 || strcmp(n->name, "xpthread_barrier_wait") == 0)
        return 'b';
    if (strncmp(n->name, "sem_", 4) != 0)
        return 0;
    if (strcmp(n->name, "sem_post") == 0)
        return 'p';
    for (size_t i = 0; i < sizeof waits / sizeof waits[0]; i++)
        if (strcmp(n->name, waits[i]) == 0)
            return 'w';
    return 0;
}

/* ---- countdown latches ---- */

/* `p->f`, p a parameter: the field's name, else NULL. */
static const char *param_field(const ast_node *e)
{
    e = e ? ast_strip_casts((ast_node *)e) : NULL;
    if (!e || e->kind != AST_MEMBER || !(e->flags & AST_F_ARROW) || e->nkids != 1 || !e->name)
        return NULL;
    const ast_node *b = ast_strip_casts(e->kids[0]);
    return b && b->kind == AST_REF && b->var && b->var->storage == STORAGE_PARAM ? e->name : NULL;
}

static bool is_call_to(const ast_node *n, const char *a, const char *b, const char *c)
{
    return n && n->kind == AST_CALL && n->name &&
           (strcmp(n->name, a) == 0 || strcmp(n->name, b) == 0 || (c && strcmp(n->name, c) == 0));
}

/* What a function of a countdown latch built from a mutex and a condition variable does: 'w' for
   the wait (`while (l->count > 0) pthread_cond_wait(&l->cv, &l->mu);`), 'p' for the count down
   (`if (--l->count == 0) pthread_cond_broadcast(&l->cv);`), each on a field of a parameter; *field
   is that field. 0 for anything else, or a function that does both. */
static char latch_role(const cfg *g, const char **field)
{
    const char *waits = NULL, *decs = NULL;
    bool signals = false, writes_waited = false;
    /* the loops that wait on a condition (a few at most: the first 8) */
    const ast_node *wait_loops[8];
    uint32_t nwl = 0;
    for (uint32_t bi = 0; bi < g->nblocks && nwl < 8; bi++)
        for (uint32_t e = 0; g->blocks[bi].loop && e < g->blocks[bi].nelems; e++)
            if (is_call_to(g->blocks[bi].elems[e].node, "pthread_cond_wait", "cnd_wait", "pthread_cond_timedwait") &&
                nwl < 8)
                wait_loops[nwl++] = g->blocks[bi].loop;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        if (nwl && b->cond && b->nsuccs == 2 && b->loop) {
            /* the loop's test: `p->count > 0`, `p->count != 0`, `p->count` */
            ast_node *c = ast_strip_parens(b->cond);
            if (c && c->kind == AST_BINARY && (c->op == BIN_GT || c->op == BIN_NE) && c->nkids == 2 &&
                cond_is_zero(ast_strip_casts(c->kids[1])))
                c = c->kids[0];
            const char *f = param_field(c);
            for (uint32_t k = 0; f && k < nwl; k++)
                if (wait_loops[k] == b->loop)
                    waits = f;
        }
        for (uint32_t e = 0; e < b->nelems; e++) {
            const ast_node *n = b->elems[e].node;
            if (b->elems[e].kind != CFG_EXPR || !n)
                continue;
            signals |= is_call_to(n, "pthread_cond_broadcast", "pthread_cond_signal", NULL) ||
                       is_call_to(n, "cnd_broadcast", "cnd_signal", NULL);
            /* `--p->count` inside a test, `p->count--`, `p->count -= 1` */
            const ast_node *stack[16];
            uint32_t ns = 0;
            stack[ns++] = n;
            while (ns) {
                const ast_node *m = stack[--ns];
                if (!m)
                    continue;
                if (m->kind == AST_UNARY && (m->op == UN_PRE_DEC || m->op == UN_POST_DEC) && m->nkids == 1 &&
                    param_field(m->kids[0]))
                    decs = param_field(m->kids[0]);
                else if (m->kind == AST_BINARY && m->op >= BIN_ASSIGN && m->op <= BIN_OR_ASSIGN && m->nkids == 2 &&
                         param_field(m->kids[0]))
                    writes_waited = true; /* checked against `waits` below */
                for (uint16_t k = 0; k < m->nkids && ns < 16; k++)
                    stack[ns++] = m->kids[k];
            }
        }
    }
    if (waits && !decs && !writes_waited) {
        *field = waits;
        return 'w';
    }
    if (decs && signals && !waits) {
        *field = decs;
        return 'p';
    }
    return 0;
}

uint8_t *accx_find_latches(fl_arena *A, const ast_tu *tu, cfg *const *cfgs)
{
    uint8_t *role = NULL;
    const char **field = NULL;
    bool w = false, p = false;
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        const ast_func *fn = tu->funcs[f];
        if (!cfgs[f] || !fn->body || !fn->nparams)
            continue;
        const char *fl;
        char r = latch_role(cfgs[f], &fl);
        if (!r)
            continue;
        if (!role) {
            role = FL_NEW_ARRAY(A, uint8_t, tu->nfuncs + 1);
            field = FL_NEW_ARRAY(A, const char *, tu->nfuncs + 1);
        }
        role[f] = (uint8_t)r;
        field[f] = fl;
        w |= r == 'w';
        p |= r == 'p';
    }
    if (!w || !p)
        return NULL;
    /* a wait only with a count down of the same field, and the other way round */
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        bool pair = false;
        for (uint32_t g = 0; role[f] && g < tu->nfuncs && !pair; g++)
            pair = role[g] && role[g] != role[f] && strcmp(field[g], field[f]) == 0;
        if (!pair)
            role[f] = 0;
    }
    return role;
}

/* The global semaphore `&S` (casts stripped) names, or NULL. */
static const ast_var *global_sem(const ast_node *a)
{
    a = a ? ast_strip_casts((ast_node *)a) : NULL;
    const ast_node *r = a && a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids == 1 ? ast_strip_parens(a->kids[0]) : NULL;
    return r && r->kind == AST_REF && r->var && r->var->storage != STORAGE_LOCAL && r->var->storage != STORAGE_PARAM
               ? r->var
               : NULL;
}

accx_many accx_find_many_token_sems(fl_arena *A, const ast_tu *tu, cfg *const *cfgs)
{
    FL_VEC(const ast_var *) many = {0}, few = {0};
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        const cfg *g = cfgs[f];
        for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const ast_node *n = g->blocks[bi].elems[i].node;
                if (g->blocks[bi].elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL || !n->name ||
                    strcmp(n->name, "sem_init") != 0 || n->nkids != 4)
                    continue;
                const ast_var *v = global_sem(n->kids[1]);
                if (!v)
                    continue;
                const ast_node *c = ast_strip_casts(n->kids[3]);
                char *end = NULL;
                long tokens = c && c->kind == AST_LITERAL && c->name ? strtol(c->name, &end, 0) : -1;
                if (end && *end && *end != 'u' && *end != 'U' && *end != 'l' && *end != 'L')
                    tokens = -1;
                if (tokens >= 2)
                    fl_vec_push(&many, v);
                else
                    fl_vec_push(&few, v);
            }
    }
    accx_many r = {NULL, 0};
    r.vars = many.len ? FL_NEW_ARRAY(A, const ast_var *, many.len) : NULL;
    for (size_t i = 0; i < many.len; i++) {
        bool other = false;
        for (size_t j = 0; j < few.len && !other; j++)
            other = few.items[j] == many.items[i];
        for (uint32_t j = 0; j < r.n && !other; j++)
            other = r.vars[j] == many.items[i];
        if (!other)
            r.vars[r.n++] = many.items[i];
    }
    fl_vec_free(&many);
    fl_vec_free(&few);
    return r;
}

char accx_call_sem_op(const uint8_t *latch, const accx_many *many, const ast_tu *tu, const ast_node *n)
{
    char op = accx_sem_op(n);
    if ((op == 'w' || op == 'p') && many && many->n && n->nkids >= 2) {
        const ast_var *v = global_sem(n->kids[1]);
        for (uint32_t i = 0; v && i < many->n; i++)
            if (many->vars[i] == v)
                return 0; /* two tokens or more: any two threads pass without a post */
    }
    if (op || !latch || !n || n->kind != AST_CALL || !n->callee || !n->callee->def)
        return op;
    const ast_func *d = n->callee->def;
    return d->index < tu->nfuncs && tu->funcs[d->index] == d ? (char)latch[d->index] : 0;
}

typedef struct sem_ctx {
    char op;
    const uint8_t *latch;
    const accx_many *many;
    const ast_tu *tu;
} sem_ctx;

static bool block_has(const sem_ctx *c, const cfg_block *b, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to && i < b->nelems; i++)
        if (b->elems[i].kind == CFG_EXPR && accx_call_sem_op(c->latch, c->many, c->tu, b->elems[i].node) == c->op)
            return true;
    return false;
}

/* The one bit: the block has the operation named by ctx ("w", "p", "b"). */
static void sem_transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    if (block_has(ctx, b, 0, b->nelems))
        fl_bs_set(st, 0);
}

/* Where operation op may have happened before (forward) or may happen after (backward). */
static df_result *may_op(ex *x, const cfg *g, char op, bool backward)
{
    sem_ctx *c = FL_NEW(x->A, sem_ctx);
    *c = (sem_ctx){op, x->latch, &x->many, x->in->tu};
    df_problem pb = {0};
    pb.nbits = 1;
    pb.backward = backward;
    pb.ctx = c;
    pb.transfer = sem_transfer;
    return df_run(x->A, g, &pb);
}

/* ---- atomics that publish ------------------------------------------------------------------ */

/* The bit of key k in the table, added when there is room; 0 when there is none. */
static uint8_t pub_bit(ex *x, const char **keys, uint32_t *n, const char *k)
{
    for (uint32_t i = 0; i < *n; i++)
        if (strcmp(keys[i], k) == 0)
            return (uint8_t)(1u << i);
    if (*n == ACC_MAX_PUB)
        return 0;
    keys[*n] = fl_arena_strdup(x->A, k);
    return (uint8_t)(1u << (*n)++);
}

/* The atomic operations under an expression, one after another (an explicit stack; a tree deeper
   than the stack is cut, losing operations, never memory): next_atomic gives the next or NULL. */
typedef struct atomic_walk {
    const ast_node *stack[64];
    uint32_t sp;
} atomic_walk;

static void atomic_walk_start(atomic_walk *w, const ast_node *root)
{
    w->sp = 0;
    if (root)
        w->stack[w->sp++] = root;
}

static const ast_node *next_atomic(atomic_walk *w)
{
    while (w->sp) {
        const ast_node *e = w->stack[--w->sp];
        for (uint16_t i = 0; i < e->nkids; i++)
            if (e->kids[i] && w->sp < 64)
                w->stack[w->sp++] = e->kids[i];
        if (accx_atomic_op(e))
            return e;
    }
    return NULL;
}

/* The atomic operations in one element's expression: the bits of the shared variables it loads
   (*acq) and stores (*rel) with an order that is not relaxed. */
static void elem_atomics(ex *x, const char **keys, uint32_t *n, const ast_node *root, uint8_t *acq, uint8_t *rel)
{
    *acq = *rel = 0;
    atomic_walk w;
    atomic_walk_start(&w, root);
    for (const ast_node *e; (e = next_atomic(&w)) != NULL;) {
        char op = accx_atomic_op(e);
        /* GCC's __sync_* are full barriers; the others carry their order as kids[1] (0: relaxed) */
        bool ordered = e->kind == AST_CALL || !cond_is_zero(e->kids[1]);
        const char *k = ordered ? atomic_key(x, e) : NULL;
        if (!k || (strncmp(k, "g:", 2) != 0 && strncmp(k, "s:", 2) != 0))
            continue;
        uint8_t bit = pub_bit(x, keys, n, k);
        /* a read-modify-write (a counter's `atomic_fetch_add`) publishes nothing: what it stores
           says nothing of what came before; a constant stored is a flag, which the handshakes
           follow (set, cleared, set again); a value stored (`i + 1`, a count of the slots
           filled) tells a reader how far the writes before it go */
        if (op == 'l')
            *acq |= bit;
        const ast_node *val = e->nkids >= 3 ? e->kids[2] : NULL;
        if (op == 's' && val && !cond_is_zero(val) && !cond_is_nonzero_constant(val))
            *rel |= bit;
    }
}

/* The forward problem's context: per block, its loads, and for a branch on a load's value
   (`while (!atomic_load(&done))`), the successor taken when it read zero (+1; 0: none) and the
   load's bits, which that way acquired nothing published. */
typedef struct pub_fw {
    uint8_t *const *acq;
    uint8_t *zero_succ;
    uint8_t *zero_bits;
} pub_fw;

/* Forward: the loads of the block (pub_acq[b][nelems]). */
static void pub_loads(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    st[0] |= ((const pub_fw *)ctx)->acq[b->id][b->nelems];
}

static void pub_zero_edge(void *ctx, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    (void)g;
    const pub_fw *f = ctx;
    if (f->zero_succ[b->id] == succ + 1)
        st[0] &= ~(fl_word)f->zero_bits[b->id];
}

/* Backward: the writes of the block (pub_rel[b][0]). */
static void pub_writes(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    st[0] |= ((uint8_t *const *)ctx)[b->id][0];
}

/* The function's atomics that publish, into s (nothing when it has none). Per block, pub_acq[b][i]
   holds the loads of elements [0, i), and pub_rel[b][i] the writes of elements [i, nelems). */
static void find_pub(ex *x, const cfg *g, accx_sems *s)
{
    const char *keys[ACC_MAX_PUB];
    uint32_t n = 0;
    uint8_t **acq = FL_NEW_ARRAY(x->A, uint8_t *, g->nblocks + 1), **rel = FL_NEW_ARRAY(x->A, uint8_t *, g->nblocks + 1);
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        acq[bi] = FL_NEW_ARRAY(x->A, uint8_t, b->nelems + 1);
        rel[bi] = FL_NEW_ARRAY(x->A, uint8_t, b->nelems + 1);
        for (uint32_t i = 0; i < b->nelems; i++) {
            uint8_t a = 0, r = 0;
            if (b->elems[i].kind == CFG_EXPR)
                elem_atomics(x, keys, &n, b->elems[i].node, &a, &r);
            acq[bi][i + 1] = (uint8_t)(acq[bi][i] | a);
            rel[bi][i] = r;
        }
        for (uint32_t i = b->nelems; i-- > 0;)
            rel[bi][i] |= rel[bi][i + 1];
    }
    if (!n)
        return;
    s->pub_keys = fl_arena_memdup(x->A, keys, n * sizeof *keys);
    s->npub = n;
    s->pub_acq = acq;
    s->pub_rel = rel;
    pub_fw f = {acq, FL_NEW_ARRAY(x->A, uint8_t, g->nblocks + 1), FL_NEW_ARRAY(x->A, uint8_t, g->nblocks + 1)};
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        if (!b->cond || b->nsuccs != 2 || b->succs[0] == b->succs[1])
            continue;
        bool zero = false;
        ast_node *v = cond_strip_zero_tests(b->cond, &zero);
        uint8_t bits = 0, none = 0;
        if (v && accx_atomic_op(ast_strip_casts(v)) == 'l')
            elem_atomics(x, keys, &n, ast_strip_casts(v), &bits, &none);
        if (bits) {
            f.zero_succ[bi] = (uint8_t)((zero ? 0 : 1) + 1); /* the successor where it read zero */
            f.zero_bits[bi] = bits;
        }
    }
    df_problem fw = {0};
    fw.nbits = ACC_MAX_PUB;
    fw.ctx = &f;
    fw.transfer = pub_loads;
    fw.edge = pub_zero_edge;
    s->acquired = df_run(x->A, g, &fw);
    df_problem bw = {0};
    bw.nbits = ACC_MAX_PUB;
    bw.backward = true;
    bw.ctx = rel;
    bw.transfer = pub_writes;
    s->released = df_run(x->A, g, &bw);
}

/* Whether the function has an atomic operation at all (a cheap first look). */
static bool has_atomic(const cfg *g)
{
    atomic_walk w;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            atomic_walk_start(&w, g->blocks[bi].elems[i].node);
            if (next_atomic(&w))
                return true;
        }
    return false;
}

accx_sems *accx_find_sems(ex *x, const cfg *g)
{
    bool waits = false, posts = false, barriers = false;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        if (x->rf && !x->rf->df->reached[bi])
            continue; /* code no path reaches (the accesses skip it too) */
        sem_ctx cw = {'w', x->latch, &x->many, x->in->tu}, cp = {'p', x->latch, &x->many, x->in->tu},
                cb = {'b', x->latch, &x->many, x->in->tu};
        waits |= block_has(&cw, &g->blocks[bi], 0, UINT32_MAX);
        posts |= block_has(&cp, &g->blocks[bi], 0, UINT32_MAX);
        barriers |= block_has(&cb, &g->blocks[bi], 0, UINT32_MAX);
    }
    bool atomics = has_atomic(g);
    if (!waits && !posts && !barriers && !atomics)
        return NULL;
    accx_sems *s = FL_NEW(x->A, accx_sems);
    if (atomics)
        find_pub(x, g, s);
    s->waits = waits;
    s->posts = posts;
    s->latch = x->latch;
    s->many = x->many;
    s->tu = x->in->tu;
    if (waits || posts) {
        s->waited = may_op(x, g, 'w', false);
        s->posted = may_op(x, g, 'p', true);
    }
    if (barriers) {
        s->bar_before = may_op(x, g, 'b', false);
        s->bar_after = may_op(x, g, 'b', true);
    }
    return s;
}

/* Whether op may come before element i of block b (fw: the forward result for op). */
static bool op_before(const accx_sems *s, const df_result *fw, const cfg *g, char op, uint32_t b, uint32_t i)
{
    sem_ctx c = {op, s->latch, &s->many, s->tu};
    return fl_bs_test(df_in(fw, b), 0) || block_has(&c, &g->blocks[b], 0, i);
}

/* Whether op may come after element i of block b (bw: the backward result for op). A block never
   reached backward (an endless loop's) may still have it after: assume it does. */
static bool op_after(const accx_sems *s, const df_result *bw, const cfg *g, char op, uint32_t b, uint32_t i)
{
    sem_ctx c = {op, s->latch, &s->many, s->tu};
    const cfg_block *bl = &g->blocks[b];
    return !bw->reached[b] || fl_bs_test(df_in(bw, b), 0) || block_has(&c, bl, i + 1, bl->nelems);
}

void accx_barrier_at(const accx_sems *s, const cfg *g, uint32_t b, uint32_t i, bool *before, bool *after)
{
    *before = s && s->bar_before && op_before(s, s->bar_before, g, 'b', b, i);
    *after = s && s->bar_after && op_after(s, s->bar_after, g, 'b', b, i);
}

void accx_sem_at(const accx_sems *s, const cfg *g, uint32_t b, uint32_t i, acc_access *a)
{
    if (s->waited) {
        a->sem_wait_before = op_before(s, s->waited, g, 'w', b, i);
        a->sem_post_after = op_after(s, s->posted, g, 'p', b, i);
    }
    accx_barrier_at(s, g, b, i, &a->bar_before, &a->bar_after);
    if (s->npub) {
        /* the loads before the element, the writes after it, in its block and around it; a block
           never reached backward (an endless loop's) may write any of them after */
        uint32_t ne = g->blocks[b].nelems, at = i < ne ? i : ne;
        a->pub_keys = s->pub_keys;
        a->pub_acq = (uint8_t)(df_in(s->acquired, b)[0] | s->pub_acq[b][at]);
        a->pub_rel = s->released->reached[b] ? (uint8_t)(df_in(s->released, b)[0] | s->pub_rel[b][at < ne ? at + 1 : ne])
                                              : (uint8_t)((1u << s->npub) - 1);
    }
}
