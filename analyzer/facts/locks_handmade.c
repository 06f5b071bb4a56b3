/* locks_handmade.c - locks C programmers build themselves: spinlocks on an atomic word,
 * semaphores built from a mutex and a condition variable, and turns taken in order. See locks.h
 * ("hand-made locks").
 *
 * Precision notes: a hand-made lock hides races between the accesses made while it is held,
 * so only shapes that do exclude each other count.
 *  - A take must start from 0 and set a constant that is not 0 (test-and-set, exchange of 1), or
 *    compare-and-swap 0 for a value that is not the literal 0: a lock-free update
 *    (`CAS(&x, old, old + 1)`, a list push) does not start from 0 and is no lock.
 *  - Whatever thread wins such a take is alone past it until the word is 0 again, even when
 *    nothing ever stores 0 (a once-flag taken with `CAS(&done, 0, 1)`).
 *  - A semaphore's down must wait while the counter is 0 in a loop around a condition wait and
 *    decrement it after; its up must increment the same counter (of the same record type) and
 *    signal. A counting semaphore created with more than one token does not exclude: fio's and
 *    most programs' are binary, and the counter's start value is not followed.
 *  - A turn: `wait_turn(me)` waits on a condition variable in a loop while a global counter is
 *    not the caller's value (`while (turn % N != me)`), `pass_turn()` steps or sets the counter
 *    and signals. Whoever passed its wait holds the turn until it passes it on: only one thread's
 *    value matches the counter at a time, when the threads wait for values of their own (not
 *    checked: two threads waiting for one value would both pass), and only the turn's holders
 *    write the counter (every function of the unit that writes it passes the turn, or is
 *    `main`).
 */
#include "locks_impl.h"

#include <stdlib.h>
#include <string.h>

#include "../base/strmap.h"
#include "../base/xalloc.h"
#include "../ir/cond.h"
#include "threads.h"

/* A value that is a non-zero constant, or at least not the literal 0 (a compare-and-swap's new
   value: nginx swaps in its `value` parameter). */
static bool sets_nonzero(const ast_node *v, bool constant)
{
    if (!v)
        return false;
    return constant ? cond_is_nonzero_constant(v) : !cond_is_zero(v);
}

/* A lock made of a pipe holding one token: `read(fds[0], &c, 1)` takes it (waiting while the
   pipe is empty), `write(fds[1], &c, 1)` gives it back (libuv's signal lock). Only a one-byte
   buffer (a `char` variable) and the two ends of one file-scope array: a wake-up pipe drains
   into a buffer, and is not a lock. */
static lock_call pipe_token(fl_arena *arena, const ast_node *n)
{
    lock_call r = {0};
    bool rd = strcmp(n->name, "read") == 0;
    if (n->kind != AST_CALL || n->nkids != 4 || (!rd && strcmp(n->name, "write") != 0))
        return r;
    const ast_node *fd = ast_strip_casts(n->kids[1]), *buf = ast_strip_casts(n->kids[2]);
    const ast_node *arr = fd && fd->kind == AST_INDEX && fd->nkids == 2 ? ast_strip_parens(fd->kids[0]) : NULL;
    const ast_node *c = buf && buf->kind == AST_UNARY && buf->op == UN_ADDR_OF && buf->nkids == 1
                            ? ast_strip_parens(buf->kids[0])
                            : NULL;
    if (!arr || arr->kind != AST_REF || !arr->var || !(arr->var->ty & TY_ARRAY) ||
        (arr->var->storage != STORAGE_GLOBAL && arr->var->storage != STORAGE_STATIC_LOCAL) ||
        !(rd ? cond_is_zero(fd->kids[1]) : cond_is_nonzero_constant(fd->kids[1])) || !c || c->kind != AST_REF ||
        !c->var || c->var->ty != TY_INT || !c->var->type || !c->var->type->name || !strstr(c->var->type->name, "char"))
        return r;
    r.where = (place){arr->var, fl_arena_strdup(arena, "")};
    r.op = rd ? LOCK_ACQUIRE : LOCK_RELEASE;
    r.api = n->name;
    r.lock = n->kids[1];
    r.soft = true;
    return r;
}

lock_call locks_handmade_classify(fl_arena *arena, const ast_node *n)
{
    lock_call r = {0};
    if (!n || !n->name)
        return r;
    if (n->name[0] != '_')
        return pipe_token(arena, n);
    const char *s = n->name;
    /* the operands: a call's arguments, an atomic expression's kids (pointer, order, value,
       failure order, desired value) */
    ast_node *const *a = n->kind == AST_CALL ? n->kids + 1 : n->kids;
    uint32_t na = n->kind == AST_CALL ? n->nkids - 1 : n->nkids;
    if (n->kind == AST_CALL && n->nkids < 2)
        return r;
    lock_op op = LOCK_NONE;
    bool nonzero = false;
    if (n->kind == AST_CALL) {
        if (thr_sync_name(s, "__sync_lock_test_and_set") && na == 2 && sets_nonzero(a[1], true))
            op = LOCK_TRY; /* returns the old value: 0 when it took the lock */
        else if (thr_sync_name(s, "__sync_bool_compare_and_swap") && na == 3 && cond_is_zero(a[1]) &&
                 sets_nonzero(a[2], false))
            op = LOCK_TRY, nonzero = true;
        else if (thr_sync_name(s, "__sync_val_compare_and_swap") && na == 3 && cond_is_zero(a[1]) &&
                 sets_nonzero(a[2], false))
            op = LOCK_TRY;
        else if (thr_sync_name(s, "__sync_lock_release") && na == 1)
            op = LOCK_RELEASE;
        else if (strcmp(s, "__atomic_test_and_set") == 0 && na == 2) /* builtin calls, not atomic expressions */
            op = LOCK_TRY;
        else if (strcmp(s, "__atomic_clear") == 0 && na == 2)
            op = LOCK_RELEASE;
    } else if (n->kind == AST_OTHER) {
        if ((strcmp(s, "__c11_atomic_exchange") == 0 || strcmp(s, "__atomic_exchange_n") == 0) && na == 3 &&
            sets_nonzero(a[2], true))
            op = LOCK_TRY;
        else if ((strcmp(s, "__c11_atomic_compare_exchange_strong") == 0 ||
                  strcmp(s, "__c11_atomic_compare_exchange_weak") == 0 ||
                  strcmp(s, "__atomic_compare_exchange_n") == 0) &&
                 na >= 5 && sets_nonzero(a[4], true))
            op = LOCK_TRY, nonzero = true; /* the expected value is not followed: a constant
                                               desired value is a lock's, not an update's */
        else if ((strcmp(s, "__c11_atomic_store") == 0 || strcmp(s, "__atomic_store_n") == 0) && na == 3 &&
                 cond_is_zero(a[2]))
            op = LOCK_RELEASE;
    }
    if (op == LOCK_NONE || !a[0])
        return r;
    r.where = lock_place_of_arg(arena, a[0]);
    if (!r.where.root)
        return r;
    r.op = op;
    r.api = s;
    r.lock = a[0];
    r.success_nonzero = nonzero;
    r.soft = true;
    return r;
}

place locks_zero_store(fl_arena *arena, const ast_node *n)
{
    if (!n || n->kind != AST_BINARY || n->op != BIN_ASSIGN || n->nkids != 2 || !cond_is_zero(n->kids[1]))
        return (place){NULL, NULL};
    return place_of(arena, n->kids[0]);
}

/* ---- semaphores from a mutex and a condition variable ---- */

/* The parameter index a place {param, "*.field"} is rooted at, or -1. */
static int32_t counter_param(const ast_func *fn, place p)
{
    if (!p.root || p.root->storage != STORAGE_PARAM || (p.root->flags & AST_VAR_ADDRESS_TAKEN) ||
        strncmp(p.path, "*.", 2) != 0 || strpbrk(p.path + 2, ".*["))
        return -1;
    return ast_func_param_index(fn, p.root);
}

/* The counter a loop condition holds the loop on while it is 0 (`!s->v`, `s->v == 0`,
   `s->v <= 0`, `s->v < 1`); {NULL, NULL} for any other condition. */
static place waits_while_zero(fl_arena *A, ast_node *c)
{
    bool zero = false;
    ast_node *v = cond_strip_zero_tests(c, &zero);
    if (v && !zero && v->kind == AST_BINARY && v->nkids == 2 &&
        ((v->op == BIN_LE && cond_is_zero(v->kids[1])) ||
         (v->op == BIN_LT && cond_is_nonzero_constant(v->kids[1]) && ast_strip_casts(v->kids[1])->name &&
          strcmp(ast_strip_casts(v->kids[1])->name, "1") == 0))) {
        v = v->kids[0];
        zero = true;
    }
    if (!v || !zero)
        return (place){NULL, NULL};
    return place_of(A, ast_strip_casts(v));
}

/* +1 or -1 when the element steps an lvalue by one (`x++`, `--x`, `x += 1`), with *target its
   place; else 0. */
static int step_of(fl_arena *A, const ast_node *n, place *target)
{
    int d = 0;
    if (n->kind == AST_UNARY && n->nkids == 1)
        d = n->op == UN_POST_INC || n->op == UN_PRE_INC ? 1 : n->op == UN_POST_DEC || n->op == UN_PRE_DEC ? -1 : 0;
    else if (n->kind == AST_BINARY && n->nkids == 2 && (n->op == BIN_ADD_ASSIGN || n->op == BIN_SUB_ASSIGN)) {
        const ast_node *one = ast_strip_casts(n->kids[1]);
        if (one && one->kind == AST_LITERAL && one->name && strcmp(one->name, "1") == 0)
            d = n->op == BIN_ADD_ASSIGN ? 1 : -1;
    }
    if (d)
        *target = place_of(A, n->kids[0]);
    return d;
}

typedef struct sem_fn {
    int32_t param;      /* the semaphore's parameter */
    const char *counter; /* its counter's class ("struct fio_sem::.value") */
    bool down;
} sem_fn;

/* A function's condition waits and signals: the one loop all its condition waits are in (NULL
   for none), and whether it signals or broadcasts. `mixed` when a wait is outside a loop or the
   waits are in two loops: some other protocol than a semaphore's or a turn's. */
typedef struct cond_waits {
    const ast_node *wait_loop;
    bool signals;
    bool mixed;
} cond_waits;

static cond_waits cond_waits_of(const cfg *g)
{
    cond_waits w = {NULL, false, false};
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL)
                continue;
            if (thr_is_cond_wait(n->name)) {
                if (!g->blocks[bi].loop || (w.wait_loop && w.wait_loop != g->blocks[bi].loop)) {
                    w.mixed = true;
                    return w;
                }
                w.wait_loop = g->blocks[bi].loop;
            }
            w.signals |= thr_is_cond_signal(n->name);
        }
    return w;
}

/* What fn does to a semaphore it is given, if it is a down or an up (see the notes above), from
   its waits and signals w. */
static bool sem_shape(fl_arena *A, const ast_func *fn, const cfg *g, const cond_waits *w, sem_fn *out)
{
    const ast_node *wait_loop = w->wait_loop;
    if (w->mixed || (!wait_loop && !w->signals))
        return false;
    place counter = {NULL, NULL};
    if (wait_loop) {
        ast_node *c = ast_loop_cond(wait_loop);
        counter = c ? waits_while_zero(A, c) : counter;
        if (counter_param(fn, counter) < 0)
            return false;
    }
    /* the steps of the counter: a down decrements it after the wait loop, an up increments it */
    int step = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            place t;
            int d = g->blocks[bi].elems[i].kind == CFG_EXPR && n ? step_of(A, n, &t) : 0;
            if (!d || counter_param(fn, t) < 0 || (counter.root && !place_equal(t, counter)))
                continue;
            if (g->blocks[bi].loop == wait_loop && wait_loop)
                return false; /* the counter changes inside the wait loop */
            if (step && step != d)
                return false;
            step = d;
            counter = t;
        }
    if (!step || (wait_loop && step != -1) || (!wait_loop && step != 1))
        return false;
    out->param = counter_param(fn, counter);
    out->counter = locks_lock_class(A, counter);
    out->down = wait_loop != NULL;
    return out->counter != NULL;
}

/* ---- turns taken in order ---- */

/* Does g write k? */
static bool writes_counter(const cfg *g, const ast_var *k)
{
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++)
            if (cond_written_var(&g->blocks[bi].elems[i]) == k)
                return true;
    return false;
}

/* A global counter g's one wait loop (w) waits on while it differs from a parameter's value
   (`while (turn % NTHREADS != me) pthread_cond_wait(...)`): the counter, which g does not
   write; NULL for any other shape. */
static ast_var *turn_waited(const cfg *g, const cond_waits *w)
{
    ast_node *c = !w->mixed && w->wait_loop ? ast_strip_parens(ast_loop_cond(w->wait_loop)) : NULL;
    if (!c || c->kind != AST_BINARY || c->op != BIN_NE || c->nkids != 2)
        return NULL;
    ast_var *k = NULL;
    bool param = false;
    for (int side = 0; side < 2; side++) {
        /* one side reads one global and no parameter, the other a parameter and no global */
        const ast_node *stack[32];
        uint32_t n = 0, globals = 0, params = 0;
        ast_var *g1 = NULL;
        stack[n++] = c->kids[side];
        while (n) {
            const ast_node *x = stack[--n];
            if (!x)
                continue;
            if (x->kind == AST_REF && x->var && x->var->storage == STORAGE_GLOBAL && (x->var->ty & TY_INT))
                globals++, g1 = x->var;
            else if (x->kind == AST_REF && x->var && x->var->storage == STORAGE_PARAM)
                params++;
            else if (x->kind == AST_CALL)
                return NULL;
            for (uint16_t i = 0; i < x->nkids; i++) {
                if (n == 32)
                    return NULL;
                stack[n++] = x->kids[i];
            }
        }
        if (globals == 1 && !params && !k)
            k = g1;
        else if (!globals && params)
            param = true;
        else
            return NULL;
    }
    return k && param && !(k->flags & AST_VAR_ADDRESS_TAKEN) && !writes_counter(g, k) ? k : NULL;
}

/* The turns of the unit (see the notes above), from each function's waits and signals (w): per
   function, a soft acquire of the counter for a wait, a soft release for a pass; into sums
   (allocated when NULL), where no semaphore is. */
static lock_summary **locks_turns(lock_unit *u, const cond_waits *w, lock_summary **sums)
{
    const ast_tu *tu = u->tu;
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        ast_var *k = u->cfgs[i] && tu->funcs[i]->nparams ? turn_waited(u->cfgs[i], &w[i]) : NULL;
        if (!k || (sums && sums[i]))
            continue;
        /* every function that writes the counter passes the turn, or is `main` */
        int32_t *pass = fl_xcalloc(tu->nfuncs + 1, sizeof *pass);
        uint32_t npass = 0;
        bool ok = true;
        for (uint32_t f = 0; f < tu->nfuncs && ok; f++) {
            if (!u->cfgs[f] || !writes_counter(u->cfgs[f], k) || ast_func_is_main(tu->funcs[f]))
                continue;
            /* a pass signals, and waits on no condition variable */
            if (w[f].mixed || w[f].wait_loop || !w[f].signals || (sums && sums[f]))
                ok = false;
            else
                pass[npass++] = (int32_t)f;
        }
        if (ok && npass) {
            if (!sums)
                sums = FL_NEW_ARRAY(u->A, lock_summary *, tu->nfuncs + 1);
            for (uint32_t j = 0; j <= npass; j++) {
                uint32_t f = j < npass ? (uint32_t)pass[j] : i;
                lock_summary *s = FL_NEW(u->A, lock_summary);
                s->effects = FL_NEW(u->A, lock_effect);
                s->n = 1;
                s->effects[0].op = f == i ? LOCK_ACQUIRE : LOCK_RELEASE;
                s->effects[0].param = -1;
                s->effects[0].global = k;
                s->effects[0].path = "";
                s->effects[0].soft = true;
                sums[f] = s;
            }
        }
        free(pass);
    }
    return sums;
}

lock_summary **locks_semaphores(lock_unit *u)
{
    const ast_tu *tu = u->tu;
    sem_fn *shape = fl_xcalloc(tu->nfuncs + 1, sizeof *shape);
    cond_waits *w = fl_xcalloc(tu->nfuncs + 1, sizeof *w); /* each function's, read once */
    fl_strmap downs = {0}; /* the counters some down waits on */
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        if (u->cfgs[i])
            w[i] = cond_waits_of(u->cfgs[i]);
        if (u->cfgs[i] && sem_shape(u->A, tu->funcs[i], u->cfgs[i], &w[i], &shape[i])) {
            if (shape[i].down)
                fl_strmap_put(&downs, shape[i].counter, i);
        } else {
            shape[i].param = -1;
        }
    }
    lock_summary **out = NULL;
    for (uint32_t i = 0; downs.n && i < tu->nfuncs; i++) {
        uint32_t d;
        /* an up counts only for a counter some down of this unit waits on */
        if (shape[i].param < 0 || !fl_strmap_get(&downs, shape[i].counter, &d))
            continue;
        if (!out)
            out = FL_NEW_ARRAY(u->A, lock_summary *, tu->nfuncs + 1);
        lock_summary *s = FL_NEW(u->A, lock_summary);
        s->effects = FL_NEW(u->A, lock_effect);
        s->n = 1;
        s->effects[0].op = shape[i].down ? LOCK_ACQUIRE : LOCK_RELEASE;
        s->effects[0].param = shape[i].param;
        s->effects[0].path = "*";
        s->effects[0].soft = true;
        out[i] = s;
    }
    fl_strmap_free(&downs);
    free(shape);
    out = locks_turns(u, w, out);
    free(w);
    return out;
}
