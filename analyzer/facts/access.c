/* access.c - a unit's shared-memory facts for the whole program (see access.h). */
#include "access.h"
#include "flags.h"
#include "joined.h"
#include "mt_unsafe.h"

#include <string.h>

#include "../base/vec.h"
#include "../ir/cond.h"
#include "../ir/place.h"
#include "sendsync.h"
#include "threads.h"

/* ---- calls through function pointers ---- */

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
    a = ast_type_strip(a);
    b = ast_type_strip(b);
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
        t = ast_type_strip(expr_type(e->kids[0], depth + 1));
        if (t && (e->flags & AST_F_ARROW))
            t = t->kind == TYPE_POINTER ? ast_type_strip(t->inner) : NULL;
        if (!t || t->kind != TYPE_RECORD)
            return NULL;
        for (uint32_t i = 0; i < t->nfields; i++)
            if (t->fields[i].name && strcmp(t->fields[i].name, e->name) == 0)
                return t->fields[i].type;
        return NULL;
    case AST_INDEX:
        if (!e->nkids)
            return NULL;
        t = ast_type_strip(expr_type(e->kids[0], depth + 1));
        return t && (t->kind == TYPE_ARRAY || t->kind == TYPE_POINTER) ? t->inner : NULL;
    case AST_UNARY:
        if (e->op != UN_DEREF || !e->nkids)
            return NULL;
        t = ast_type_strip(expr_type(e->kids[0], depth + 1));
        return t && t->kind == TYPE_POINTER ? t->inner : NULL;
    default:
        return NULL;
    }
}

/* Whether argument a may be passed for a parameter of type pt. */
static bool arg_fits(const ast_node *a, const ast_type *pt)
{
    const ast_type *p = ast_type_strip(pt);
    if (!a || !p)
        return true;
    const ast_node *s = ast_strip_parens((ast_node *)a);
    switch (p->kind) {
    case TYPE_POINTER: {
        if (!(a->ty & (TY_POINTER | TY_ARRAY | TY_FUNCTION)))
            return s->kind == AST_LITERAL && s->name && strcmp(s->name, "0") == 0; /* null pointer */
        const ast_type *want_fn = ast_type_strip(p->inner);
        /* a function (`handler`, `&handler`) only fits a pointer to a function, or `void *` */
        const ast_node *f = s->kind == AST_UNARY && s->op == UN_ADDR_OF && s->nkids ? ast_strip_parens(s->kids[0]) : s;
        if (f && f->kind == AST_REF && (f->flags & AST_F_FUNC_REF))
            return !want_fn || want_fn->kind == TYPE_FUNCTION || want_fn->kind == TYPE_VOID;
        const ast_type *pointee = NULL;
        if (s->kind == AST_UNARY && s->op == UN_ADDR_OF && s->nkids)
            pointee = expr_type(s->kids[0], 0);
        else {
            const ast_type *at = ast_type_strip(expr_type(s, 0));
            if (at && (at->kind == TYPE_POINTER || at->kind == TYPE_ARRAY))
                pointee = at->inner;
        }
        const ast_type *want = ast_type_strip(p->inner);
        const ast_type *have = ast_type_strip(pointee);
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

/* The spelling of a type with leading qualifiers dropped ("const char *" -> "char *"). */
static const char *bare_spelling(const char *s, size_t *n)
{
    while (*n && (*s == ' ' || *s == '\t'))
        s++, --*n;
    while (*n >= 6 && strncmp(s, "const ", 6) == 0)
        s += 6, *n -= 6;
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
        --*n;
    return s;
}

static bool is_void_ptr(const char *s, size_t n)
{
    s = bare_spelling(s, &n);
    return n == 6 && strncmp(s, "void *", 6) == 0;
}

/* The function type a call's callee expression has, when it is known (a field or variable of
   pointer-to-function type): its spelling ("char *(struct io_u *)"), or NULL. */
static const char *callee_fn_spelling(const ast_node *call)
{
    const ast_type *t = ast_type_strip(expr_type(call->kids[0], 0));
    if (t && t->kind == TYPE_POINTER)
        t = ast_type_strip(t->inner);
    return t && t->kind == TYPE_FUNCTION && t->name ? t->name : NULL;
}

/* `void *` is no wildcard between function types: a call through a `char *(*)(struct io_u *)`
   cannot reach `void *f(void *)` (the two types are incompatible in C without a cast). False
   when the spelling of the call's function type says `void *` where c has another type, or the
   reverse, for the result or a parameter. */
static bool void_ptrs_agree(const char *spelling, const ast_callee *c)
{
    /* the parameter list: the group the last ')' closes (`int (void (*)(int))`) */
    size_t len = strlen(spelling);
    if (!len || spelling[len - 1] != ')')
        return true;
    const char *open = NULL;
    int depth = 0;
    for (size_t i = len; i-- > 0 && !open;) {
        if (spelling[i] == ')')
            depth++;
        else if (spelling[i] == '(' && --depth == 0)
            open = spelling + i;
    }
    const ast_type *r = ast_type_strip(c->result);
    if (!open || !r)
        return true;
    size_t rn = (size_t)(open - spelling);
    if (is_void_ptr(spelling, rn) != (r->kind == TYPE_POINTER && ast_type_strip(r->inner) &&
                                       ast_type_strip(r->inner)->kind == TYPE_VOID))
        return false;
    const char *p = open + 1;
    for (uint32_t i = 0; i < c->nparams && c->param_types; i++) {
        size_t n = 0; /* up to the next top-level ',' or the closing ')' */
        for (int d = 0; p[n] && !(d == 0 && (p[n] == ',' || p[n] == ')')); n++)
            d += p[n] == '(' ? 1 : p[n] == ')' ? -1 : 0;
        const ast_type *pt = ast_type_strip(c->param_types[i]);
        bool cand_void = pt && pt->kind == TYPE_POINTER && ast_type_strip(pt->inner) &&
                         ast_type_strip(pt->inner)->kind == TYPE_VOID;
        if (is_void_ptr(p, n) != cand_void)
            return false;
        if (p[n] != ',')
            break;
        p += n + 1;
    }
    return true;
}

bool acc_fn_compatible(const ast_node *call, const ast_callee *c)
{
    if (!call || call->kind != AST_CALL || !call->nkids || !c)
        return false;
    uint32_t nargs = (uint32_t)call->nkids - 1;
    if (c->variadic ? nargs < c->nparams : nargs != c->nparams)
        return false;
    const char *sp = callee_fn_spelling(call);
    if (sp && !void_ptrs_agree(sp, c))
        return false;
    const ast_type *r = ast_type_strip(c->result);
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

typedef FL_VEC(acc_flow) flow_vec;

typedef struct ex {
    fl_arena *A;
    flow_vec flows;
    FL_VEC(const char *) taken_names;
    FL_VEC(acc_unseen) unseen;
    bool uses_threads;
    const acc_input *in;
    acc_unit *u;
    /* the current function */
    uint32_t f;
    const ast_func *fn;
    bool *is_alias;   /* per var: the thread argument, when the function may be a thread entry */
    sp_obj *objs;     /* per run_fn spawn */
    int32_t *obj_first[2]; /* per local of the function, by through_ptr: the first spawn whose
                              object it names, or -1 (obj_key_of without a scan) */
    acc_locks required; /* the locks its annotations require held when it is called */
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
    return fl_arena_sprintf(x->A, "s:%s:%s@%u", v->home ? v->home : x->in->file, v->name, v->span.begin);
}

/* The key of a local of the current function. */
static const char *local_key(ex *x, char kind, const ast_var *v)
{
    return fl_arena_sprintf(x->A, "%c:%s:%s@%u:%s", kind, x->in->file, x->fn->name, v->span.begin, v->name);
}

static const char *obj_key_of(ex *x, const ast_var *v, bool through_ptr)
{
    if (x->obj_first[0] && v->index < x->fn->nvars && x->fn->vars[v->index] == v) {
        int32_t j = x->obj_first[through_ptr][v->index];
        return j >= 0 ? x->objs[j].root : NULL;
    }
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

/* The key of the object a pointer argument points to (`&mu`, `&s->mu`, a pointer `m`), with its
   name as written; NULL when it names nothing the program can. */
static const char *pointee_key(ex *x, ast_node *arg, const char **name)
{
    place pl = place_of_pointee(x->A, arg);
    ast_node *a = ast_strip_casts(arg);
    if (!pl.root && a && (a->ty & TY_POINTER))
        pl = place_append(x->A, place_of(x->A, a), "*");
    bool is_arg;
    const char *k = pl.root ? place_key(x, pl, &is_arg) : NULL;
    *name = k ? place_str(x->A, pl) : NULL;
    return k;
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

/* ---- code that runs once, or before any thread ------------------------------------------------ */

/* A call that says "this is the first pass" when it returns nonzero: OVS's ovsthread_once_start,
   GLib's g_once_init_enter. Not `pthread_once` (its status is an error code), nor a query
   (`once_done`). */
static bool once_start_call(const ast_node *c)
{
    return c && c->kind == AST_CALL && c->name && strstr(c->name, "once") && !strstr(c->name, "done") &&
           strcmp(c->name, "pthread_once") != 0 && strcmp(c->name, "call_once") != 0;
}

/* A call after which the process has no other thread, or it has aborted. */
static bool single_threaded_assertion(const ast_node *c)
{
    return c && c->kind == AST_CALL && c->name && strncmp(c->name, "assert_single_threaded", 22) == 0;
}

/* Bits of a block's regions beyond acc_region's: up to 6 "first time" flags per function
   (`if (!started) { ...; started = true; }` with `started` a global or a static), each a bit. */
#define FLAG_BIT0 (1u << 2)
#define MAX_FLAGS 6

/* A global or static variable tested for zero by a branch, when it is: `!started`,
   `started == 0`, `started == false`. */
static ast_var *tested_flag(ast_node *cond, bool *true_means_zero)
{
    ast_node *v = ast_strip_casts(cond_tested_value(cond, true_means_zero));
    return v && v->kind == AST_REF && is_shared_storage(v->var) && !(v->var->ty & TY_POINTER) ? v->var : NULL;
}

/* Is element el `flag = <non-zero constant>`? */
static bool sets_flag(const cfg_elem *el, const ast_var *flag)
{
    const ast_node *n = el->kind == CFG_EXPR ? el->node : NULL;
    if (!n || n->kind != AST_BINARY || n->op != BIN_ASSIGN || n->nkids != 2)
        return false;
    const ast_node *l = ast_strip_casts(n->kids[0]), *r = ast_strip_casts(n->kids[1]);
    return l && l->kind == AST_REF && l->var == flag && r && r->kind == AST_LITERAL && r->name &&
           strcmp(r->name, "0") != 0 && strcmp(r->name, "false") != 0;
}

/* Per block of g, the regions the whole block is in (acc_region bits, and FLAG_BIT0 << k for
   the k-th first-time flag), and per block the element after which the rest of it is in
   ACC_SINGLE (UINT32_MAX: none). A block is in a region when it starts one (the first-pass
   successor of a once test, the branch where a flag is still zero) or every predecessor ends in
   it: the blocks that start dominates, computed by taking blocks out from "all" (each block
   loses each bit once). A flag's region counts only if it sets the flag. */
static void find_regions(fl_arena *A, const cfg *g, uint8_t **region_out, uint32_t **single_from_out)
{
    uint32_t nb = g->nblocks;
    uint8_t *seed = NULL;
    uint32_t *single_from = NULL;
    ast_var *flags[MAX_FLAGS];
    uint32_t nflags = 0;
    for (uint32_t bi = 0; bi < nb; bi++) {
        const cfg_block *b = &g->blocks[bi];
        if (b->cond && b->nsuccs == 2) {
            bool true_means_zero = false;
            ast_node *c = cond_tested_value(b->cond, &true_means_zero);
            uint8_t bit = 0;
            uint32_t first = true_means_zero ? 1 : 0; /* the successor where the value is non-zero */
            if (once_start_call(c))
                bit = ACC_ONCE;
            else {
                ast_var *f = tested_flag(b->cond, &true_means_zero);
                uint32_t k = 0;
                while (f && k < nflags && flags[k] != f)
                    k++;
                if (f && k == nflags && nflags < MAX_FLAGS)
                    flags[nflags++] = f;
                if (f && k < nflags) {
                    bit = (uint8_t)(FLAG_BIT0 << k);
                    first = true_means_zero ? 0 : 1; /* where the flag is still zero */
                }
            }
            if (bit) {
                if (!seed)
                    seed = FL_NEW_ARRAY(A, uint8_t, nb);
                seed[b->succs[first]] |= bit;
            }
        }
        for (uint32_t i = 0; i < b->nelems; i++)
            if (b->elems[i].kind == CFG_EXPR && single_threaded_assertion(b->elems[i].node)) {
                if (!single_from) {
                    single_from = FL_NEW_ARRAY(A, uint32_t, nb);
                    memset(single_from, 0xff, nb * sizeof *single_from);
                }
                if (single_from[bi] == UINT32_MAX)
                    single_from[bi] = i;
            }
    }
    *region_out = NULL;
    *single_from_out = single_from;
    if (!seed && !single_from)
        return;
    uint8_t *in = FL_NEW_ARRAY(A, uint8_t, nb);
    /* each block is pushed once, then once per bit it loses */
    uint32_t *work = FL_NEW_ARRAY(A, uint32_t, 9 * (size_t)nb + 1);
    uint32_t nwork = 0;
    const uint8_t all = (uint8_t)(ACC_ONCE | ACC_SINGLE | (((1u << nflags) - 1) * FLAG_BIT0));
    for (uint32_t bi = 0; bi < nb; bi++) {
        in[bi] = bi != g->entry && g->blocks[bi].npreds ? all : 0;
        if (seed)
            in[bi] |= seed[bi];
        if (in[bi] != all)
            work[nwork++] = bi;
    }
    /* a block's region bits fall when a predecessor ends outside them */
    while (nwork) {
        uint32_t pb = work[--nwork];
        const cfg_block *p = &g->blocks[pb];
        uint8_t out = in[pb] | (single_from && single_from[pb] != UINT32_MAX ? ACC_SINGLE : 0);
        for (uint32_t k = 0; k < p->nsuccs; k++) {
            uint32_t sb = p->succs[k];
            uint8_t keep = in[sb] & (out | (seed ? seed[sb] : 0));
            if (keep != in[sb]) {
                in[sb] = keep;
                work[nwork++] = sb;
            }
        }
    }
    /* a flag's region that does not set the flag is not a first time */
    for (uint32_t k = 0; k < nflags; k++) {
        uint8_t bit = (uint8_t)(FLAG_BIT0 << k);
        bool sets = false;
        for (uint32_t bi = 0; bi < nb && !sets; bi++)
            for (uint32_t i = 0; (in[bi] & bit) && i < g->blocks[bi].nelems && !sets; i++)
                sets = sets_flag(&g->blocks[bi].elems[i], flags[k]);
        for (uint32_t bi = 0; !sets && bi < nb; bi++)
            in[bi] &= (uint8_t)~bit;
    }
    *region_out = in;
}

/* Where a thread the function starts may have started: per block, whether all of it comes after
   a spawn or a call that returns with threads running (on some path, joins aside), and in the
   blocks that hold one, the element of the first. A join ends a thread, not the fact that the
   process has had one: code there is not single-threaded. */
typedef struct started_at {
    uint8_t *after;   /* per block: all of it comes after a start (NULL: the function starts none) */
    uint32_t *first;  /* per block: the first start's element, UINT32_MAX when none */
} started_at;

static started_at find_starts(fl_arena *A, const cfg *g, const run_fn *rf)
{
    started_at sa = {NULL, NULL};
    if (!rf || !rf->nspawns)
        return sa;
    uint32_t nb = g->nblocks;
    sa.after = FL_NEW_ARRAY(A, uint8_t, nb + 1);
    sa.first = FL_NEW_ARRAY(A, uint32_t, nb + 1);
    memset(sa.first, 0xff, (nb + 1) * sizeof *sa.first);
    uint32_t *work = FL_NEW_ARRAY(A, uint32_t, nb + 1);
    uint32_t nwork = 0;
    for (uint32_t s = 0; s < rf->nspawns; s++) {
        const run_spawn *sp = &rf->spawns[s];
        if (sp->elem < sa.first[sp->block])
            sa.first[sp->block] = sp->elem;
    }
    for (uint32_t bi = 0; bi < nb; bi++)
        if (sa.first[bi] != UINT32_MAX)
            for (uint32_t k = 0; k < g->blocks[bi].nsuccs; k++) {
                uint32_t t = g->blocks[bi].succs[k];
                if (!sa.after[t]) {
                    sa.after[t] = 1;
                    work[nwork++] = t;
                }
            }
    while (nwork) {
        const cfg_block *b = &g->blocks[work[--nwork]];
        for (uint32_t k = 0; k < b->nsuccs; k++)
            if (!sa.after[b->succs[k]]) {
                sa.after[b->succs[k]] = 1;
                work[nwork++] = b->succs[k];
            }
    }
    return sa;
}

static bool started_before(const started_at *sa, uint32_t b, uint32_t i)
{
    return sa->after && (sa->after[b] || i > sa->first[b]);
}

/* The region bits of element i of block b: code after a single-threaded assertion is
   single-threaded until the function starts a thread itself (sa). */
static uint8_t region_at(const uint8_t *region, const uint32_t *single_from, uint32_t b, uint32_t i,
                         const started_at *sa)
{
    uint8_t r = region ? region[b] & (ACC_ONCE | ACC_SINGLE) : 0;
    if (single_from && single_from[b] != UINT32_MAX && i > single_from[b])
        r |= ACC_SINGLE;
    if ((r & ACC_SINGLE) && started_before(sa, b, i))
        r &= (uint8_t)~ACC_SINGLE;
    return r & ACC_SINGLE ? r | ACC_ONCE : r;
}

/* The thread function a spawn starts, as the program should count it: none for a spawn of a
   trampoline (threads.h) inside a spawn wrapper, whose callers' spawns name the real functions
   (OVS's ovs_thread_create starts every thread through ovsthread_wrapper). */
static const ast_callee *spawn_target(ex *x, const run_spawn *rs)
{
    const ast_callee *t = thread_fn(&rs->tc);
    if (!t || !t->def || t->def->index >= x->in->tu->nfuncs || !x->fn->self)
        return t;
    const fn_summary *s = sum_of(x->in->sums, x->fn->self);
    bool wrapper = false;
    for (uint32_t i = 0; s && i < s->nparams; i++)
        wrapper |= (s->param[i] & SUMP_SPAWN_FN) != 0;
    const char *ff, *af;
    if (wrapper && thr_trampoline(x->A, t->def, x->in->cfgs[t->def->index], &ff, &af)) {
        x->u->fns[t->def->index].trampoline = true;
        return NULL;
    }
    return t;
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
               ast_var_is_auto(a->var) &&
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
        return x->required; /* no lock operation: what it requires is held throughout */
    locks_cursor_to(lc, i);
    const fl_word *scratch = lc->st;
    acc_lock held[64];
    FL_VEC(acc_lock) more = {0};
    /* only the locks held on some path, so that an access costs the locks held there */
    for (uint32_t l = locks_next_h(lf, scratch, 0); l < lf->nlocks; l = locks_next_h(lf, scratch, l + 1)) {
        if (!locks_must_held(scratch, l)) {
            /* held on some paths by a trylock whose status went into a variable or a call
               (tested where fearless does not look): may be common. Held on some paths by
               plain locks: a path without it exists, the lock is not held. */
            uint32_t sites[16];
            uint32_t ns = locks_cursor_last_sites(lc, l, sites, 16);
            for (uint32_t k = 0; k < ns && k < 16; k++)
                if (lf->sites[sites[k]].maybe || lf->sites[sites[k]].op == LOCK_MAYBE)
                    ls.unknown = true;
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
        acc_lock one = {k, lf->locks[l].name, excl};
        if (ls.n < 64)
            held[ls.n] = one;
        else
            fl_vec_push(&more, one);
        ls.n++;
    }
    if (ls.n) {
        acc_lock *l = FL_NEW_ARRAY(x->A, acc_lock, ls.n);
        memcpy(l, held, (ls.n < 64 ? ls.n : 64) * sizeof *l);
        if (more.len)
            memcpy(l + 64, more.items, more.len * sizeof *l);
        ls.l = l;
    }
    fl_vec_free(&more);
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

bool acc_looks_like_thread_fn(const ast_callee *f)
{
    if (!f || f->nparams != 1 || f->variadic || !f->param_types)
        return false;
    const ast_type *p = ast_type_strip(f->param_types[0]), *r = ast_type_strip(f->result);
    return p && p->kind == TYPE_POINTER && r && (r->kind == TYPE_POINTER || (r->kind == TYPE_SCALAR && r->name &&
                                                                             strstr(r->name, "int")));
}

static bool is_thread_handle_type(const ast_type *t)
{
    for (int guard = 0; t && guard < 16; guard++, t = t->inner) {
        if (t->name && (strcmp(t->name, "pthread_t") == 0 || strcmp(t->name, "thrd_t") == 0))
            return true;
        if (t->kind != TYPE_TYPEDEF && t->kind != TYPE_POINTER)
            return false;
    }
    return false;
}

/* A call that fearless cannot follow into and that looks like the thread or lock API (see
   acc_unseen): noted once per callee and unit. */
static void note_unseen(ex *x, const ast_node *n)
{
    const ast_callee *c = n->callee;
    if (!c || !c->name || defined_somewhere(x->in, c) || thr_classify(x->in->sums, n).kind != THR_NONE ||
        (x->in->locks && locks_summary_of(x->in->locks, c)))
        return;
    int kind = -1;
    if (opaque_lock_call(x->in, n))
        kind = UNSEEN_LOCK;
    for (uint16_t i = 1; i < n->nkids && kind < 0; i++) {
        const ast_node *a = ast_strip_casts(n->kids[i]);
        if (a && a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids)
            a = ast_strip_casts(a->kids[0]);
        if (a && a->kind == AST_REF && (a->flags & AST_F_FUNC_REF) && acc_looks_like_thread_fn(a->callee))
            kind = UNSEEN_SPAWN;
    }
    for (uint32_t i = 0; i < c->nparams && kind < 0; i++)
        if (c->param_types && is_thread_handle_type(c->param_types[i]) && strncmp(c->name, "pthread_", 8) != 0 &&
            strncmp(c->name, "thrd_", 5) != 0)
            kind = UNSEEN_JOIN;
    if (kind < 0)
        return;
    for (size_t i = 0; i < x->unseen.len; i++)
        if (strcmp(x->unseen.items[i].name, c->name) == 0)
            return;
    acc_unseen u = {(uint8_t)kind, c->name, n};
    fl_vec_push(&x->unseen, u);
}

/* ---- where functions go ------------------------------------------------------------------------ */

/* The record type of a member access's base (`x->f`, `x.f`): its name, or NULL. */
static const char *member_record(const ast_node *m)
{
    const ast_type *t = ast_type_strip(expr_type(m->kids[0], 0));
    if (t && (m->flags & AST_F_ARROW))
        t = t->kind == TYPE_POINTER ? ast_type_strip(t->inner) : NULL;
    return t && t->kind == TYPE_RECORD && t->name ? unqual_name(t) : NULL;
}

/* The slot an lvalue (or the callee expression of a call) reads or writes function pointers in:
   a field of a struct type, or a global; NULL for anything else. With `param`, a parameter of
   the current function is the answer instead (*param set, NULL returned). */
static const char *fn_slot(ex *x, ast_node *e, int32_t *param)
{
    *param = -1;
    e = ast_strip_casts(e);
    if (e && e->kind == AST_UNARY && e->op == UN_DEREF && e->nkids)
        e = ast_strip_casts(e->kids[0]); /* (*fp)(x) */
    while (e && e->kind == AST_INDEX && e->nkids)
        e = ast_strip_casts(e->kids[0]); /* handlers[i] */
    if (!e)
        return NULL;
    if (e->kind == AST_MEMBER && e->nkids && e->name) {
        const char *r = member_record(e);
        return r ? fl_arena_sprintf(x->A, "f:%s.%s", r, e->name) : NULL;
    }
    if (e->kind == AST_REF && e->var) {
        if (is_shared_storage(e->var))
            return fl_arena_sprintf(x->A, "g:%s", var_key(x, e->var));
        if (e->var->storage == STORAGE_PARAM && e->var->index < x->fn->nparams && x->fn->params[e->var->index] == e->var)
            *param = (int32_t)e->var->index;
    }
    return NULL;
}

/* What a value gives as functions: a function (`on_msg`, `&on_msg`), or a parameter of the
   current function (*param set). */
static const ast_callee *fn_value(ex *x, ast_node *v, int32_t *param)
{
    *param = -1;
    v = ast_strip_casts(v);
    if (v && v->kind == AST_UNARY && v->op == UN_ADDR_OF && v->nkids)
        v = ast_strip_casts(v->kids[0]);
    if (!v || v->kind != AST_REF)
        return NULL;
    if (v->flags & AST_F_FUNC_REF)
        return v->callee;
    if (v->var && v->var->storage == STORAGE_PARAM && (v->var->ty & TY_POINTER) && v->var->index < x->fn->nparams &&
        x->fn->params[v->var->index] == v->var)
        *param = (int32_t)v->var->index;
    return NULL;
}

static void note_flows(ex *x, const ast_node *n)
{
    int32_t fp, sp;
    if (n->kind == AST_BINARY && n->op == BIN_ASSIGN && n->nkids == 2) {
        const ast_callee *what = fn_value(x, n->kids[1], &fp);
        if (!what && fp < 0)
            return;
        const char *to = fn_slot(x, n->kids[0], &sp);
        if (!to)
            return;
        acc_flow f = {x->f, to, NULL, 0, what, fp};
        fl_vec_push(&x->flows, f);
        return;
    }
    if (n->kind != AST_CALL || !n->callee)
        return;
    for (uint16_t i = 1; i < n->nkids; i++) {
        const ast_callee *what = fn_value(x, n->kids[i], &fp);
        if (!what && fp < 0)
            continue;
        acc_flow f = {x->f, NULL, n->callee, (uint32_t)(i - 1), what, fp};
        fl_vec_push(&x->flows, f);
    }
}

/* What the initializers of the unit's globals store: flows, and functions whose address they take. */
static void note_init_flows(ex *x, bool *taken)
{
    const ast_tu *tu = x->in->tu;
    for (uint32_t i = 0; i < tu->nfn_inits; i++) {
        const ast_fn_init *in = &tu->fn_inits[i];
        if (!in->fn)
            continue;
        const char *to;
        if (in->record) {
            const ast_type *r = ast_type_strip(in->record);
            to = r && r->name ? fl_arena_sprintf(x->A, "f:%s.%s", unqual_name(r), in->field) : NULL;
        } else
            to = fl_arena_sprintf(x->A, "g:%s", var_key(x, in->global));
        if (to) {
            acc_flow f = {0, to, NULL, 0, in->fn, -1};
            fl_vec_push(&x->flows, f);
        }
        const ast_func *d = in->fn->def;
        if (d && d->in_main_file && d->index < tu->nfuncs)
            taken[d->index] = true;
        else if (!d && !in->fn->is_static && in->fn->name)
            fl_vec_push(&x->taken_names, in->fn->name);
    }
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
    /* the callee of a call, or the init routine of pthread_once (which calls it, once) */
    bool callee = p && p->kind == AST_CALL && p->nkids &&
                  (p->kids[0] == child || (thr_once_routine(p) == n->callee && p->nkids == 3 && p->kids[2] == child));
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

/* The flags tested on every path to block b, as location keys. */
static acc_conds conds_at(ex *x, const flag_fn *ff, uint32_t b)
{
    flag_fact f[16];
    uint32_t n = flags_at(ff, b, f, 16);
    acc_conds r = {0};
    if (!n)
        return r;
    acc_cond *c = FL_NEW_ARRAY(x->A, acc_cond, n);
    for (uint32_t i = 0; i < n; i++)
        c[i] = (acc_cond){f[i].tls_key ? fl_arena_sprintf(x->A, "t:%s", var_key(x, f[i].tls_key)) : var_key(x, f[i].var),
                          f[i].nonzero};
    r.c = c;
    r.n = n;
    return r;
}

/* Joined facts as the program reads them: handles by location key. */
static acc_joins joins_of(ex *x, const joined_fact *f, uint32_t n)
{
    acc_joins r = {0};
    if (!n)
        return r;
    acc_join *j = FL_NEW_ARRAY(x->A, acc_join, n);
    for (uint32_t i = 0; i < n; i++)
        j[i] = (acc_join){f[i].handle ? var_key(x, f[i].handle) : NULL, f[i].callee};
    r.j = j;
    r.n = n;
    return r;
}

/* Where an element runs, for the accesses and calls made there. */
typedef struct at_elem {
    const flag_fn *ff;
    locks_cursor *lc;
    const fl_word *st;
    uint32_t nwords;
    const uint8_t *region;
    const uint32_t *single_from;
    const started_at *sa;
    uint32_t b, i;
} at_elem;

/* An access of function f at element `at` of it, with the locks held, the threads running and
   the region there. */
static void push_access(ex *x, uint32_t f, const at_elem *at, const char *loc, const char *name,
                        const ast_node *node, bool write, bool arg)
{
    acc_access a = {0};
    a.fn = f;
    a.loc = loc;
    a.arg = arg;
    a.name = name;
    a.node = node;
    a.write = write;
    a.locks = own_locks(x, at->lc, at->i);
    a.run = copy_state(x, at->st, at->nwords);
    a.region = region_at(at->region, at->single_from, at->b, at->i, at->sa);
    a.after_start = started_before(at->sa, at->b, at->i);
    a.conds = conds_at(x, at->ff, at->b);
    fl_vec_push(&x->accs, a);
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
    if (x->fn->self && x->fn->self->noreturn) {
        af->dies = true;
        for (uint32_t bi = 0; bi < g->nblocks && af->dies; bi++)
            af->dies = g->blocks[bi].loop == NULL;
    }
    af->nwords = x->rf ? x->rf->nwords : 0;
    x->is_alias = NULL;
    find_aliases(x, g);
    x->objs = x->rf ? FL_NEW_ARRAY(x->A, sp_obj, x->rf->nspawns) : NULL;
    for (uint32_t j = 0; x->rf && j < x->rf->nspawns; j++)
        spawn_object(x, &x->rf->spawns[j], &x->objs[j]);
    x->obj_first[0] = x->obj_first[1] = NULL;
    if (x->rf && x->rf->nspawns) {
        for (int t = 0; t < 2; t++) {
            x->obj_first[t] = FL_NEW_ARRAY(x->A, int32_t, x->fn->nvars + 1);
            for (uint32_t v = 0; v <= x->fn->nvars; v++)
                x->obj_first[t][v] = -1;
        }
        for (uint32_t j = x->rf->nspawns; j-- > 0;) {
            const sp_obj *o = &x->objs[j];
            if (o->key && o->var && o->var->index < x->fn->nvars && x->fn->vars[o->var->index] == o->var)
                x->obj_first[o->through_ptr][o->var->index] = (int32_t)j;
        }
    }
    if (x->rf && x->rf->df->reached[g->exit])
        af->exit_run = copy_state(x, df_in(x->rf->df, g->exit), af->nwords);

    /* a function that requires locks and operates on none holds them at every access */
    x->required = (acc_locks){0};
    if (in->locks) {
        lock_contract c[16];
        uint32_t nc = locks_fn_contract(in->locks, x->fn, c, 16);
        for (uint32_t k = 0; k < nc; k++) {
            bool arg;
            const char *key = c[k].required ? place_key(x, c[k].where, &arg) : NULL;
            if (!key)
                continue;
            if (!x->required.l)
                x->required.l = FL_NEW_ARRAY(x->A, acc_lock, nc);
            x->required.l[x->required.n++] = (acc_lock){key, place_str(x->A, c[k].where), !c[k].shared};
        }
    }
    pmap m = parents(x->A, x->fn->body);
    const lock_fn *lf = in->locks ? locks_unit_fn(in->locks, f) : NULL;
    fl_word *lst = FL_NEW_ARRAY(x->A, fl_word, lf ? lf->nwords + 1 : 1);
    fl_word *st = FL_NEW_ARRAY(x->A, fl_word, af->nwords + 1);
    size_t first_ref = x->refs.len;
    uint8_t *region;
    uint32_t *single_from;
    find_regions(x->A, g, &region, &single_from);
    started_at sa = find_starts(x->A, g, x->rf);
    const flag_fn *ff = flags_analyze(x->A, g);
    const joined_fn *jf = joined_analyze(x->A, g, in->sums);
    {
        joined_fact jx[16];
        af->exit_ended = joins_of(x, jx, joined_at_exit(jf, jx, 16));
    }
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
        joined_cursor jc;
        joined_cursor_start(&jc, jf, bi);
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_node *n = el->node;
            if (x->rf)
                run_replay_to(&rc, i, st);
            if (el->kind != CFG_EXPR || !n)
                continue;
            if (n->kind == AST_REF && (n->flags & AST_F_FUNC_REF))
                note_function_ref(x, &m, n, taken, named);
            note_flows(x, n);
            at_elem at = {ff, &lc, st, af->nwords, region, single_from, &sa, bi, i};
            if (n->kind == AST_CALL) {
                if (opaque_lock_call(in, n))
                    af->opaque_lock = true;
                note_unseen(x, n);
                /* a thread-specific value set, to something that may not be NULL */
                if (n->name && n->nkids == 3 &&
                    (strcmp(n->name, "pthread_setspecific") == 0 || strcmp(n->name, "tss_set") == 0) &&
                    !cond_is_zero(n->kids[2])) {
                    const ast_node *k = ast_strip_casts(n->kids[1]);
                    if (k && k->kind == AST_REF && is_shared_storage(k->var)) {
                        const char **sets = FL_NEW_ARRAY(x->A, const char *, af->ntls_sets + 1);
                        if (af->ntls_sets)
                            memcpy(sets, af->tls_sets, af->ntls_sets * sizeof *sets);
                        sets[af->ntls_sets++] = fl_arena_sprintf(x->A, "t:%s", var_key(x, k->var));
                        af->tls_sets = sets;
                    }
                }
                /* a C library function that keeps its state in static storage: the call
                   accesses that state (mt_unsafe.h) */
                const mt_unsafe_fn *mu[2];
                unsigned nmu = !n->callee || !defined_somewhere(in, n->callee) ? mt_unsafe_lookup(n->name, mu) : 0;
                for (unsigned k = 0; k < nmu; k++)
                    push_access(x, f, &at, fl_arena_sprintf(x->A, "c:%s", mu[k]->state), n->name, n, !mu[k]->reads,
                                false);
                if (n->name && (strncmp(n->name, "pthread_", 8) == 0 || strncmp(n->name, "thrd_", 5) == 0 ||
                                strncmp(n->name, "mtx_", 4) == 0))
                    x->uses_threads = true;
                if (is_sync_call(n->name))
                    af->calls_sync = true;
                /* the function the call runs: pthread_once's init routine, else its callee */
                const ast_callee *once = thr_once_routine(n);
                const ast_callee *runs = once ? once : n->callee;
                int32_t s = x->rf ? run_spawn_of(x->rf, n) : -1;
                if (s >= 0) {
                    const run_spawn *rs = &x->rf->spawns[s];
                    acc_event e = {f, (uint32_t)s, rs->starter, rs->starter ? runs : spawn_target(x, rs),
                                   x->objs[s].key, b->loop != NULL,
                                   (region_at(region, single_from, bi, i, &sa) & ACC_ONCE) != 0 ||
                                       (region && (region[bi] & ~(ACC_ONCE | ACC_SINGLE))),
                                   copy_state(x, st, af->nwords),
                                   n, rs->tc.arg, conds_at(x, ff, bi), NULL};
                    if (!rs->starter && rs->handle.root && is_shared_storage(rs->handle.root) &&
                        !rs->handle.path[0])
                        e.handle = var_key(x, rs->handle.root);
                    fl_vec_push(&x->events, e);
                }
                /* a call that may enter a function with a body: it runs with the locks held here,
                   beside the threads running here (pthread_once's init routine too) */
                bool enters = runs ? defined_somewhere(in, runs) : !acc_direct_call(n) && !cleanup_routine_call(n);
                if (enters) {
                    acc_call c = {f, n, own_locks(x, &lc, i), copy_state(x, st, af->nwords), NULL, -1,
                                  region_at(region, single_from, bi, i, &sa), NULL,
                                  started_before(&sa, bi, i), NULL, NULL, conds_at(x, ff, bi), {NULL, 0}};
                    if (!n->callee && n->nkids)
                        c.slot = fn_slot(x, n->kids[0], &c.slot_param);
                    if (n->nkids >= 2 && !once)
                        c.arg0 = pointee_key(x, n->kids[1], &c.arg0_name);
                    joined_fact jx[16];
                    c.ended = joins_of(x, jx, joined_cursor_at(&jc, i, jx, 16));
                    c.target = once;
                    if (once)
                        c.region |= ACC_ONCE; /* the init routine runs once, before every pass returns */
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
            push_access(x, f, &at, k, place_str(x->A, pl), n,
                        p && ((is_assign(p) && p->kids[0] == child) || is_incdec(p)), arg);
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
    /* the unit's own functions (a header's static functions are there for their summaries) */
    for (uint32_t f = 0; f < tu->nfuncs; f++)
        if (in->cfgs[f] && tu->funcs[f]->body && tu->funcs[f]->in_main_file)
            extract_fn(&x, f, taken, named);
    note_init_flows(&x, taken);
    /* Initializers of static locals are not seen: a static function no body names can only be
       used from one (or is unused), which takes its address. */
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
    u->flows = x.flows.len ? fl_arena_memdup(A, x.flows.items, x.flows.len * sizeof *x.flows.items) : NULL;
    u->nflows = (uint32_t)x.flows.len;
    fl_vec_free(&x.flows);
    u->unseen = x.unseen.len ? fl_arena_memdup(A, x.unseen.items, x.unseen.len * sizeof *x.unseen.items) : NULL;
    u->nunseen = (uint32_t)x.unseen.len;
    u->uses_threads = x.uses_threads || x.unseen.len || x.events.len;
    fl_vec_free(&x.unseen);
    u->taken = x.taken_names.len ? fl_arena_memdup(A, x.taken_names.items, x.taken_names.len * sizeof(char *)) : NULL;
    u->ntaken = (uint32_t)x.taken_names.len;
    fl_vec_free(&x.taken_names);
    fl_vec_free(&x.events);
    fl_vec_free(&x.calls);
    fl_vec_free(&x.accs);
    fl_vec_free(&x.refs);
    return u;
}
