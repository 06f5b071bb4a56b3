/* not_sync.c - not-sync (E0277): an object whose type is not Sync is used by two threads at once.
 *
 * Two shapes, both needing two concrete accesses that fearless found in the code:
 *
 *  (a) Per function: a spawn whose argument is borrowed (not fl_move'd) and points to an object
 *      of a non-Sync type (`&conn`, or a pointer variable `p` for `*p`), when the same object is
 *      also reached by the spawning function while the thread may still be running and the
 *      argument still names the object (facts/running.h: R and A of the spawn) - a use of `conn`,
 *      a dereference of `p`, a call given `p`, or the argument of another spawn (a second site,
 *      or the same spawn in the next iteration of a loop). Joins, calls that may join, the
 *      object's end, a new value of `p` and the branch where the spawn failed end that, as for
 *      thread-borrow. A thread that is the only user of the object until it is joined is Rust's
 *      `&mut` handed to one thread: that only needs Send, and is not reported.
 *
 *  (b) Per program (ctx->prog): a global or function-static variable of non-Sync type
 *      referenced by code of two threads. The threads of a program are the functions a spawn
 *      starts (each such entry is a thread), and the spawning side: the functions that reach a
 *      spawn and are called by no other function of the program (main, a library's start
 *      function); what a thread runs is its root and every function it calls, transitively
 *      (facts/program.h, shared with data-race). A variable is shared when two threads reach
 *      references to it, or when one entry's thread is spawned more than once (two spawn sites,
 *      or a spawn in a loop). A reference that runs before the spawn counts too: Rust rejects a
 *      non-Sync `static` outright, and the rule stays simple to read; see
 *      docs/checks/not-sync.md.
 */
#include <string.h>

#include "../base/bitset.h"
#include "../base/vec.h"
#include "../diag/diag.h"
#include "../facts/program.h"
#include "../facts/running.h"
#include "../facts/sendsync.h"
#include "trait_notes.h"
#include "../facts/threads.h"
#include "../ir/place.h"
#include "registry.h"

#define CHECK_NAME "not-sync"
#define CHECK_CODE "E0277"

static const char *const SYNC_HELP_FMT =
    "the trait `Sync` is not implemented for `%s`; protect it with a mutex and share the pair, "
    "or give each thread its own";

static void add_help(diag *d, const ast_type *t, const ss_why *why)
{
    const ast_type *c = ss_culprit(why);
    if (c && c != t)
        diag_help(d, "within `%s`, the trait `Sync` is not implemented for `%s`; protect it with a mutex "
                     "and share the pair, or give each thread its own",
                  t->name, c->name);
    else
        diag_help(d, SYNC_HELP_FMT, t->name);
}

/* ======================= (a) a borrowed thread argument ================================== */

typedef struct shared {
    ast_var *var;      /* the variable through which the object is named */
    bool through_ptr;  /* the object is *var (a pointer variable), else var itself (or a field) */
} shared;

/* The object a borrowed thread argument points to, and its type; false when it cannot be named
   as a variable (an element `&a[i]`, something reached through another pointer...). */
static bool shared_object(ast_node *arg, shared *o, const ast_type **type)
{
    ast_node *a = ast_strip_casts(arg);
    if (!a)
        return false;
    if (a->kind == AST_UNARY && a->op == UN_ADDR_OF) {
        ast_node *lv = ast_strip_parens(a->kids[0]);
        *type = ss_expr_type(lv);
        while (lv && lv->kind == AST_MEMBER && !(lv->flags & AST_F_ARROW))
            lv = ast_strip_parens(lv->kids[0]);
        if (!lv || lv->kind != AST_REF || !lv->var)
            return false;
        *o = (shared){lv->var, false};
        return *type != NULL;
    }
    if (a->kind == AST_REF && a->var) {
        const ast_type *t = ss_strip_typedefs(a->var->type);
        if (!t || (t->kind != TYPE_POINTER && t->kind != TYPE_ARRAY))
            return false;
        *type = t->inner;
        *o = (shared){a->var, t->kind == TYPE_POINTER};
        return *type != NULL;
    }
    return false;
}

static bool is_ref_to(const ast_node *e, const ast_var *v)
{
    e = ast_strip_casts((ast_node *)e);
    return e && e->kind == AST_REF && e->var == v;
}

/* Does this element use the object (as opposed to only the pointer's value)? */
static bool uses_object(const cfg_elem *el, const shared *o)
{
    ast_node *n = el->node;
    if (el->kind != CFG_EXPR || !n)
        return false;
    if (!o->through_ptr)
        return n->kind == AST_REF && n->var == o->var;
    switch ((ast_kind)n->kind) {
    case AST_MEMBER:
        return (n->flags & AST_F_ARROW) && is_ref_to(n->kids[0], o->var);
    case AST_INDEX:
        return is_ref_to(n->kids[0], o->var);
    case AST_UNARY:
        return n->op == UN_DEREF && is_ref_to(n->kids[0], o->var);
    case AST_CALL:
        for (uint16_t i = 1; i < n->nkids; i++)
            if (is_ref_to(n->kids[i], o->var))
                return true;
        return false;
    default:
        return false;
    }
}

typedef struct spawn_at {
    ast_node *call;
    thr_call tc;
    uint32_t block, elem;
} spawn_at;

/* Is element i of block b (replayed by c, up to i at most) a use of the object while the thread
   spawned at s may run (R(s)), with the argument still naming the object (A(s): the pointer not
   reassigned, the object alive)? */
static bool use_while_running(uint32_t s, const cfg_block *b, uint32_t i, const shared *o, fl_word *st,
                              run_replay *c)
{
    if (!uses_object(&b->elems[i], o))
        return false;
    run_replay_to(c, i, st);
    return fl_bs_test(st, run_bit_r(s)) && fl_bs_test(st, run_bit_a(s));
}

/* The first use of the object while the thread spawned at s may still be running
   (facts/running.h), nearer ones first: the rest of the spawn's block, then the blocks reached
   from it breadth-first (the spawn's own block last, for a loop's next iteration). */
static const cfg_elem *find_concurrent_use(check_ctx *ctx, const run_fn *rf, uint32_t s, const spawn_at *sp,
                                           const shared *o)
{
    const cfg *g = ctx->g;
    fl_word *st = fl_arena_alloc(ctx->arena, (rf->nwords + 1) * sizeof(fl_word));
    fl_word *seen = fl_arena_zalloc(ctx->arena, fl_bs_words(g->nblocks) * sizeof(fl_word));
    uint32_t *work = fl_arena_alloc(ctx->arena, (g->nblocks + 1) * sizeof *work);
    uint32_t nwork = 0;
    run_replay c;
    const cfg_block *b = &g->blocks[sp->block];
    run_replay_start(rf, sp->block, st, &c);
    run_replay_to(&c, sp->elem + 1, st);
    for (uint32_t i = sp->elem + 1; i < b->nelems; i++)
        if (use_while_running(s, b, i, o, st, &c))
            return &b->elems[i];
    work[nwork++] = sp->block;
    fl_bs_set(seen, sp->block);
    for (uint32_t head = 0; head < nwork; head++) {
        b = &g->blocks[work[head]];
        if (head > 0 && rf->df->reached[b->id]) {
            uint32_t until = b->id == sp->block ? sp->elem + 1 : b->nelems;
            run_replay_start(rf, b->id, st, &c);
            for (uint32_t i = 0; i < until; i++)
                if (use_while_running(s, b, i, o, st, &c))
                    return &b->elems[i];
        }
        for (uint32_t k = 0; k < b->nsuccs; k++)
            if (!fl_bs_test(seen, b->succs[k])) {
                fl_bs_set(seen, b->succs[k]);
                work[nwork++] = b->succs[k];
            }
    }
    /* the spawn's block again, reached round a loop */
    for (uint32_t k = 0; k < nwork; k++)
        for (uint32_t m = 0; m < g->blocks[work[k]].nsuccs; m++)
            if (g->blocks[work[k]].succs[m] == sp->block) {
                b = &g->blocks[sp->block];
                run_replay_start(rf, sp->block, st, &c);
                for (uint32_t i = 0; i <= sp->elem; i++)
                    if (use_while_running(s, b, i, o, st, &c))
                        return &b->elems[i];
                return NULL;
            }
    return NULL;
}

static void check_spawn(check_ctx *ctx, const run_fn *rf, uint32_t si, const spawn_at *all, uint32_t nall)
{
    const spawn_at *sp = &all[si];
    shared o;
    const ast_type *t = NULL;
    if (!shared_object(sp->tc.arg, &o, &t))
        return;
    ss_why why;
    if (ss_has(ctx->fx->traits, t, SS_SYNC, &why))
        return;
    const cfg_elem *use = find_concurrent_use(ctx, rf, si, sp, &o);
    const char *obj = o.through_ptr ? fl_arena_sprintf(ctx->arena, "*%s", o.var->name) : o.var->name;
    if (!use) {
        if (ctx->verbose) {
            diag *d = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                               "not reporting `%s` of non-Sync type `%s`: no other use of it was found while "
                               "the thread may run",
                               obj, t->name);
            diag_primary(d, sp->tc.arg->span, NULL);
            diag_sink_add(ctx->sink, d);
        }
        return;
    }
    /* Is the use the argument of a spawn (this one again, in a loop, or another)? */
    const spawn_at *other = NULL;
    for (uint32_t i = 0; i < nall && !other; i++)
        if (all[i].tc.arg && (use->node == all[i].call || fl_span_within(use->node->span, all[i].tc.arg->span)))
            other = &all[i];

    diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` cannot be shared between threads safely", t->name);
    diag_primary(d, sp->tc.arg->span, "`%s` cannot be shared between threads safely", t->name);
    diag_secondary(d, sp->call->kids[0]->span, "a pointer to `%s` is shared with the thread spawned here", obj);
    ast_node *loop = ctx->g->blocks[sp->block].loop;
    if (other == sp && loop) {
        uint32_t kw = loop->kind == AST_FOR ? 3 : loop->kind == AST_WHILE ? 5 : 2;
        diag_secondary(d, (fl_span){loop->span.file, loop->span.begin, loop->span.begin + kw},
                       "every iteration of this loop starts a thread with the same `%s`, while the earlier "
                       "ones may still be running",
                       obj);
    } else if (other == sp)
        diag_secondary(d, use->node->span, "spawned again here with the same `%s`", obj);
    else if (other)
        diag_secondary(d, other->tc.arg->span, "another thread gets the same `%s` here while the first may still be running",
                       obj);
    else
        diag_secondary(d, use->node->span, "`%s` is also used here, while the thread may still be running", obj);
    trait_notes_add(d, &why, SS_SYNC);
    add_help(d, t, &why);
    diag_sink_add(ctx->sink, d);
}

static void check_function(check_ctx *ctx)
{
    const run_fn *rf = ctx->g && ctx->fx->running ? ctx->fx->running[ctx->fn->index] : NULL;
    if (!rf)
        return;
    /* the spawns, by their index in the running facts (starters have no argument to check) */
    spawn_at *all = FL_NEW_ARRAY(ctx->arena, spawn_at, rf->nspawns + 1);
    for (uint32_t s = 0; s < rf->nspawns; s++) {
        const run_spawn *rs = &rf->spawns[s];
        all[s] = (spawn_at){rs->call, rs->tc, rs->block, rs->elem};
    }
    for (uint32_t s = 0; s < rf->nspawns; s++)
        if (!rf->spawns[s].starter && all[s].tc.kind == THR_SPAWN && !all[s].tc.moved && all[s].tc.arg)
            check_spawn(ctx, rf, s, all, rf->nspawns);
}

/* ======================= (b) globals reached by two threads ============================== */

/* A reference (facts/access.h) with its program function. */
typedef struct gref {
    const acc_ref *r;
    uint32_t fn;
    uint32_t unit;
} gref;

static int cmp_ref(const void *a, const void *b)
{
    const gref *x = a, *y = b;
    int c = strcmp(x->r->key, y->r->key);
    if (c)
        return c;
    return (x->fn > y->fn) - (x->fn < y->fn);
}

static const char *thread_name(check_ctx *ctx, const pg_thread *r)
{
    const char *fn = pg_func(ctx->prog, r->fn)->name;
    if (r->entry)
        return fl_arena_sprintf(ctx->arena, "the thread running `%s`", fn);
    if (strcmp(fn, "main") == 0)
        return "the main thread";
    return fl_arena_sprintf(ctx->arena, "the thread that calls `%s`", fn);
}

/* The reference of a variable's group run by thread r, or NULL. */
static const gref *ref_in(const gref *grp, size_t n, const pg_thread *r)
{
    for (size_t i = 0; i < n; i++)
        if (fl_bs_test(r->reach, grp[i].fn))
            return &grp[i];
    return NULL;
}

static const char *where(check_ctx *ctx, const gref *a, const pg_thread *r)
{
    if (a->fn == r->fn)
        return thread_name(ctx, r);
    return fl_arena_sprintf(ctx->arena, "in `%s`, run by %s", pg_func(ctx->prog, a->fn)->name, thread_name(ctx, r));
}

static void report_global(check_ctx *ctx, const gref *a1, const pg_thread *r1, const gref *a2, const pg_thread *r2,
                          const ast_type *t, const ss_why *why)
{
    ast_var *v = a1->r->var;
    const char *kind = v->storage == STORAGE_STATIC_LOCAL ? "static" : "global";
    diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` cannot be shared between threads safely", t->name);
    if (r2 == r1) {
        diag_primary(d, a1->r->node->span, "%s `%s` is accessed here, by %s", kind, v->name, where(ctx, a1, r1));
        diag_secondary(d, r1->spawn->call->kids[0]->span, "this starts more than one thread running `%s`",
                       pg_func(ctx->prog, r1->fn)->name);
    } else if (a1->r->node == a2->r->node) {
        diag_primary(d, a1->r->node->span, "%s `%s` is accessed here, by %s and by %s", kind, v->name,
                     thread_name(ctx, r1), thread_name(ctx, r2));
    } else {
        diag_primary(d, a1->r->node->span, "%s `%s` is accessed here, %s%s", kind, v->name,
                     a1->fn == r1->fn ? "by " : "", where(ctx, a1, r1));
        diag_secondary(d, a2->r->node->span, "also accessed here, %s%s", a2->fn == r2->fn ? "by " : "",
                       where(ctx, a2, r2));
    }
    if (fl_span_valid(v->span))
        diag_secondary(d, v->span, "`%s` declared here", v->name);
    trait_notes_add(d, why, SS_SYNC);
    diag_note(d, "a %s variable used by more than one thread must have a type that is `Sync`", kind);
    add_help(d, t, why);
    diag_sink_add(ctx->sink, d);
}

/* Per variable of a type that is not Sync: two threads reaching it, or one entry spawned more
   than once. A reference that runs before the spawn counts too (see the top of the file). */
static void check_program(check_ctx *ctx)
{
    const program *p = ctx->prog;
    FL_VEC(gref) refs = {0};
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t i = 0; i < a->nrefs; i++) {
            gref g = {&a->refs[i], pg_id(p, u, a->refs[i].fn), u};
            fl_vec_push(&refs, g);
        }
    }
    if (refs.len)
        qsort(refs.items, refs.len, sizeof *refs.items, cmp_ref);
    for (size_t i = 0; i < refs.len;) {
        size_t j = i;
        while (j < refs.len && strcmp(refs.items[j].r->key, refs.items[i].r->key) == 0)
            j++;
        const gref *grp = &refs.items[i];
        size_t n = j - i;
        const gref *a1 = NULL, *a2 = NULL;
        const pg_thread *r1 = NULL, *r2 = NULL;
        /* the primary access in a spawned thread; the other in another thread, else the same
           entry's thread spawned again */
        for (uint32_t k = 0; k < p->nthreads && !a2; k++) {
            const gref *a = ref_in(grp, n, &p->threads[k]);
            if (!a || a1 || !p->threads[k].entry)
                continue;
            a1 = a, r1 = &p->threads[k];
            for (uint32_t m = 0; m < p->nthreads && !a2; m++) {
                const gref *b = m == k ? NULL : ref_in(grp, n, &p->threads[m]);
                if (b)
                    a2 = b, r2 = &p->threads[m];
            }
            if (!a2 && r1->multiple)
                a2 = a1, r2 = r1;
        }
        if (a1 && a2) {
            ss_why why;
            const ast_type *t = a1->r->var->type;
            ss_has(p->units[a1->unit].traits, t, SS_SYNC, &why);
            report_global(ctx, a1, r1, a2, r2, t, &why);
        }
        i = j;
    }
    fl_vec_free(&refs);
}

void check_not_sync(check_ctx *ctx)
{
    if (ctx->prog) {
        check_program(ctx);
        return;
    }
    if (ctx->fn && ctx->g)
        check_function(ctx);
}
