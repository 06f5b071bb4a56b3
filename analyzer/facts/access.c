/* access.c - the threads of a unit and what each runs (see access.h).
 *
 * Moved out of checks/not_sync.c so that not-sync and data-race agree on what a thread is. */
#include "access.h"

#include <string.h>

#include "../base/vec.h"

typedef FL_VEC(uint32_t) u32_vec;
typedef FL_VEC(acc_spawn) spawn_vec;
typedef FL_VEC(acc_thread) thread_vec;
typedef FL_VEC(acc_icall) icall_vec;

/* ---- calls through function pointers ---- */

static const ast_type *strip_type(const ast_type *t)
{
    for (int guard = 0; t && guard < 32; guard++) {
        if ((t->kind == TYPE_TYPEDEF || t->kind == TYPE_ATOMIC) && t->inner)
            t = t->inner;
        else
            break;
    }
    return t;
}

/* A type's name without a leading "const " (const views are separate ast_types). */
static const char *unqual_name(const ast_type *t)
{
    const char *n = t->name ? t->name : "";
    while (strncmp(n, "const ", 6) == 0)
        n += 6;
    return n;
}

/* Structural identity after stripping typedefs and qualifiers. Function types are told apart by
   spelling only (which typedefs change), so any two are taken as the same: lenient there. */
static bool same_type(const ast_type *a, const ast_type *b, int depth)
{
    a = strip_type(a);
    b = strip_type(b);
    if (!a || !b || a == b || depth > 8)
        return true;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case TYPE_POINTER:
    case TYPE_ARRAY:
        return same_type(a->inner, b->inner, depth + 1);
    case TYPE_VOID:
    case TYPE_FUNCTION:
        return true;
    default:
        return strcmp(unqual_name(a), unqual_name(b)) == 0;
    }
}

/* The declared type of an lvalue expression when it is simple to know, else NULL. */
static const ast_type *expr_type(const ast_node *e, int depth)
{
    e = ast_strip_parens((ast_node *)e);
    if (!e || depth > 16)
        return NULL;
    const ast_type *t;
    switch (e->kind) {
    case AST_REF:
        return e->var ? e->var->type : NULL;
    case AST_MEMBER:
        if (!e->nkids || !e->name)
            return NULL;
        t = strip_type(expr_type(e->kids[0], depth + 1));
        if (t && (e->flags & AST_F_ARROW))
            t = t->kind == TYPE_POINTER ? strip_type(t->inner) : NULL;
        if (!t || t->kind != TYPE_RECORD)
            return NULL;
        for (uint32_t i = 0; i < t->nfields; i++)
            if (t->fields[i].name && strcmp(t->fields[i].name, e->name) == 0)
                return t->fields[i].type;
        return NULL;
    case AST_INDEX:
        if (!e->nkids)
            return NULL;
        t = strip_type(expr_type(e->kids[0], depth + 1));
        return t && (t->kind == TYPE_ARRAY || t->kind == TYPE_POINTER) ? t->inner : NULL;
    case AST_UNARY:
        if (e->op != UN_DEREF || !e->nkids)
            return NULL;
        t = strip_type(expr_type(e->kids[0], depth + 1));
        return t && t->kind == TYPE_POINTER ? t->inner : NULL;
    default:
        return NULL;
    }
}

/* Whether argument a may be passed for a parameter of type pt. */
static bool arg_fits(const ast_node *a, const ast_type *pt)
{
    const ast_type *p = strip_type(pt);
    if (!a || !p)
        return true;
    const ast_node *s = ast_strip_parens((ast_node *)a);
    switch (p->kind) {
    case TYPE_POINTER: {
        if (!(a->ty & (TY_POINTER | TY_ARRAY | TY_FUNCTION)))
            return s->kind == AST_LITERAL && s->name && strcmp(s->name, "0") == 0; /* null pointer */
        const ast_type *want_fn = strip_type(p->inner);
        /* a function (`handler`, `&handler`) only fits a pointer to a function, or `void *` */
        const ast_node *f = s->kind == AST_UNARY && s->op == UN_ADDR_OF && s->nkids ? ast_strip_parens(s->kids[0]) : s;
        if (f && f->kind == AST_REF && (f->flags & AST_F_FUNC_REF))
            return !want_fn || want_fn->kind == TYPE_FUNCTION || want_fn->kind == TYPE_VOID;
        const ast_type *pointee = NULL;
        if (s->kind == AST_UNARY && s->op == UN_ADDR_OF && s->nkids)
            pointee = expr_type(s->kids[0], 0);
        else {
            const ast_type *at = strip_type(expr_type(s, 0));
            if (at && (at->kind == TYPE_POINTER || at->kind == TYPE_ARRAY))
                pointee = at->inner;
        }
        const ast_type *want = strip_type(p->inner);
        const ast_type *have = strip_type(pointee);
        if (!want || !have || want->kind == TYPE_VOID || have->kind == TYPE_VOID)
            return true; /* void * converts to and from any object pointer */
        return same_type(want, have, 0);
    }
    case TYPE_SCALAR:
        return (a->ty & (TY_INT | TY_FLOAT)) != 0 || !a->ty;
    case TYPE_RECORD: {
        if (a->ty && !(a->ty & TY_RECORD))
            return false;
        const ast_type *at = expr_type(s, 0);
        return !at || same_type(at, p, 0);
    }
    default:
        return true;
    }
}

bool acc_fn_compatible(const ast_node *call, const ast_callee *c)
{
    if (!call || call->kind != AST_CALL || !call->nkids || !c)
        return false;
    uint32_t nargs = (uint32_t)call->nkids - 1;
    if (c->variadic ? nargs < c->nparams : nargs != c->nparams)
        return false;
    const ast_type *r = strip_type(c->result);
    if (r && call->ty) {
        bool void_call = (call->ty & TY_VOID) != 0;
        if (void_call != (r->kind == TYPE_VOID))
            return false;
        if (!void_call && r->kind == TYPE_POINTER && !(call->ty & TY_POINTER))
            return false;
        if (!void_call && r->kind == TYPE_SCALAR && !(call->ty & (TY_INT | TY_FLOAT)))
            return false;
    }
    for (uint32_t i = 0; i < c->nparams && i < nargs; i++)
        if (c->param_types && !arg_fits(call->kids[i + 1], c->param_types[i]))
            return false;
    return true;
}

/* Whether the call names its callee directly (`f(x)`, `(f)(x)`), even when not resolved. */
static bool direct_call(const ast_node *n)
{
    if (n->callee)
        return true;
    const ast_node *k = n->nkids ? ast_strip_parens(n->kids[0]) : NULL;
    return k && k->kind == AST_REF && (k->flags & AST_F_FUNC_REF);
}

/* A call of the cleanup routine of glibc's pthread_cleanup_push/pop macros (through their local
   `__cancel_routine`): the routine runs when the thread is cancelled or exits in between, which
   is not modelled, so following it would put it in every thread that merely pushes it
   (glibc's tst-once4: `cl` pushed by two threads, run only by the cancelled one). */
static bool cleanup_routine_call(const ast_node *n)
{
    const ast_node *k = n->nkids ? ast_strip_parens(n->kids[0]) : NULL;
    return k && k->kind == AST_REF && k->var && k->var->name && strcmp(k->var->name, "__cancel_routine") == 0;
}

/* Mark the functions named anywhere under n other than as a direct call's callee
   (taken[f]) and those named at all (named[f]). */
static void scan_refs(const ast_node *n, const ast_tu *tu, bool *taken, bool *named, int depth)
{
    if (!n || depth > 4000)
        return;
    if (n->kind == AST_REF && (n->flags & AST_F_FUNC_REF) && n->callee && n->callee->def &&
        n->callee->def->index < tu->nfuncs) {
        taken[n->callee->def->index] = true;
        named[n->callee->def->index] = true;
    }
    for (uint16_t i = 0; i < n->nkids; i++) {
        const ast_node *k = n->kids[i];
        if (i == 0 && n->kind == AST_CALL && k) {
            const ast_node *s = ast_strip_parens((ast_node *)k);
            if (s && s->kind == AST_REF && (s->flags & AST_F_FUNC_REF)) {
                if (s->callee && s->callee->def && s->callee->def->index < tu->nfuncs)
                    named[s->callee->def->index] = true;
                continue;
            }
        }
        scan_refs(k, tu, taken, named, depth + 1);
    }
}

int32_t acc_spawn_entry(const ast_tu *tu, cfg *const *cfgs, const thr_call *tc)
{
    ast_node *fnode = ast_strip_casts(tc->func);
    if (fnode && fnode->kind == AST_UNARY && fnode->op == UN_ADDR_OF)
        fnode = ast_strip_casts(fnode->kids[0]);
    if (!fnode || fnode->kind != AST_REF || !fnode->callee || !fnode->callee->def)
        return -1;
    uint32_t f = fnode->callee->def->index;
    if (f >= tu->nfuncs || !cfgs[f])
        return -1;
    return (int32_t)f;
}

int32_t acc_entry_of(const acc_threads *t, uint32_t f)
{
    for (uint32_t k = 0; k < t->nentries; k++)
        if (t->threads[k].func == f)
            return (int32_t)k;
    return -1;
}

static void reach_from(uint32_t f, const acc_threads *t, fl_word *reach)
{
    if (fl_bs_test(reach, f))
        return;
    fl_bs_set(reach, f);
    for (uint32_t i = 0; i < t->ncalls[f]; i++)
        reach_from(t->calls[f][i], t, reach);
}

acc_threads *acc_threads_build(fl_arena *arena, const ast_tu *tu, cfg *const *cfgs, const sum_table *sums)
{
    uint32_t nf = tu->nfuncs;
    if (!nf)
        return NULL;

    /* Spawns first: a unit without one has no threads. */
    spawn_vec spawns = {0};
    for (uint32_t f = 0; f < nf; f++) {
        const cfg *g = cfgs[f];
        if (!g)
            continue;
        for (uint32_t bi = 0; bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const cfg_elem *el = &g->blocks[bi].elems[i];
                if (el->kind != CFG_EXPR || !el->node || el->node->kind != AST_CALL)
                    continue;
                thr_call tc = thr_classify(sums, el->node);
                if (tc.kind != THR_SPAWN)
                    continue;
                acc_spawn s = {el->node, tc, f, bi, i, acc_spawn_entry(tu, cfgs, &tc)};
                fl_vec_push(&spawns, s);
            }
    }
    if (!spawns.len) {
        fl_vec_free(&spawns);
        return NULL;
    }

    acc_threads *t = FL_NEW(arena, acc_threads);
    t->nfuncs = nf;
    t->spawns = fl_arena_memdup(arena, spawns.items, spawns.len * sizeof *spawns.items);
    t->nspawns = (uint32_t)spawns.len;
    fl_vec_free(&spawns);

    /* Which functions may be called through a pointer. Global initializers are not in the AST:
       a static function the bodies never name can only be used from one (or is unused). */
    t->addr_taken = FL_NEW_ARRAY(arena, bool, nf);
    bool *named = FL_NEW_ARRAY(arena, bool, nf);
    for (uint32_t f = 0; f < nf; f++)
        if (cfgs[f] && tu->funcs[f]->body)
            scan_refs(tu->funcs[f]->body, tu, t->addr_taken, named, 0);
    u32_vec taken = {0};
    for (uint32_t f = 0; f < nf; f++) {
        if (!named[f] && tu->funcs[f]->is_static)
            t->addr_taken[f] = true;
        if (t->addr_taken[f] && cfgs[f])
            fl_vec_push(&taken, f);
    }

    /* Direct and indirect calls, and who is called. */
    t->calls = FL_NEW_ARRAY(arena, uint32_t *, nf);
    t->ncalls = FL_NEW_ARRAY(arena, uint32_t, nf);
    t->called = FL_NEW_ARRAY(arena, bool, nf);
    u32_vec calls = {0};
    u32_vec cands = {0};
    icall_vec icalls = {0};
    for (uint32_t f = 0; f < nf; f++) {
        const cfg *g = cfgs[f];
        if (!g)
            continue;
        calls.len = 0;
        for (uint32_t bi = 0; bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                ast_node *n = g->blocks[bi].elems[i].node;
                if (g->blocks[bi].elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL)
                    continue;
                if (n->callee && n->callee->def && n->callee->def->index < nf && cfgs[n->callee->def->index]) {
                    uint32_t c = n->callee->def->index;
                    if (c != f)
                        t->called[c] = true;
                    fl_vec_push(&calls, c);
                } else if (!direct_call(n) && !cleanup_routine_call(n)) {
                    cands.len = 0;
                    for (size_t k = 0; k < taken.len; k++)
                        if (acc_fn_compatible(n, tu->funcs[taken.items[k]]->self))
                            fl_vec_push(&cands, taken.items[k]);
                    acc_icall ic = {n, f, NULL, 0, cands.len > ACC_MAX_TARGETS};
                    if (cands.len && !ic.unresolved) {
                        ic.targets = fl_arena_memdup(arena, cands.items, cands.len * sizeof *cands.items);
                        ic.ntargets = (uint32_t)cands.len;
                        for (size_t k = 0; k < cands.len; k++) {
                            if (cands.items[k] != f)
                                t->called[cands.items[k]] = true;
                            fl_vec_push(&calls, cands.items[k]);
                        }
                    }
                    fl_vec_push(&icalls, ic);
                }
            }
        if (calls.len)
            t->calls[f] = fl_arena_memdup(arena, calls.items, calls.len * sizeof *calls.items);
        t->ncalls[f] = (uint32_t)calls.len;
    }
    fl_vec_free(&calls);
    fl_vec_free(&cands);
    fl_vec_free(&taken);
    t->icalls = icalls.len ? fl_arena_memdup(arena, icalls.items, icalls.len * sizeof *icalls.items) : NULL;
    t->nicalls = (uint32_t)icalls.len;
    fl_vec_free(&icalls);

    /* Thread roots: spawned entries, then the spawning side. */
    thread_vec roots = {0};
    uint32_t nw = fl_bs_words(nf);
    for (uint32_t s = 0; s < t->nspawns; s++) {
        int32_t e = t->spawns[s].entry;
        if (e < 0)
            continue;
        uint32_t f = (uint32_t)e;
        bool in_loop = cfgs[t->spawns[s].func]->blocks[t->spawns[s].block].loop != NULL;
        acc_thread *r = NULL;
        for (size_t k = 0; k < roots.len && !r; k++)
            if (roots.items[k].func == f)
                r = &roots.items[k];
        if (r) {
            r->multiple = true;
            r->spawn = t->spawns[s].call;
            continue;
        }
        acc_thread nr = {f, true, in_loop, t->spawns[s].call, NULL};
        fl_vec_push(&roots, nr);
    }
    size_t nentries = roots.len;
    for (size_t k = 0; k < nentries; k++) {
        roots.items[k].reach = fl_arena_zalloc(arena, nw * sizeof(fl_word));
        reach_from(roots.items[k].func, t, roots.items[k].reach);
    }
    /* The spawning side: uncalled functions (not entries) that reach a spawn. */
    for (uint32_t f = 0; f < nf; f++) {
        if (!cfgs[f] || t->called[f])
            continue;
        bool is_entry = false;
        for (size_t k = 0; k < nentries && !is_entry; k++)
            is_entry = roots.items[k].func == f;
        if (is_entry)
            continue;
        fl_word *reach = fl_arena_zalloc(arena, nw * sizeof(fl_word));
        reach_from(f, t, reach);
        bool spawns_here = false;
        for (uint32_t s = 0; s < t->nspawns && !spawns_here; s++)
            spawns_here = fl_bs_test(reach, t->spawns[s].func);
        if (spawns_here) {
            acc_thread nr = {f, false, false, NULL, reach};
            fl_vec_push(&roots, nr);
        }
    }
    t->threads = roots.len ? fl_arena_memdup(arena, roots.items, roots.len * sizeof *roots.items) : NULL;
    t->nthreads = (uint32_t)roots.len;
    t->nentries = (uint32_t)nentries;
    fl_vec_free(&roots);
    return t;
}
