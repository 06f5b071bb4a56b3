/* access.c - a unit's shared-memory facts for the whole program (see access.h). */
#include "access.h"

#include <string.h>

#include "../base/vec.h"
#include "../ir/place.h"
#include "sendsync.h"
#include "threads.h"

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

bool acc_direct_call(const ast_node *n)
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

/* ---- keys ------------------------------------------------------------------------------------ */

typedef FL_VEC(acc_event) event_vec;
typedef FL_VEC(acc_call) call_vec;
typedef FL_VEC(acc_access) access_vec;
typedef FL_VEC(acc_ref) ref_vec;

/* Per spawn of the current function: the object its argument points to. */
typedef struct sp_obj {
    const char *key;  /* the object's key, path included (`v:..@12.cfg`) */
    const char *root; /* the key of the variable alone */
    ast_var *var;     /* the variable naming it (the pointer, for "p:") */
    bool through_ptr;
} sp_obj;

typedef struct ex {
    fl_arena *A;
    FL_VEC(const char *) taken_names;
    const acc_input *in;
    acc_unit *u;
    /* the current function */
    uint32_t f;
    const ast_func *fn;
    bool *is_alias;   /* per var: the thread argument, when the function may be a thread entry */
    sp_obj *objs;     /* per run_fn spawn */
    const run_fn *rf;
    event_vec events;
    call_vec calls;
    access_vec accs;
    ref_vec refs;
} ex;

static bool is_shared_storage(const ast_var *v)
{
    return v && (v->storage == STORAGE_GLOBAL || v->storage == STORAGE_STATIC_LOCAL);
}

/* A path with no dereference ("", ".f", "[2].g"). */
static bool direct_path(const char *p)
{
    return p && !strchr(p, '*');
}

/* The key of a global or static variable itself: external linkage by name, others by file. */
static const char *var_key(ex *x, const ast_var *v)
{
    if (v->storage == STORAGE_GLOBAL && !(v->flags & AST_VAR_INTERNAL))
        return fl_arena_sprintf(x->A, "g:%s", v->name);
    return fl_arena_sprintf(x->A, "s:%s:%s@%u", x->in->file, v->name, v->span.begin);
}

/* The key of a local of the current function. */
static const char *local_key(ex *x, char kind, const ast_var *v)
{
    return fl_arena_sprintf(x->A, "%c:%s:%s@%u:%s", kind, x->in->file, x->fn->name, v->span.begin, v->name);
}

static const char *obj_key_of(ex *x, const ast_var *v, bool through_ptr)
{
    for (uint32_t j = 0; x->rf && j < x->rf->nspawns; j++)
        if (x->objs[j].key && x->objs[j].var == v && x->objs[j].through_ptr == through_ptr)
            return x->objs[j].root;
    return NULL;
}

static bool is_alias_var(ex *x, const ast_var *v)
{
    return x->is_alias && v->index < x->fn->nvars && x->fn->vars[v->index] == v && x->is_alias[v->index];
}

/* The key of a place in the current function (see access.h); *arg set for "a:" keys. NULL for
   anything that is not a location here. */
static const char *place_key(ex *x, place p, bool *arg)
{
    *arg = false;
    if (!p.root || !p.path || strstr(p.path, "[*]"))
        return NULL;
    if (is_shared_storage(p.root))
        return direct_path(p.path) ? fl_arena_sprintf(x->A, "%s%s", var_key(x, p.root), p.path) : NULL;
    if (p.root->storage == STORAGE_THREAD_LOCAL)
        return NULL;
    if (is_alias_var(x, p.root)) {
        if (p.path[0] == '*' && direct_path(p.path + 1)) {
            *arg = true;
            return fl_arena_sprintf(x->A, "a:%s", p.path + 1);
        }
        return NULL;
    }
    if (direct_path(p.path)) {
        const char *k = obj_key_of(x, p.root, false);
        return k ? fl_arena_sprintf(x->A, "%s%s", k, p.path) : NULL;
    }
    if (p.path[0] == '*' && direct_path(p.path + 1)) {
        const char *k = obj_key_of(x, p.root, true);
        return k ? fl_arena_sprintf(x->A, "%s%s", k, p.path + 1) : NULL;
    }
    return NULL;
}

/* ---- the thread argument's aliases ----------------------------------------------------------- */

static bool alias_expr(ex *x, ast_node *e)
{
    e = ast_strip_casts(e);
    return e && e->kind == AST_REF && e->var && is_alias_var(x, e->var);
}

/* The first parameter, and locals whose every definition copies an alias (`struct s *s = arg;`),
   never reassigned otherwise and whose address is not taken. */
static void find_aliases(ex *x, const cfg *g)
{
    const ast_func *fn = x->fn;
    x->is_alias = FL_NEW_ARRAY(x->A, bool, fn->nvars ? fn->nvars : 1);
    if (!fn->nparams || !(fn->params[0]->ty & TY_POINTER))
        return;
    for (uint32_t v = 0; v < fn->nvars; v++)
        x->is_alias[v] = (fn->vars[v]->ty & TY_POINTER) && !(fn->vars[v]->flags & AST_VAR_ADDRESS_TAKEN) &&
                         (v == fn->params[0]->index || fn->vars[v]->storage == STORAGE_LOCAL);
    bool *defd = FL_NEW_ARRAY(x->A, bool, fn->nvars);
    for (bool changed = true; changed;) {
        changed = false;
        memset(defd, 0, fn->nvars * sizeof *defd);
        for (uint32_t bi = 0; bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const cfg_elem *el = &g->blocks[bi].elems[i];
                ast_var *v = NULL;
                ast_node *rhs = NULL;
                if (el->kind == CFG_DECL && el->var) {
                    v = el->var;
                    rhs = el->node && el->node->nkids ? el->node->kids[0] : NULL;
                } else if (el->kind == CFG_EXPR && el->node->kind == AST_BINARY && el->node->op >= BIN_ASSIGN &&
                           el->node->op <= BIN_OR_ASSIGN) {
                    ast_node *l = ast_strip_parens(el->node->kids[0]);
                    if (l && l->kind == AST_REF)
                        v = l->var;
                    rhs = el->node->op == BIN_ASSIGN ? el->node->kids[1] : NULL;
                } else if (el->kind == CFG_EXPR && el->node->kind == AST_UNARY && el->node->op >= UN_POST_INC &&
                           el->node->op <= UN_PRE_DEC) {
                    ast_node *l = ast_strip_parens(el->node->kids[0]);
                    if (l && l->kind == AST_REF)
                        v = l->var;
                }
                if (!v || !is_alias_var(x, v))
                    continue;
                if (v->index == fn->params[0]->index || !rhs || !alias_expr(x, rhs)) {
                    x->is_alias[v->index] = false;
                    changed = true;
                } else
                    defd[v->index] = true;
            }
        for (uint32_t v = 0; v < fn->nvars; v++)
            if (x->is_alias[v] && v != fn->params[0]->index && !defd[v]) {
                x->is_alias[v] = false;
                changed = true;
            }
    }
}

/* ---- spawns ---------------------------------------------------------------------------------- */

/* The function a spawn's thread runs (`worker`, `&worker`, a cast of either), or NULL. */
static const ast_callee *thread_fn(const thr_call *tc)
{
    ast_node *f = ast_strip_casts(tc->func);
    if (f && f->kind == AST_UNARY && f->op == UN_ADDR_OF)
        f = ast_strip_casts(f->kids[0]);
    return f && f->kind == AST_REF && (f->flags & AST_F_FUNC_REF) ? f->callee : NULL;
}

/* The object a spawn's argument points to: `&x` or `&x.f` (x a global or a local of the
   spawner), or a local pointer `p` that keeps its value. */
static void spawn_object(ex *x, const run_spawn *rs, sp_obj *o)
{
    ast_node *a = ast_strip_casts(rs->tc.arg);
    if (a && a->kind == AST_CALL && a->name && strcmp(a->name, "fl_move") == 0 && a->nkids == 2)
        a = ast_strip_casts(a->kids[1]);
    if (!a || rs->starter)
        return;
    if (a->kind == AST_UNARY && a->op == UN_ADDR_OF) {
        place p = place_of(x->A, a->kids[0]);
        if (!p.root || !direct_path(p.path) || strstr(p.path, "[*]") || (p.root->ty & TY_ARRAY))
            return;
        o->root = is_shared_storage(p.root)           ? var_key(x, p.root)
                  : p.root->storage == STORAGE_LOCAL ? local_key(x, 'v', p.root)
                                                     : NULL;
        if (o->root) {
            o->key = fl_arena_sprintf(x->A, "%s%s", o->root, p.path);
            o->var = p.root;
        }
    } else if (a->kind == AST_REF && a->var && (a->var->ty & TY_POINTER) &&
               (a->var->storage == STORAGE_LOCAL || a->var->storage == STORAGE_PARAM) &&
               !(a->var->flags & AST_VAR_ADDRESS_TAKEN)) {
        o->var = a->var;
        o->through_ptr = true;
        o->key = o->root = local_key(x, 'p', a->var);
    }
}

/* ---- locks ----------------------------------------------------------------------------------- */

/* The locks the current function holds before element i of the block `lc` walks (its own
   only). */
static acc_locks own_locks(ex *x, locks_cursor *lc, uint32_t i)
{
    acc_locks ls = {0};
    const lock_fn *lf = lc->lf;
    if (!lf || !lf->nlocks)
        return ls;
    locks_cursor_to(lc, i);
    const fl_word *scratch = lc->st;
    for (uint32_t l = 0; l < lf->nlocks; l++) {
        if (!locks_must_held(scratch, l)) {
            /* held on some paths by a trylock whose status went into a variable or a call
               (tested where fearless does not look): may be common. Held on some paths by plain
               locks: a path without it exists, the lock is not held. */
            if (fl_bs_test(scratch, locks_bit_h(l))) {
                uint32_t sites[16];
                uint32_t ns = locks_cursor_last_sites(lc, l, sites, 16);
                for (uint32_t k = 0; k < ns && k < 16; k++)
                    if (lf->sites[sites[k]].maybe || lf->sites[sites[k]].op == LOCK_MAYBE)
                        ls.unknown = true;
            }
            continue;
        }
        bool arg;
        const char *k = lf->locks[l].imprecise ? NULL : place_key(x, lf->locks[l].where, &arg);
        if (!k) {
            ls.unknown = true;
            continue;
        }
        bool excl = true;
        uint32_t sites[16];
        uint32_t ns = locks_cursor_last_sites(lc, l, sites, 16);
        for (uint32_t s = 0; s < ns && s < 16; s++)
            if (lock_op_shared(lf->sites[sites[s]].op))
                excl = false;
        if (!ls.l)
            ls.l = FL_NEW_ARRAY(x->A, acc_lock, lf->nlocks);
        ls.l[ls.n++] = (acc_lock){k, lf->locks[l].name, excl};
    }
    return ls;
}

/* Barriers and semaphores order threads in ways fearless does not follow. */
static bool is_sync_call(const char *n)
{
    static const char *const names[] = {
        "pthread_barrier_wait", "sem_wait", "sem_trywait", "sem_timedwait", "sem_clockwait", "sem_post",
        "xpthread_barrier_wait",
    };
    for (size_t i = 0; n && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(n, names[i]) == 0)
            return true;
    return false;
}

static bool defined_somewhere(const acc_input *in, const ast_callee *c)
{
    return c->def || (in->defined_elsewhere && c->index < in->tu->ncallees && in->tu->callees[c->index] == c &&
                      in->defined_elsewhere[c->index]);
}

/* A call without body anywhere, not of the lock API, given a pointer to a lock: a lock wrapper
   from elsewhere (glibc's xpthread_mutex_lock, a project's mutex_lock) that may take the lock. */
static bool opaque_lock_call(const acc_input *in, const ast_node *n)
{
    const ast_callee *c = n->callee;
    if (!c || defined_somewhere(in, c) || !n->name || strncmp(n->name, "pthread_", 8) == 0 ||
        strncmp(n->name, "mtx_", 4) == 0 || strncmp(n->name, "cnd_", 4) == 0)
        return false;
    if (in->locks && locks_summary_of(in->locks, c))
        return false;
    for (uint32_t i = 0; i < c->nparams; i++) {
        const ast_type *t = c->param_types ? c->param_types[i] : NULL;
        if (t && t->name &&
            (strstr(t->name, "pthread_mutex_t *") || strstr(t->name, "pthread_rwlock_t *") ||
             strstr(t->name, "pthread_spinlock_t *") || strstr(t->name, "mtx_t *")))
            return true;
    }
    return false;
}

/* ---- the parent of each node of a function ---------------------------------------------------- */

typedef struct pmap {
    const ast_node **k, **v;
    uint32_t mask;
} pmap;

static uint32_t ptr_hash(const void *p)
{
    return (uint32_t)(((uintptr_t)p >> 4) * 2654435761u);
}

static void pm_put(pmap *m, const ast_node *k, const ast_node *v)
{
    uint32_t h = ptr_hash(k) & m->mask;
    while (m->k[h] && m->k[h] != k)
        h = (h + 1) & m->mask;
    m->k[h] = k;
    m->v[h] = v;
}

static const ast_node *pm_get(const pmap *m, const ast_node *k)
{
    for (uint32_t h = ptr_hash(k) & m->mask; m->k[h]; h = (h + 1) & m->mask)
        if (m->k[h] == k)
            return m->v[h];
    return NULL;
}

/* Every node's parent, with an explicit stack (no recursion in the depth of the tree). */
static pmap parents(fl_arena *A, const ast_node *root)
{
    FL_VEC(const ast_node *) stack = {0};
    uint32_t n = 0;
    fl_vec_push(&stack, root);
    while (stack.len) {
        const ast_node *x = stack.items[--stack.len];
        n++;
        for (uint16_t i = 0; i < x->nkids; i++)
            if (x->kids[i])
                fl_vec_push(&stack, x->kids[i]);
    }
    uint32_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    pmap m = {FL_NEW_ARRAY(A, const ast_node *, cap), FL_NEW_ARRAY(A, const ast_node *, cap), cap - 1};
    fl_vec_push(&stack, root);
    while (stack.len) {
        const ast_node *x = stack.items[--stack.len];
        for (uint16_t i = 0; i < x->nkids; i++)
            if (x->kids[i]) {
                pm_put(&m, x->kids[i], x);
                fl_vec_push(&stack, x->kids[i]);
            }
    }
    fl_vec_free(&stack);
    return m;
}

/* The parent that is not a paren or cast, and the child on the way to it. */
static const ast_node *real_parent(const pmap *m, const ast_node *e, const ast_node **child)
{
    const ast_node *p = pm_get(m, e);
    while (p && (p->kind == AST_PAREN || p->kind == AST_CAST)) {
        e = p;
        p = pm_get(m, p);
    }
    *child = e;
    return p;
}

static bool is_assign(const ast_node *n)
{
    return n->kind == AST_BINARY && n->op >= BIN_ASSIGN && n->op <= BIN_OR_ASSIGN;
}

static bool is_incdec(const ast_node *n)
{
    return n->kind == AST_UNARY && n->op >= UN_POST_INC && n->op <= UN_PRE_DEC;
}

/* ---- one function ---------------------------------------------------------------------------- */

static fl_word *copy_state(ex *x, const fl_word *st, uint32_t nw)
{
    return fl_bs_empty(st, nw) ? NULL : fl_arena_memdup(x->A, st, nw * sizeof *st);
}

/* Whether function f's address is taken: named other than as a direct callee. Marks address
   taken functions of this unit in `taken` and those named at all in `named`. */
static void note_function_ref(ex *x, const pmap *m, const ast_node *n, bool *taken, bool *named)
{
    const ast_node *child;
    const ast_node *p = real_parent(m, n, &child);
    bool callee = p && p->kind == AST_CALL && p->nkids && p->kids[0] == child;
    const ast_func *d = n->callee ? n->callee->def : NULL;
    if (!d) {
        /* a function of another unit used as a value (`register_cb(on_msg)`) */
        if (!callee && n->callee && !n->callee->is_static && n->callee->name)
            fl_vec_push(&x->taken_names, n->callee->name);
        return;
    }
    if (d->index >= x->in->tu->nfuncs)
        return;
    named[d->index] = true;
    if (!callee)
        taken[d->index] = true;
}

static void extract_fn(ex *x, uint32_t f, bool *taken, bool *named)
{
    const acc_input *in = x->in;
    const cfg *g = in->cfgs[f];
    acc_fn *af = &x->u->fns[f];
    x->f = f;
    x->fn = in->tu->funcs[f];
    x->rf = in->running ? in->running[f] : NULL;
    af->fn = x->fn;
    af->rf = x->rf;
    af->nwords = x->rf ? x->rf->nwords : 0;
    x->is_alias = NULL;
    find_aliases(x, g);
    x->objs = x->rf ? FL_NEW_ARRAY(x->A, sp_obj, x->rf->nspawns) : NULL;
    for (uint32_t j = 0; x->rf && j < x->rf->nspawns; j++)
        spawn_object(x, &x->rf->spawns[j], &x->objs[j]);
    if (x->rf && x->rf->df->reached[g->exit])
        af->exit_run = copy_state(x, df_in(x->rf->df, g->exit), af->nwords);

    pmap m = parents(x->A, x->fn->body);
    const lock_fn *lf = in->locks ? locks_unit_fn(in->locks, f) : NULL;
    fl_word *lst = FL_NEW_ARRAY(x->A, fl_word, lf ? lf->nwords + 1 : 1);
    fl_word *st = FL_NEW_ARRAY(x->A, fl_word, af->nwords + 1);
    size_t first_ref = x->refs.len;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        run_replay rc = {0};
        if (x->rf) {
            if (!x->rf->df->reached[bi])
                continue;
            run_replay_start(x->rf, bi, st, &rc);
        }
        locks_cursor lc = {0};
        if (lf)
            locks_cursor_start(&lc, lf, bi, lst);
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_node *n = el->node;
            if (x->rf)
                run_replay_to(&rc, i, st);
            if (el->kind != CFG_EXPR || !n)
                continue;
            if (n->kind == AST_REF && (n->flags & AST_F_FUNC_REF))
                note_function_ref(x, &m, n, taken, named);
            if (n->kind == AST_CALL) {
                if (opaque_lock_call(in, n))
                    af->opaque_lock = true;
                if (is_sync_call(n->name))
                    af->calls_sync = true;
                int32_t s = x->rf ? run_spawn_of(x->rf, n) : -1;
                if (s >= 0) {
                    const run_spawn *rs = &x->rf->spawns[s];
                    acc_event e = {f, (uint32_t)s, rs->starter, rs->starter ? n->callee : thread_fn(&rs->tc),
                                   x->objs[s].key, b->loop != NULL, copy_state(x, st, af->nwords), n, rs->tc.arg};
                    fl_vec_push(&x->events, e);
                }
                /* a call that may enter a function with a body: it runs with the locks held here,
                   beside the threads running here */
                bool enters = n->callee ? defined_somewhere(in, n->callee)
                                        : !acc_direct_call(n) && !cleanup_routine_call(n);
                if (enters) {
                    acc_call c = {f, n, own_locks(x, &lc, i), copy_state(x, st, af->nwords)};
                    fl_vec_push(&x->calls, c);
                }
                continue;
            }
            if (!(n->kind == AST_REF || n->kind == AST_MEMBER || n->kind == AST_INDEX ||
                  (n->kind == AST_UNARY && n->op == UN_DEREF)))
                continue;
            const ast_node *child;
            const ast_node *p = real_parent(&m, n, &child);
            /* only the whole lvalue is an access: `stats.requests`, not `stats` inside it */
            bool extends = p && p->nkids && p->kids[0] == child &&
                           (p->kind == AST_MEMBER || p->kind == AST_INDEX || (p->kind == AST_UNARY && p->op == UN_DEREF));
            bool addr = p && p->kind == AST_UNARY && p->op == UN_ADDR_OF;
            /* a reference to a global or static of a type that may not be Sync (not-sync) */
            if (n->kind == AST_REF && is_shared_storage(n->var) && n->var->type &&
                !(n->var->type->flags & TYPE_F_CONST) && in->traits &&
                !ss_has(in->traits, n->var->type, SS_SYNC, NULL)) {
                bool dup = false;
                for (size_t k = first_ref; k < x->refs.len && !dup; k++)
                    dup = x->refs.items[k].var == n->var;
                if (!dup) {
                    acc_ref r = {f, var_key(x, n->var), n->var, n};
                    fl_vec_push(&x->refs, r);
                }
            }
            if (extends || addr || (n->ty & (TY_ARRAY | TY_FUNCTION | TY_ATOMIC)) || (n->kind == AST_REF && !n->var))
                continue;
            place pl = place_of(x->A, n);
            if (!pl.root || (pl.root->ty & (TY_ATOMIC | TY_CONST)) || (pl.root->type && (pl.root->type->flags & TYPE_F_CONST)) ||
                (n->ty & TY_CONST))
                continue;
            bool arg;
            const char *k = place_key(x, pl, &arg);
            if (!k)
                continue;
            acc_access a = {0};
            a.fn = f;
            a.loc = k;
            a.arg = arg;
            a.name = place_str(x->A, pl);
            a.node = n;
            a.write = p && ((is_assign(p) && p->kids[0] == child) || is_incdec(p));
            a.locks = own_locks(x, &lc, i);
            a.run = copy_state(x, st, af->nwords);
            fl_vec_push(&x->accs, a);
        }
    }
}

acc_unit *acc_unit_build(fl_arena *A, const acc_input *in)
{
    const ast_tu *tu = in->tu;
    acc_unit *u = FL_NEW(A, acc_unit);
    u->tu = tu;
    u->fns = FL_NEW_ARRAY(A, acc_fn, tu->nfuncs + 1);
    ex x = {0};
    x.A = A;
    x.in = in;
    x.u = u;
    bool *taken = FL_NEW_ARRAY(A, bool, tu->nfuncs + 1);
    bool *named = FL_NEW_ARRAY(A, bool, tu->nfuncs + 1);
    for (uint32_t f = 0; f < tu->nfuncs; f++)
        if (in->cfgs[f] && tu->funcs[f]->body)
            extract_fn(&x, f, taken, named);
    /* Global initializers are not in the tree: a static function no body names can only be used
       from one (or is unused), which takes its address. */
    for (uint32_t f = 0; f < tu->nfuncs; f++)
        u->fns[f].address_taken = taken[f] || (!named[f] && tu->funcs[f]->is_static);
    u->events = x.events.len ? fl_arena_memdup(A, x.events.items, x.events.len * sizeof *x.events.items) : NULL;
    u->nevents = (uint32_t)x.events.len;
    u->calls = x.calls.len ? fl_arena_memdup(A, x.calls.items, x.calls.len * sizeof *x.calls.items) : NULL;
    u->ncalls = (uint32_t)x.calls.len;
    u->accs = x.accs.len ? fl_arena_memdup(A, x.accs.items, x.accs.len * sizeof *x.accs.items) : NULL;
    u->naccs = (uint32_t)x.accs.len;
    u->refs = x.refs.len ? fl_arena_memdup(A, x.refs.items, x.refs.len * sizeof *x.refs.items) : NULL;
    u->nrefs = (uint32_t)x.refs.len;
    u->taken = x.taken_names.len ? fl_arena_memdup(A, x.taken_names.items, x.taken_names.len * sizeof(char *)) : NULL;
    u->ntaken = (uint32_t)x.taken_names.len;
    fl_vec_free(&x.taken_names);
    fl_vec_free(&x.events);
    fl_vec_free(&x.calls);
    fl_vec_free(&x.accs);
    fl_vec_free(&x.refs);
    return u;
}
