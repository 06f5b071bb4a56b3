/* access.c - a unit's shared-memory facts for the whole program (see access.h). */
#include "access_impl.h"
#include "flags.h"
#include "joined.h"
#include "mt_unsafe.h"

#include <string.h>

#include "../base/vec.h"
#include "../ir/cond.h"
#include "../ir/place.h"
#include "sendsync.h"
#include "threads.h"
#include "../ir/lvalue.h"

/* A const lvalue that is const as declared (a const field, a const object), so that nothing
   writes it: not one read through a pointer to const (`s->n` with `const struct stats *s`, `*p`
   with `const int *p`), whose object other code may well write. */
static bool declared_const(place pl, const ast_node *n)
{
    if (n->kind != AST_MEMBER)
        return n->kind == AST_REF; /* `*p`, `p[i]`: through the pointer, not declared so */
    ast_type *rec;
    ast_field *f;
    /* cannot tell: as before, not an access */
    return !lv_last_field(pl, &rec, &f) || lv_field_const(f);
}

/* ---- keys ------------------------------------------------------------------------------------ */

bool accx_is_shared_storage(const ast_var *v)
{
    return v && (v->storage == STORAGE_GLOBAL || v->storage == STORAGE_STATIC_LOCAL);
}

/* A path with no dereference ("", ".f", "[2].g"). */
bool accx_direct_path(const char *p)
{
    return p && !strchr(p, '*');
}

/* The key of a global or static variable itself: external linkage by name, others by file. */
const char *accx_var_key(ex *x, const ast_var *v)
{
    if (v->storage == STORAGE_GLOBAL && !(v->flags & AST_VAR_INTERNAL))
        return fl_arena_sprintf(x->A, "g:%s", v->name);
    return fl_arena_sprintf(x->A, "s:%s:%s@%u", v->home ? v->home : x->in->file, v->name, v->span.begin);
}

/* The key of a local of the current function. */
const char *accx_local_key(ex *x, char kind, const ast_var *v)
{
    return fl_arena_sprintf(x->A, "%c:%s:%s@%u:%s", kind, x->in->file, x->fn->name, v->span.begin, v->name);
}

const char *accx_obj_key_of(ex *x, const ast_var *v, bool through_ptr)
{
    bool own = v->index < x->fn->nvars && x->fn->vars[v->index] == v;
    if (x->obj_first[0] && own) {
        int32_t j = x->obj_first[through_ptr][v->index];
        if (j >= 0)
            return x->objs[j].root;
    } else {
        for (uint32_t j = 0; x->rf && j < x->rf->nspawns; j++)
            if (x->objs[j].key && x->objs[j].var == v && x->objs[j].through_ptr == through_ptr)
                return x->objs[j].root;
    }
    /* a local whose address a global pointer takes (find_escapes) */
    if (through_ptr)
        return own && x->escaped_ptr ? x->escaped_ptr[v->index] : NULL;
    return own && x->escaped ? x->escaped[v->index] : NULL;
}

/* The parameter whose value v holds at every use (find_aliases), or -1. */
static int alias_param(ex *x, const ast_var *v)
{
    return x->alias && v->index < x->fn->nvars && x->fn->vars[v->index] == v ? x->alias[v->index] : -1;
}

static bool is_alias_var(ex *x, const ast_var *v)
{
    return alias_param(x, v) >= 0;
}

/* The key prefix of what is reached through parameter i: "a:" for the first, "a<i>:". */
static const char *param_prefix(ex *x, int i)
{
    return i == 0 ? "a:" : fl_arena_sprintf(x->A, "a%d:", i);
}

/* The location a local pointer points to at every use (find_targets), or NULL. */
static const char *target_of_var(ex *x, const ast_var *v, bool *arg)
{
    if (!x->target || v->index >= x->fn->nvars || x->fn->vars[v->index] != v || !x->target[v->index])
        return NULL;
    *arg = x->target_arg[v->index];
    return x->target[v->index];
}

/* The key of a place in the current function (see access.h); *arg set for "a:" keys. NULL for
   anything that is not a location here. */
const char *accx_place_key(ex *x, place p, bool *arg)
{
    *arg = false;
    if (!p.root || !p.path || strstr(p.path, "[*]"))
        return NULL;
    if (accx_is_shared_storage(p.root)) {
        if (accx_direct_path(p.path))
            return fl_arena_concat(x->A, accx_var_key(x, p.root), p.path);
        /* the object a global pointer, or a pointer field of a global, points to (`buf[0]`,
           `g->count`, `cfg.data[0]`): a location while the pointer keeps its value, which
           data-race checks (the key holds the "*") */
        const char *star = strchr(p.path, '*');
        if (star && accx_direct_path(star + 1) && (star > p.path || (p.root->ty & TY_POINTER)))
            return fl_arena_concat(x->A, accx_var_key(x, p.root), p.path);
        return NULL;
    }
    if (p.root->storage == STORAGE_THREAD_LOCAL)
        return NULL;
    bool targ;
    const char *t = p.path[0] == '*' && accx_direct_path(p.path + 1) ? target_of_var(x, p.root, &targ) : NULL;
    if (t) {
        *arg = targ;
        return fl_arena_concat(x->A, t, p.path + 1);
    }
    if (is_alias_var(x, p.root)) {
        const char *prefix = param_prefix(x, alias_param(x, p.root));
        if (p.path[0] == '*' && accx_direct_path(p.path + 1)) {
            *arg = true;
            return fl_arena_concat(x->A, prefix, p.path + 1);
        }
        /* through a pointer field of the argument's object (`*c->counter`, `c->stats->hits`):
           what that field points to, a location while the field keeps its value (data-race
           checks, as for a global pointer) */
        const char *star = p.path[0] == '*' ? strchr(p.path + 1, '*') : NULL;
        if (star && star > p.path + 1 && star[-1] != '[' && accx_direct_path(star + 1)) {
            *arg = true;
            return fl_arena_concat(x->A, prefix, p.path + 1);
        }
        return NULL;
    }
    if (accx_direct_path(p.path)) {
        const char *k = accx_obj_key_of(x, p.root, false);
        const char *el = p.path[0] == '[' && k ? strchr(p.path, ']') : NULL;
        if (el && accx_per_instance(x, p.root))
            return fl_arena_sprintf(x->A, "%s[?]%s", k, el + 1); /* `args[0].sum`: one of the elements */
        return k ? fl_arena_concat(x->A, k, p.path) : NULL;
    }
    if (p.path[0] == '*' && accx_direct_path(p.path + 1)) {
        const char *k = accx_obj_key_of(x, p.root, true);
        return k ? fl_arena_concat(x->A, k, p.path + 1) : NULL;
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
    const char *k = pl.root ? accx_place_key(x, pl, &is_arg) : NULL;
    *name = k ? place_str(x->A, pl) : NULL;
    return k;
}

/* The local a value's address is of (`&local`, `&local.mu`; no dereference on the way), or NULL. */
static const ast_var *address_of_local(ex *x, const ast_node *n, place *pl)
{
    n = ast_strip_casts((ast_node *)n);
    if (!n || n->kind != AST_UNARY || n->op != UN_ADDR_OF)
        return NULL;
    *pl = place_of_pointee(x->A, (ast_node *)n);
    const ast_var *v = pl->root;
    return v && v->storage == STORAGE_LOCAL && ast_var_is_auto(v) && v->index < x->fn->nvars &&
                   x->fn->vars[v->index] == v && accx_direct_path(pl->path)
               ? v
               : NULL;
}

/* The key of the object argument `arg` of call n names when it is a local of this function whose
   address only ever goes straight to calls, none of them a spawn (`stats_merge(&g_total,
   &local)`): that call of the function's own object, "t:<file>:<fn>@<off>:<name><path>". No
   other thread reaches it, so a lock in it orders nothing between threads (facts/parallel.c),
   and what a helper does to it through its parameter is no access of shared memory. NULL
   otherwise. */
static const char *frame_place_key(ex *x, place pl, const char **name);

static const char *frame_local_key(ex *x, const ast_node *arg, const char **name)
{
    place pl;
    return address_of_local(x, arg, &pl) ? frame_place_key(x, pl, name) : NULL;
}

/* frame_local_key's key for a place in a local of this function (`m` for a lock declared in the
   function, `local.mu`), or NULL. */
static const char *frame_place_key(ex *x, place pl, const char **name)
{
    const ast_var *v = pl.root;
    if (!v || (v->ty & TY_ARRAY) || v->storage != STORAGE_LOCAL || !ast_var_is_auto(v) ||
        v->index >= x->fn->nvars || x->fn->vars[v->index] != v || !pl.path || !accx_direct_path(pl.path))
        return NULL;
    if (!x->frame_only) {
        /* per local, its addresses taken, and those of them given straight to a call that starts
           no thread: equal counts mark it 1 */
        const cfg *g = x->in->cfgs[x->f];
        uint32_t nv = x->fn->nvars;
        uint32_t *all = fl_xcalloc(2 * (size_t)nv + 2, sizeof *all), *straight = all + nv + 1;
        for (uint32_t bi = 0; bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const ast_node *n = g->blocks[bi].elems[i].node;
                if (g->blocks[bi].elems[i].kind != CFG_EXPR || !n)
                    continue;
                place q;
                const ast_var *w = address_of_local(x, n, &q);
                if (w)
                    all[w->index]++;
                else if (n->kind == AST_REF && n->var && (n->ty & TY_ARRAY) && n->var->index < nv &&
                         x->fn->vars[n->var->index] == n->var)
                    all[n->var->index] += 2; /* an array's name is its address: never counted straight */
                if (n->kind != AST_CALL || thr_classify(x->in->sums, n).kind != THR_NONE)
                    continue;
                for (uint16_t k = 1; k < n->nkids; k++)
                    if ((w = address_of_local(x, n->kids[k], &q)) != NULL)
                        straight[w->index]++;
            }
        x->frame_only = FL_NEW_ARRAY(x->A, uint8_t, nv + 1);
        for (uint32_t k = 0; k < nv; k++)
            x->frame_only[k] = all[k] && all[k] == straight[k] ? 1 : 2;
        free(all);
    }
    if (x->frame_only[v->index] != 1)
        return NULL;
    *name = place_str(x->A, pl);
    return fl_arena_concat(x->A, accx_local_key(x, 't', v), pl.path);
}

/* The objects a call's pointer arguments point to (acc_call.args). */
static void call_args(ex *x, const ast_node *n, acc_call *c)
{
    uint32_t na = n->nkids - 1 < ACC_MAX_PARAMS ? n->nkids - 1 : ACC_MAX_PARAMS;
    const char *k[ACC_MAX_PARAMS], *name[ACC_MAX_PARAMS];
    uint32_t last = 0;
    for (uint32_t i = 0; i < na; i++) {
        k[i] = pointee_key(x, n->kids[1 + i], &name[i]);
        if (!k[i])
            k[i] = frame_local_key(x, n->kids[1 + i], &name[i]);
        if (k[i])
            last = i + 1;
    }
    if (!last)
        return;
    c->args = fl_arena_memdup(x->A, k, last * sizeof *k);
    c->arg_names = fl_arena_memdup(x->A, name, last * sizeof *name);
    c->nargs = last;
}

/* ---- loop counters ------------------------------------------------------------------------------ */

static bool is_literal(ast_node *e)
{
    e = ast_strip_casts(e);
    if (e && e->kind == AST_UNARY && (e->op == UN_MINUS || e->op == UN_PLUS) && e->nkids)
        e = ast_strip_casts(e->kids[0]);
    return e && e->kind == AST_LITERAL;
}

/* `v + 1`, `v - 2`: v stepped by a constant. */
static bool steps_itself(ast_node *e, const ast_var *v)
{
    e = ast_strip_casts(e);
    if (!e || e->kind != AST_BINARY || (e->op != BIN_ADD && e->op != BIN_SUB) || e->nkids != 2)
        return false;
    ast_node *l = ast_strip_casts(e->kids[0]);
    return l && l->kind == AST_REF && l->var == v && is_literal(e->kids[1]);
}

/* A write n of local w (val: its value, cond_local_write's) keeps it a counter: a constant, or
   a step by a constant (`i = i + 1`, `++`, `--`, `+= 2`). */
static bool counter_write(const ast_node *n, const ast_var *w, ast_node *val)
{
    if (val)
        return is_literal(val) || steps_itself(val, w);
    if (n->kind == AST_UNARY)
        return true; /* ++, -- */
    return (n->op == BIN_ADD_ASSIGN || n->op == BIN_SUB_ASSIGN) && n->nkids == 2 && is_literal(n->kids[1]);
}

/* Locals that take the same values in every thread running the function, whatever its argument:
   every definition is a constant or steps the variable itself by one (`i = 0`, `i++`, `i += 2`,
   `i = i + 4`), and its address is not taken. An array indexed by one (`for (i = 0; i < N; i++)
   data[i] = ...`) is walked alike by every thread; one indexed by a thread's id is not. */
static void find_counters(ex *x, const cfg *g)
{
    const ast_func *fn = x->fn;
    if (x->counter)
        return;
    x->counter = FL_NEW_ARRAY(x->A, bool, fn->nvars + 1);
    for (uint32_t v = 0; v < fn->nvars; v++)
        x->counter[v] = fn->vars[v]->storage == STORAGE_LOCAL && (fn->vars[v]->ty & TY_INT) &&
                        !(fn->vars[v]->flags & AST_VAR_ADDRESS_TAKEN);
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            ast_node *val;
            const ast_var *w = cond_local_write(fn, el, &val);
            if (!w || !x->counter[w->index])
                continue;
            x->counter[w->index] = counter_write(el->node, w, val);
        }
}

/* The variable an index is, or wraps round an array (`data[i % N]`, `ring[i & MASK]`: a counter
   wrapped so takes the same values in every thread too; *wrapped set); NULL for anything else. */
static const ast_var *index_var(const ast_node *ix, bool *wrapped)
{
    ix = ast_strip_casts((ast_node *)ix);
    *wrapped = ix && ix->kind == AST_BINARY && (ix->op == BIN_REM || ix->op == BIN_AND) && ix->nkids == 2 &&
               is_literal(ix->kids[1]);
    if (*wrapped)
        ix = ast_strip_casts(ix->kids[0]);
    return ix && ix->kind == AST_REF ? ix->var : NULL;
}

/* Per argument of call n (bit i), whether it is a counter of the function, or wraps one, as an
   index (index_var); and in four bits each, the function's parameter it is plus one (0: none). */
static void index_args(ex *x, const ast_node *n, acc_call *c)
{
    uint32_t na = n->nkids - 1 < ACC_MAX_PARAMS ? n->nkids - 1 : ACC_MAX_PARAMS;
    for (uint32_t i = 0; i < na; i++) {
        const ast_node *a = n->kids[1 + i];
        if (!a || !(a->ty & TY_INT))
            continue;
        bool wrapped;
        const ast_var *v = index_var(a, &wrapped);
        if (!v || v->index >= x->fn->nvars || x->fn->vars[v->index] != v)
            continue;
        find_counters(x, x->in->cfgs[x->f]);
        if (x->counter[v->index])
            c->counter_args |= (uint8_t)(1u << i);
        else if (!wrapped && accx_own_param(x, v) && v->index < 15)
            c->param_args |= (v->index + 1u) << (4 * i);
    }
}

static ast_node **single_defs(ex *x, const cfg *g);
static bool makes_new_object(ex *x, const ast_func *fn);

/* Per pointer argument of call n, in block bi (bit i, acc_call.fresh_args): a local declared in
   the body of the innermost loop around the call (not its `for` header), whose one definition
   is an allocation or a call of a function of the unit that returns new memory, and whose
   address is not taken: each round of the loop passes a new object. */
static void fresh_args(ex *x, const ast_node *n, uint32_t bi, acc_call *c)
{
    const cfg *g = x->in->cfgs[x->f];
    const ast_node *loop = g->blocks[bi].loop;
    if (!loop)
        return;
    uint32_t na = n->nkids - 1 < ACC_MAX_PARAMS ? n->nkids - 1 : ACC_MAX_PARAMS;
    for (uint32_t i = 0; i < na; i++) {
        const ast_node *a = ast_strip_casts(n->kids[1 + i]);
        const ast_var *v = a && a->kind == AST_REF ? a->var : NULL;
        if (!v || !(v->ty & TY_POINTER) || v->storage != STORAGE_LOCAL || !ast_var_is_auto(v) ||
            (v->flags & AST_VAR_ADDRESS_TAKEN) || v->index >= x->fn->nvars || x->fn->vars[v->index] != v ||
            !fl_span_within(v->span, loop->span) ||
            (loop->kind == AST_FOR && loop->nkids && loop->kids[0] && fl_span_within(v->span, loop->kids[0]->span)))
            continue;
        const ast_node *d = single_defs(x, g)[v->index];
        d = d ? ast_strip_casts((ast_node *)d) : NULL;
        if (d && (lv_is_alloc_call(d) || (d->kind == AST_CALL && d->callee && d->callee->def &&
                                          makes_new_object(x, d->callee->def))))
            c->fresh_args |= (uint8_t)(1u << i);
    }
}

/* An index computed from data (`bucket_of(s->data[i])`, `hash(keys[i]) % N`): a call given an
   element of some array. Whatever partition of the work each thread has, two threads' data may
   pick the same element (a histogram's bucket, a hash table's slot), unlike an index that is a
   thread's id or a counter over its own slice. Bounded walk of the expression. */
static bool index_from_data(const ast_node *ix)
{
    const ast_node *stack[32];
    uint32_t n = 0;
    stack[n++] = ix;
    while (n) {
        const ast_node *e = stack[--n];
        if (!e)
            continue;
        if (e->kind == AST_CALL && e->nkids > 1 && e->callee && !e->callee->system)
            for (uint16_t k = 1; k < e->nkids; k++) {
                const ast_node *a = ast_strip_casts(e->kids[k]);
                if (a && a->kind == AST_INDEX)
                    return true;
            }
        for (uint16_t k = 0; k < e->nkids && n < 32; k++)
            stack[n++] = e->kids[k];
    }
    return false;
}

/* Visit the elements before the current one on the straight way back, nearest first: in its
   block, then up through blocks with one predecessor (a bounded walk), until `visit` says stop
   (returns true: so does the walk) or the way meets a join. */
static bool walk_back(ex *x, bool (*visit)(ex *x, uint32_t b, uint32_t i, void *ctx), void *ctx)
{
    const cfg *g = x->in->cfgs[x->f];
    uint32_t b = x->cur_block, end = x->cur_elem;
    for (int steps = 0; steps < 16; steps++) {
        const cfg_block *bl = &g->blocks[b];
        for (uint32_t i = end; i-- > 0;)
            if (visit(x, b, i, ctx))
                return true;
        if (bl->npreds != 1)
            return false;
        b = bl->preds[0];
        end = g->blocks[b].nelems;
    }
    return false;
}

/* The element `arr[v]` an lvalue is in (`jobs[i].len`: jobs and i, locals of the function, jobs
   an array), else false. With `through` (not NULL), also what the element points to
   (`jobs[i]->sink`, *through set). */
static bool local_element(const ast_node *n, const ast_var **arr, const ast_var **v, bool *through)
{
    if (through)
        *through = false;
    for (int guard = 0; n && guard < 16; guard++) {
        n = ast_strip_parens((ast_node *)n);
        if (n && n->kind == AST_MEMBER && n->nkids == 1 && (!(n->flags & AST_F_ARROW) || (through && !*through))) {
            if (n->flags & AST_F_ARROW)
                *through = true;
            n = n->kids[0];
            continue;
        }
        if (!n || n->kind != AST_INDEX || n->nkids != 2 || (through && *through && !(n->ty & TY_POINTER)))
            return false;
        const ast_node *b = ast_strip_parens(n->kids[0]), *i = ast_strip_casts(n->kids[1]);
        if (!b || b->kind != AST_REF || !b->var || !(b->var->ty & TY_ARRAY) || !ast_var_is_auto(b->var) || !i ||
            i->kind != AST_REF || !i->var)
            return false;
        *arr = b->var;
        *v = i->var;
        return true;
    }
    return false;
}

typedef struct own_spawn_walk {
    const ast_var *arr, *iv;
    bool through;
    const ast_node *spawn;
} own_spawn_walk;

static bool visit_own_spawn(ex *x, uint32_t b, uint32_t i, void *ctx)
{
    own_spawn_walk *w = ctx;
    for (uint32_t s = 0; s < x->rf->nspawns; s++) {
        const run_spawn *rs = &x->rf->spawns[s];
        const ast_node *a = rs->block == b && rs->elem == i && !rs->starter ? thr_arg_object(rs->tc.arg) : NULL;
        if (a && !w->through)
            a = a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids == 1 ? a->kids[0] : NULL;
        const ast_var *sa, *si;
        if (a && local_element(a, &sa, &si, NULL) && sa == w->arr && si == w->iv) {
            w->spawn = rs->call;
            return true;
        }
    }
    ast_node *val;
    return cond_local_write(x->fn, &x->in->cfgs[x->f]->blocks[b].elems[i], &val) == w->iv;
}

/* The spawn of the current function that the access n at the current element follows on the
   straight way (walk_back), passing the element n names (`&jobs[i]` for `jobs[i].sink`,
   `jobs[i]` for `jobs[i]->sink`) with its index not written since; else NULL. */
static const ast_node *after_own_spawn(ex *x, const ast_node *n)
{
    own_spawn_walk w = {0};
    if (!x->rf || !x->rf->nspawns || !local_element(n, &w.arr, &w.iv, &w.through))
        return NULL;
    walk_back(x, visit_own_spawn, &w);
    return w.spawn;
}

/* What an element of a local array of pointers points to, where spawns pass the elements
   (`jobs[i]->sink` with `pthread_create(..., jobs[i])`, sp_obj.elem_ptr): "<array>[?]" with the
   rest of the path, one object per thread; else NULL. */
static const char *element_pointee_key(ex *x, const ast_node *n, place pl, const char **name)
{
    if (strncmp(pl.path, "[*]*", 4) != 0 || !accx_direct_path(pl.path + 4) || !x->objs)
        return NULL;
    for (uint32_t j = 0; j < x->rf->nspawns; j++)
        if (x->objs[j].var == pl.root && x->objs[j].elem_ptr) {
            /* named with its index as written (`jobs[i]->sink`) */
            const ast_var *arr, *iv;
            bool through;
            *name = place_str(x->A, pl);
            const char *u = strstr(*name, "[_]");
            if (u && local_element(n, &arr, &iv, &through) && iv->name)
                *name = fl_arena_sprintf(x->A, "%.*s[%s]%s", (int)(u - *name), *name, iv->name, u + 3);
            return fl_arena_concat(x->A, x->objs[j].key, pl.path + 4);
        }
    return NULL;
}

/* A search function of the unit: every return gives either a constant (`return -1;`, not
   found) or the same local counter (`return i;` from inside `for (i = 0; i < t->n; i++) if
   (t->r[i].key == key)`), which indexes an array on the way; at least one of each. Its result
   names an element picked by content, which any thread may pick. */
static bool returns_search_index(const ast_func *fn, const cfg *g)
{
    const ast_var *v = NULL;
    bool constant = false;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const ast_node *t = g->blocks[bi].term;
        if (!t || t->kind != AST_RETURN)
            continue;
        ast_node *e = t->nkids ? ast_strip_casts(t->kids[0]) : NULL;
        if (!e)
            return false;
        if (is_literal(e) || (e->kind == AST_UNARY && e->op == UN_MINUS && e->nkids == 1 && is_literal(e->kids[0]))) {
            constant = true;
            continue;
        }
        if (e->kind != AST_REF || !e->var || e->var->storage != STORAGE_LOCAL || !(e->var->ty & TY_INT) ||
            (e->var->flags & AST_VAR_ADDRESS_TAKEN) || (v && v != e->var))
            return false;
        v = e->var;
    }
    if (!v || !constant)
        return false;
    /* a counter (set to constants, stepped by constants) that indexes something */
    bool indexes = false;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            ast_node *val;
            if (cond_local_write(fn, el, &val) == v && !counter_write(el->node, v, val))
                return false;
            const ast_node *stack[32];
            uint32_t k = 0;
            stack[k++] = el->node;
            while (k && !indexes) {
                const ast_node *e = stack[--k];
                if (!e)
                    continue;
                if (e->kind == AST_INDEX && e->nkids == 2) {
                    const ast_node *ix = ast_strip_casts(e->kids[1]);
                    indexes = ix && ix->kind == AST_REF && ix->var == v;
                }
                for (uint16_t c = 0; c < e->nkids && k < 32; c++)
                    stack[k++] = e->kids[c];
            }
        }
    return indexes;
}

typedef struct def_walk {
    const ast_var *v;
    ast_node *val;
} def_walk;

static bool visit_def(ex *x, uint32_t b, uint32_t i, void *ctx)
{
    def_walk *w = ctx;
    return cond_local_write(x->fn, &x->in->cfgs[x->f]->blocks[b].elems[i], &w->val) == w->v;
}

/* The value of the last write of local v on the straight way to the current element
   (walk_back), or NULL. */
static ast_node *last_def_before(ex *x, const ast_var *v)
{
    def_walk w = {v, NULL};
    return walk_back(x, visit_def, &w) ? w.val : NULL;
}

/* Index v at the current element holds what a search function of the unit returned (`i =
   rt_find(t, prefix, len);`), directly or as its single definition. Search functions are
   found at the first need, one pass over each. */
static bool index_from_search(ex *x, const ast_var *v, const ast_node *def)
{
    ast_node *c = ast_strip_casts(def ? (ast_node *)def : last_def_before(x, v));
    const ast_func *d = c && c->kind == AST_CALL && c->callee ? c->callee->def : NULL;
    const ast_tu *tu = x->in->tu;
    if (!d || d->index >= tu->nfuncs || tu->funcs[d->index] != d || !x->in->cfgs[d->index])
        return false;
    if (!x->search_fn)
        x->search_fn = FL_NEW_ARRAY(x->A, uint8_t, tu->nfuncs + 1);
    uint8_t *s = &x->search_fn[d->index];
    if (!*s)
        *s = returns_search_index(d, x->in->cfgs[d->index]) ? 2 : 1;
    return *s == 2;
}

/* element_key's key for the array at path `arr` (without its last "[*]") of the object `obj`
   (a key), indexed by the access n; named as written from `root` and its path `name_arr`. */
static const char *element_key_of(ex *x, const ast_node *n, const char *obj, const char *arr, const ast_var *root,
                                  const char *name_arr, const char **name, bool *whole)
{
    n = ast_strip_parens((ast_node *)n);
    if (n && n->kind == AST_UNARY && n->op == UN_DEREF && n->nkids == 1) {
        n = ast_strip_casts(n->kids[0]); /* `*(buf + i)` */
        if (!n || n->kind != AST_BINARY || n->op != BIN_ADD)
            return NULL;
    } else if (!n || n->kind != AST_INDEX)
        return NULL;
    if (n->nkids != 2)
        return NULL;
    /* the index: the operand that is not the array (`i[buf]` is rare, and `i + buf` too) */
    const ast_node *ix = ast_strip_casts(n->kids[1]);
    if (ix && (ix->ty & (TY_ARRAY | TY_POINTER)))
        ix = ast_strip_casts(n->kids[0]);
    bool wrapped;
    const ast_var *v = index_var(ix, &wrapped);
    /* `buf[i]` through a pointer is written so, not `*buf` indexed */
    const char *base = strcmp(name_arr, "*") == 0 ? root->name : place_str(x->A, (place){(ast_var *)root, name_arr});
    *name = fl_arena_sprintf(x->A, "%s[%s]", base, v && v->name ? v->name : "_");
    *whole = false;
    if (v && v->index < x->fn->nvars && x->fn->vars[v->index] == v) {
        find_counters(x, x->in->cfgs[x->f]); /* once per function, and only where a shared array is indexed */
        *whole = x->counter[v->index];
        /* by a parameter: what each call passes decides (acc_access.index_param) */
        if (!*whole && accx_own_param(x, v) && v->index < ACC_MAX_PARAMS)
            x->index_param = (int32_t)v->index;
    }
    if (wrapped)
        *name = fl_arena_sprintf(x->A, "%s[_]", base); /* not the variable itself */
    /* from data, directly or through a local defined once so (`int b = bucket_of(d[i]);`):
       any element, as the whole array */
    const ast_node *def = v && v->index < x->fn->nvars && x->fn->vars[v->index] == v && !*whole
                              ? cond_def_of(x->fn, single_defs(x, x->in->cfgs[x->f]), (ast_node *)ix)
                              : NULL;
    /* what a search returned (`i = rt_find(t, key);`): any element, named as written */
    if (!*whole && v && v->storage == STORAGE_LOCAL && !(v->flags & AST_VAR_ADDRESS_TAKEN) &&
        v->index < x->fn->nvars && x->fn->vars[v->index] == v && index_from_search(x, v, def))
        *whole = true;
    if (!*whole && index_from_data(v ? def : ix)) {
        *whole = true;
        *name = fl_arena_sprintf(x->A, "%s[_]", base);
    }
    return fl_arena_sprintf(x->A, "%s%s%s", obj, arr, *whole ? "" : "[?]");
}

/* The element of a shared array that an access names by an index not known here (the element
   being the whole lvalue; the array itself, or the buffer a global pointer holds): its key and
   its name as written (*name); else NULL.
    - by a counter (`data[i]`, *whole set): the key of the array, accessed whole, since the
      counter takes the same values in every thread;
    - by any other index (`data[id]`): "<array>[?]", some element, which races with the whole
      array's accesses only (two threads' unknown indexes are most often their own slots). */
static const char *element_key(ex *x, const ast_node *n, place pl, const char **name, bool *whole, bool *arg)
{
    *arg = false;
    /* a field of the element (`buckets[i].count`): the element's key, then the field, which the
       walk down to the index leaves */
    const char *last = strstr(pl.path, "[*]");
    if (!last || strstr(last + 3, "[*]"))
        return NULL;
    const char *suffix = last + 3;
    size_t nfields = 0;
    for (const char *f = suffix; *f; f++) {
        if (*f == '*' || *f == '[')
            return NULL;
        nfields += *f == '.';
    }
    for (size_t k = 0; k < nfields; k++) {
        n = ast_strip_parens((ast_node *)n);
        if (!n || n->kind != AST_MEMBER || (n->flags & AST_F_ARROW) || !n->nkids)
            return NULL;
        n = n->kids[0];
    }
    if (*suffix) {
        const char *el = element_key(x, n, (place){pl.root, fl_arena_strndup(x->A, pl.path, (size_t)(suffix - pl.path))},
                                     name, whole, arg);
        if (!el)
            return NULL;
        *name = fl_arena_concat(x->A, *name, suffix);
        /* the same field of every element, or of some element */
        return acc_key_some_element(el) ? fl_arena_concat(x->A, el, suffix)
                                        : fl_arena_sprintf(x->A, "%s[?]%s", el, suffix);
    }
    size_t len = strlen(pl.path);
    /* through the first parameter (`d[i]` in `fill(int *d)`, `j->buf[i]` with j = arg) or a
       local pointer with one target (`int *p = counts; p[i]`): the element of the object it
       points to, "a:..." or the target's key, with the rest of the path as for a global */
    const char *prefix = NULL;
    if (pl.path[0] == '*' && strchr(pl.path + 1, '*') == pl.path + len - 2) {
        bool ta;
        if (is_alias_var(x, pl.root))
            prefix = param_prefix(x, alias_param(x, pl.root)), *arg = true;
        else if ((prefix = target_of_var(x, pl.root, &ta)) != NULL)
            *arg = ta;
    }
    if (prefix) {
        return element_key_of(x, n, prefix, fl_arena_strndup(x->A, pl.path + 1, len - 4), pl.root,
                              fl_arena_strndup(x->A, pl.path, len - 3), name, whole);
    }
    if (!accx_is_shared_storage(pl.root)) {
        /* an element of a local array whose elements spawns pass one each (`args[i]`) */
        const char *obj = strcmp(pl.path, "[*]") == 0 && pl.root->storage == STORAGE_LOCAL &&
                                  accx_per_instance(x, pl.root)
                              ? accx_obj_key_of(x, pl.root, false)
                              : NULL;
        if (!obj)
            return NULL;
        const char *k = element_key_of(x, n, obj, "", pl.root, "", name, whole);
        /* by a loop counter: every element, unless the loop starts or joins the threads */
        *whole = *whole && accx_walks_every_element(x, x->in->cfgs[x->f], x->cur_block, x->cur_elem);
        return k && strcmp(k, obj) == 0 ? fl_arena_sprintf(x->A, "%s[?]", obj) : k;
    }
    /* the array itself (`table[i]`, path "[*]"), or what a global pointer points to (`buf[i]`,
       "*[*]"): no other dereference on the way */
    const char *star = strchr(pl.path, '*');
    if (star != pl.path + len - 2 && !(star == pl.path + len - 4 && strchr(star + 1, '*') == pl.path + len - 2 &&
                                       (pl.root->ty & TY_POINTER)))
        return NULL;
    const char *arr = fl_arena_strndup(x->A, pl.path, len - 3);
    const char *k = element_key_of(x, n, accx_var_key(x, pl.root), arr, pl.root, arr, name, whole);
    /* a global array whose elements this function's spawns pass one each (`&jobs[k]`), by a
       counter of the loop that starts or joins them: the one element whose thread has not
       started, or has ended, as for a local array */
    if (*whole && !arr[0] && accx_per_instance(x, pl.root))
        *whole = accx_walks_every_element(x, x->in->cfgs[x->f], x->cur_block, x->cur_elem);
    return k;
}

/* ---- the parameters' aliases --------------------------------------------------------------- */

/* The pointer parameters (the first ACC_MAX_PARAMS), and locals whose every definition copies
   an alias of one of them (`struct s *s = arg;`), never reassigned otherwise and whose address is
   not taken: each holds its parameter's value at every use. */
static void find_aliases(ex *x, const cfg *g)
{
    const ast_func *fn = x->fn;
    uint32_t nv = fn->nvars ? fn->nvars : 1;
    x->alias = FL_NEW_ARRAY(x->A, int8_t, nv);
    memset(x->alias, -1, nv);
    bool any = false;
    for (uint32_t i = 0; i < fn->nparams && i < ACC_MAX_PARAMS; i++) {
        const ast_var *v = fn->params[i];
        if ((v->ty & TY_POINTER) && !(v->flags & AST_VAR_ADDRESS_TAKEN) && v->index < fn->nvars &&
            fn->vars[v->index] == v)
            x->alias[v->index] = (int8_t)i, any = true;
    }
    if (!any)
        return;
    /* -2: a local that may copy an alias, its parameter not seen yet */
    const int8_t open = -2;
    for (uint32_t v = 0; v < fn->nvars; v++)
        if (fn->vars[v]->storage == STORAGE_LOCAL && (fn->vars[v]->ty & TY_POINTER) &&
            !(fn->vars[v]->flags & AST_VAR_ADDRESS_TAKEN))
            x->alias[v] = open;
    bool *defd = FL_NEW_ARRAY(x->A, bool, nv);
    for (bool changed = true; changed;) {
        changed = false;
        memset(defd, 0, nv * sizeof *defd);
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
                if (!v || v->index >= fn->nvars || fn->vars[v->index] != v || x->alias[v->index] == -1)
                    continue;
                int8_t *a = &x->alias[v->index];
                ast_node *r = rhs ? ast_strip_casts(rhs) : NULL;
                const ast_var *from = r && r->kind == AST_REF && r->var && r->var->index < fn->nvars &&
                                              fn->vars[r->var->index] == r->var
                                          ? r->var
                                          : NULL;
                int8_t fa = from ? x->alias[from->index] : -1;
                if (v->storage != STORAGE_LOCAL || fa == -1 || (*a >= 0 && fa >= 0 && fa != *a)) {
                    *a = -1; /* a parameter written, or a local given something else */
                    changed = true;
                } else {
                    if (*a == open && fa >= 0) {
                        *a = fa;
                        changed = true;
                    }
                    defd[v->index] = true;
                }
            }
        for (uint32_t v = 0; v < fn->nvars; v++)
            if (x->alias[v] != -1 && fn->vars[v]->storage == STORAGE_LOCAL && !defd[v]) {
                x->alias[v] = -1;
                changed = true;
            }
        /* settled: locals still open copy each other only, and hold no parameter's value (a
           round more, for the locals that copy them) */
        if (!changed)
            for (uint32_t v = 0; v < fn->nvars; v++)
                if (x->alias[v] == open)
                    x->alias[v] = -1, changed = true;
    }
}

static const char *call_result_target(ex *x, const ast_node *r);

/* ---- pointers a function returns into what its parameter points to --------------------------- */

static bool returns_pointer(const ast_callee *c);

/* Does some element of g write v itself (`c = c->next`, `c++`)? */
static bool var_written(const cfg *g, const ast_var *v)
{
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++)
            if (cond_written_var(&g->blocks[bi].elems[i]) == v)
                return true;
    return false;
}

/* Does `&lvalue` index an array by a local of its function on the way (`&c->slots[i]`, i the
   counter of a search loop)? */
static bool indexed_by_local(const ast_node *addr)
{
    ast_node *l = addr->kind == AST_UNARY && addr->op == UN_ADDR_OF && addr->nkids == 1 ? ast_strip_casts(addr->kids[0])
                                                                                        : NULL;
    for (; l && (l->kind == AST_INDEX || l->kind == AST_MEMBER) && l->nkids >= 1; l = ast_strip_casts(l->kids[0])) {
        const ast_node *i = l->kind == AST_INDEX && l->nkids == 2 ? ast_strip_casts(l->kids[1]) : NULL;
        if (i && i->kind == AST_REF && i->var && i->var->storage == STORAGE_LOCAL)
            return true;
    }
    return false;
}

#define RET_GLOBAL (-2)

/* A function whose every return that is not a null pointer gives the address of one place
   inside what one of its pointer parameters points to, the same at every return (a lookup:
   `return &c->slots[i];` ... `return NULL;`): that parameter's index, and the place's path from
   it ("*.slots[*]"), into x->ret_param[f] (left -1 otherwise) and x->ret_path[f]. A call
   passing `c` then returns a pointer into `*c`, as `&c->slots[i]` written in place would. Or
   the address of an element of one global array (`return &clients[i];`): RET_GLOBAL, the array
   in x->ret_global[f], the path from it ("[*]"). A returned local (`found = &clients[i];
   break; ... return found;`) counts by its definitions, each such an address or null. */
static void find_param_returns(ex *x, uint32_t f)
{
    const cfg *g = x->in->cfgs[f];
    const ast_func *fn = x->in->tu->funcs[f];
    if (!fn->self || !returns_pointer(fn->self))
        return;
    const ast_var *root = NULL;
    const char *path = NULL;
    bool found = false;
    enum { MAX_DEFS = 8 };
    ast_node **defs = NULL;
    const ast_var *defs_of = NULL; /* the local whose definitions defs holds: one walk each */
    uint32_t ndefs = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const ast_node *t = g->blocks[bi].term;
        if (!t || t->kind != AST_RETURN)
            continue;
        ast_node *e = t->nkids ? ast_strip_casts(t->kids[0]) : NULL;
        if (!e)
            return;
        ast_node **vals = &e;
        uint32_t nv = 1;
        if (e->kind == AST_REF && e->var && (e->var->ty & TY_POINTER) && e->var->storage == STORAGE_LOCAL) {
            if (defs_of != e->var) {
                if (defs_of)
                    return; /* two locals returned */
                defs_of = e->var;
                bool bare;
                defs = cond_local_defs(x->A, fn, g, e->var, &ndefs, &bare);
                if (bare || ndefs > MAX_DEFS)
                    defs = NULL; /* declared without a value, or too many values to follow */
            }
            if (!defs || !ndefs)
                return;
            vals = defs, nv = ndefs;
        }
        for (uint32_t k = 0; k < nv; k++) {
            ast_node *v = ast_strip_casts(vals[k]);
            if (cond_is_zero(v))
                continue;
            found |= indexed_by_local(v);
            place pl = place_of_pointee(x->A, v);
            bool param = pl.root && pl.root->storage == STORAGE_PARAM && pl.root->index < fn->nparams &&
                         fn->params[pl.root->index] == pl.root && !(pl.root->flags & AST_VAR_ADDRESS_TAKEN) &&
                         pl.path[0] == '*';
            bool global = pl.root && accx_is_shared_storage(pl.root) && (pl.root->ty & TY_ARRAY) &&
                          strncmp(pl.path, "[*]", 3) == 0 && !strpbrk(pl.path + 3, "*[");
            if ((!param && !global) || (root && (root != pl.root || strcmp(path, pl.path) != 0)))
                return;
            root = pl.root, path = pl.path;
        }
    }
    if (!root)
        return;
    if (accx_is_shared_storage(root)) {
        if (!found)
            return; /* `return &table[0];`: one element, which find_returns may name */
        x->ret_param[f] = RET_GLOBAL;
        x->ret_global[f] = root;
    } else {
        if (root->index > INT8_MAX || var_written(g, root))
            return;
        x->ret_param[f] = (int8_t)root->index;
    }
    x->ret_path[f] = path;
    x->ret_found[f] = found;
}

/* The place a call to a function of find_param_returns points into, through the argument it
   passes for that parameter (`cache_find(c, key)`: {c, "*.slots[*]"}), and whether it is an
   element the function's search found; {NULL, NULL} otherwise. */
static place param_return_place(ex *x, const ast_node *call, bool *found)
{
    place none = {NULL, NULL};
    const ast_func *d = call && call->kind == AST_CALL && call->callee ? call->callee->def : NULL;
    if (!d || d->index >= x->in->tu->nfuncs || x->in->tu->funcs[d->index] != d || !x->ret_param ||
        (x->ret_param[d->index] < 0 && x->ret_param[d->index] != RET_GLOBAL))
        return none;
    *found = x->ret_found[d->index];
    if (x->ret_param[d->index] == RET_GLOBAL)
        return (place){(ast_var *)x->ret_global[d->index], x->ret_path[d->index]};
    uint32_t k = 1 + (uint32_t)x->ret_param[d->index];
    ast_node *arg = k < call->nkids ? ast_strip_casts(call->kids[k]) : NULL;
    if (!arg)
        return none;
    place base = place_of_pointee(x->A, arg);
    if (!base.root && (arg->ty & TY_POINTER))
        base = place_append(x->A, place_of(x->A, arg), "*");
    return base.root ? place_append(x->A, base, x->ret_path[d->index] + 1) : none;
}

/* ---- local pointers to one location ------------------------------------------------------ */

/* Locals pointing to one location at every use: a pointer local, not the thread argument's
   alias, whose address is never taken and whose every definition (its initializer, plain
   assignments) gives it the address of the same location (`long *p = &count;`,
   `int *c = &s->count` with s the thread argument, `char *b = gbuf` with gbuf a global pointer,
   or another such local); no other write (`p++`, `p += n`). `*p` and `p->f` are then that
   location. A few rounds settle copies of copies; a local still changing after them has none. */
static void find_targets(ex *x, const cfg *g)
{
    const ast_func *fn = x->fn;
    x->target = FL_NEW_ARRAY(x->A, const char *, fn->nvars + 1);
    x->target_arg = FL_NEW_ARRAY(x->A, bool, fn->nvars + 1);
    x->target_name = FL_NEW_ARRAY(x->A, const char *, fn->nvars + 1);
    x->target_def = FL_NEW_ARRAY(x->A, const ast_node *, fn->nvars + 1);
    bool *bad = FL_NEW_ARRAY(x->A, bool, fn->nvars + 1);
    bool any = false;
    for (uint32_t v = 0; v < fn->nvars; v++) {
        const ast_var *var = fn->vars[v];
        bad[v] = !(var->ty & TY_POINTER) || (var->flags & AST_VAR_ADDRESS_TAKEN) || var->storage != STORAGE_LOCAL ||
                 is_alias_var(x, var);
        any |= !bad[v];
    }
    if (!any)
        return;
    const char **next = FL_NEW_ARRAY(x->A, const char *, fn->nvars + 1);
    bool *next_arg = FL_NEW_ARRAY(x->A, bool, fn->nvars + 1);
    bool *unresolved = FL_NEW_ARRAY(x->A, bool, fn->nvars + 1);
    for (int round = 0; round < 4; round++) {
        memset(next, 0, fn->nvars * sizeof *next);
        memset(unresolved, 0, fn->nvars * sizeof *unresolved);
        for (uint32_t bi = 0; bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const cfg_elem *el = &g->blocks[bi].elems[i];
                if (el->kind == CFG_EXPR && !el->node)
                    continue;
                ast_var *v = NULL;
                ast_node *rhs = cond_stored_value(el, &v);
                if (!rhs) {
                    v = (ast_var *)cond_written_var(el); /* p++, p += n: no single target */
                    if (v && v->index < fn->nvars && fn->vars[v->index] == v)
                        bad[v->index] = true;
                    continue;
                }
                if (!v || v->index >= fn->nvars || fn->vars[v->index] != v || bad[v->index])
                    continue;
                place pl = place_of_pointee(x->A, rhs);
                ast_node *r = ast_strip_casts(rhs);
                if (!pl.root && r && (r->ty & TY_POINTER))
                    pl = place_append(x->A, place_of(x->A, r), "*");
                bool found;
                if (!pl.root)
                    pl = param_return_place(x, r, &found);
                bool arg = false;
                const char *k = pl.root ? accx_place_key(x, pl, &arg) : call_result_target(x, r);
                if (!k)
                    unresolved[v->index] = true; /* perhaps a copy of a local not settled yet */
                else if (next[v->index] && (strcmp(k, next[v->index]) != 0 || arg != next_arg[v->index]))
                    bad[v->index] = true; /* two different targets */
                else {
                    if (!next[v->index]) {
                        x->target_def[v->index] = rhs;
                        /* the name of what it points to: the target's own, through a copy */
                        bool ta;
                        const ast_node *rr = r && r->kind == AST_REF ? r : NULL;
                        x->target_name[v->index] = rr && rr->var && target_of_var(x, rr->var, &ta)
                                                       ? x->target_name[rr->var->index]
                                                   : pl.root ? place_str(x->A, pl)
                                                             : fl_arena_sprintf(x->A, "%s()", r->callee->name);
                    }
                    next[v->index] = k;
                    next_arg[v->index] = arg;
                }
            }
        bool changed = false;
        for (uint32_t v = 0; v < fn->nvars; v++) {
            const char *t = bad[v] || unresolved[v] ? NULL : next[v];
            changed |= (t == NULL) != (x->target[v] == NULL) || (t && strcmp(t, x->target[v]) != 0);
            x->target[v] = t;
            x->target_arg[v] = t && next_arg[v];
        }
        if (!changed)
            return;
    }
    memset(x->target, 0, fn->nvars * sizeof *x->target); /* still changing: nothing is sure */
}

/* ---- global pointers -------------------------------------------------------------------------- */

/* A global pointer written here (`g_ctx = ...`): the lvalue, when it is one. */
static bool is_global_pointer(place pl, const ast_node *lv)
{
    return pl.root && accx_is_shared_storage(pl.root) && accx_direct_path(pl.path) && !strstr(pl.path, "[") &&
           lv && (lv->ty & TY_POINTER);
}

/* The current function's locals defined once (cond_single_defs), computed at the first need. */
static ast_node **single_defs(ex *x, const cfg *g)
{
    if (!x->single_defs)
        x->single_defs = cond_single_defs(x->A, x->fn, g);
    return x->single_defs;
}

/* A local pointer whose value r is, defined once and outside any loop (`int *cnt =
   malloc(...)`, then `c->count = cnt;`): what it points to is one object, reached by others
   through the pointer it is stored in; marked escaped ("p:" key, as for a pointer a spawn
   passes). */
static void escape_pointee(ex *x, const cfg *g, const ast_node *r)
{
    r = ast_strip_casts((ast_node *)r);
    const ast_var *v = r && r->kind == AST_REF ? r->var : NULL;
    if (!v || v->storage != STORAGE_LOCAL || !ast_var_is_auto(v) || !(v->ty & TY_POINTER) ||
        (v->flags & AST_VAR_ADDRESS_TAKEN) || v->index >= x->fn->nvars || x->fn->vars[v->index] != v)
        return;
    const ast_node *def = single_defs(x, g)[v->index];
    if (!def)
        return;
    /* memory the function allocates, in a function that starts no thread and is not main: a
       new object each call, which may be several threads' calls (a node each producer fills
       in, then links into a list under a lock) */
    if (lv_is_alloc_call(def) && !(x->rf && x->rf->nspawns) && !ast_func_is_main(x->fn))
        return;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            ast_node *val;
            if (cond_local_write(x->fn, &g->blocks[bi].elems[i], &val) == v && g->blocks[bi].loop)
                return; /* a new object each time round */
        }
    if (!x->escaped_ptr)
        x->escaped_ptr = FL_NEW_ARRAY(x->A, const char *, x->fn->nvars + 1);
    x->escaped_ptr[v->index] = accx_local_key(x, 'p', v);
}

/* Locals whose address a global pointer takes (`g_ctx = &ctx;`, `g_buf = buf;`): other threads
   reach them through the pointer, so the function's own accesses of them are accesses of a
   location (its "v:" key, as for an object a spawn passes). */
static bool is_address(const ast_node *r)
{
    r = ast_strip_casts((ast_node *)r);
    return r && ((r->kind == AST_UNARY && r->op == UN_ADDR_OF) || (r->kind == AST_REF && (r->ty & TY_ARRAY)));
}

/* The local whose address value r is, marked escaped. */
static void escape(ex *x, const ast_node *r)
{
    place t = place_of_pointee(x->A, (ast_node *)r);
    const ast_var *v = t.root;
    if (!v || v->storage != STORAGE_LOCAL || !ast_var_is_auto(v) || v->index >= x->fn->nvars ||
        x->fn->vars[v->index] != v || !accx_direct_path(t.path))
        return;
    if (!x->escaped)
        x->escaped = FL_NEW_ARRAY(x->A, const char *, x->fn->nvars + 1);
    x->escaped[v->index] = accx_local_key(x, 'v', v);
}

/* Locals whose address a global pointer takes (`g_ctx = &ctx;`, `g_buf = buf;`), or a pointer
   field of an object a spawn passes (`args[i].sum = &total;`, `{1, &total}`): other threads reach
   them through the pointer, so the function's own accesses of them are accesses of a location
   (its "v:" key, as for an object a spawn passes). */
static void find_escapes(ex *x, const cfg *g)
{
    x->escaped = x->escaped_ptr = NULL;
    x->single_defs = NULL;
    x->frame_only = NULL;
    x->guard_of = NULL;
    x->guard_done = NULL;
    x->walks = NULL;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            const ast_node *n = el->node;
            if (el->kind == CFG_DECL && el->var && n && n->nkids == 1 && n->kids[0] &&
                n->kids[0]->kind == AST_INIT_LIST && x->objs && accx_obj_key_of(x, el->var, false)) {
                /* an initializer list's addresses, one level of nested lists down */
                const ast_node *l = n->kids[0];
                for (uint16_t k = 0; k < l->nkids; k++) {
                    const ast_node *e = l->kids[k];
                    for (uint16_t j = 0; e && e->kind == AST_INIT_LIST && j < e->nkids; j++)
                        if (is_address(e->kids[j]))
                            escape(x, e->kids[j]);
                    if (is_address(e))
                        escape(x, e);
                }
                continue;
            }
            if (!n || n->kind != AST_BINARY || n->op != BIN_ASSIGN || n->nkids != 2)
                continue;
            /* an address (`&ctx`, `&ctx.f`), an array by name, or a local pointer's value, before
               any place is made */
            const ast_node *r = ast_strip_casts(n->kids[1]);
            bool addr = is_address(r);
            if (!addr && !(r && r->kind == AST_REF && r->var && (r->ty & TY_POINTER)))
                continue;
            place lp = place_of(x->A, n->kids[0]);
            const ast_node *lv = ast_strip_casts(n->kids[0]);
            if (!is_global_pointer(lp, lv) && !accx_obj_field(x, lp, lv))
                continue;
            if (addr)
                escape(x, r);
            else
                escape_pointee(x, g, r);
        }
}

/* A write of the pointer with key `ptr` (a global pointer, or a pointer field of a spawn's object;
   the lvalue n, its parent p): what it points to after. */
static void record_store(ex *x, const char *ptr, const ast_node *n, const ast_node *p)
{
    acc_store st = {ptr, NULL, NULL, p};
    if (p && p->kind == AST_BINARY && p->op == BIN_ASSIGN && p->nkids == 2 && p->kids[0] == n) {
        st.to = accx_store_target(x, p->kids[1], &st.name);
        if (!st.to)
            st.to = accx_store_same_index(x, n, p->kids[1], &st.name);
    }
    fl_vec_push(&x->stores, st);
}

/* ---- functions that return one object's address ---------------------------------------------- */

static bool returns_pointer(const ast_callee *c)
{
    const ast_type *t = c->result ? ast_type_strip(c->result) : NULL;
    return t && t->kind == TYPE_POINTER;
}

/* A key of function c that means it in every unit: "<kind>:<name>", "<kind>:<file>:<name>" for a
   static one. */
static const char *fn_key(ex *x, char kind, const ast_callee *c)
{
    return c->is_static ? fl_arena_sprintf(x->A, "%c:%s:%s", kind, x->in->file, c->name)
                        : fl_arena_sprintf(x->A, "%c:%s", kind, c->name);
}

/* The key a function's result names in other functions' accesses (`*get()` is "r:get*"). */
static const char *returns_key(ex *x, const ast_callee *c)
{
    return fn_key(x, 'r', c);
}

/* A function returning a pointer whose every return gives the address of one global (`struct
   stats *stats_get(void) { return &stats; }`), or the value of one global pointer (`return
   g_cfg;`: what it points to, "g_cfg*"): recorded as "r:<function>" pointing to it, which the
   program reads as it reads a global pointer that only ever holds that address. */
static void find_returns(ex *x, const cfg *g)
{
    const ast_callee *self = x->fn->self;
    if (!self || !returns_pointer(self))
        return;
    const char *to = NULL, *name = NULL;
    const ast_node *def = NULL;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const ast_node *t = g->blocks[bi].term;
        if (!t || t->kind != AST_RETURN)
            continue;
        const char *kname = NULL;
        const char *k = t->nkids && t->kids[0] ? pointee_key(x, t->kids[0], &kname) : NULL;
        const char *star = k ? strchr(k, '*') : NULL;
        if (k && ((star && star[1]) || (k[0] != 'g' && k[0] != 's')))
            k = NULL; /* a global's own address, or a global pointer's value (`return g_cfg;`) */
        if (!k || (to && strcmp(k, to) != 0))
            return;
        to = k, name = kname, def = t;
    }
    if (!to)
        return;
    acc_store st = {returns_key(x, self), to, name, def};
    fl_vec_push(&x->returns, st);
}

/* A function of this unit whose every return gives new memory or none: an allocation
   (`return malloc(n);`), a local whose one definition is an allocation (`struct job *j =
   malloc(...); ...; return j;`), or a null pointer. Each call then makes its own object, as an
   allocation written in place would (`job_new()`), not one location every caller shares. */
static bool returns_new_object(ex *x, const ast_func *fn, const cfg *g)
{
    ast_node **defs = NULL;
    bool any = false;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const ast_node *t = g->blocks[bi].term;
        if (!t || t->kind != AST_RETURN)
            continue;
        ast_node *e = t->nkids ? ast_strip_casts(t->kids[0]) : NULL;
        if (!e)
            return false;
        if (cond_is_zero(e))
            continue; /* a null pointer */
        if (e->kind == AST_REF && e->var) {
            if (!defs)
                defs = cond_single_defs(x->A, fn, g);
            e = cond_def_of(fn, defs, e);
        }
        if (!e || !lv_is_alloc_call(e))
            return false;
        any = true;
    }
    return any;
}

/* returns_new_object, decided once per function of the unit (1 yes, 2 no). */
static bool makes_new_object(ex *x, const ast_func *fn)
{
    const cfg *g = fn->index < x->in->tu->nfuncs && x->in->tu->funcs[fn->index] == fn ? x->in->cfgs[fn->index] : NULL;
    if (!g)
        return false;
    if (!x->makes_new)
        x->makes_new = FL_NEW_ARRAY(x->A, uint8_t, x->in->tu->nfuncs + 1);
    if (!x->makes_new[fn->index])
        x->makes_new[fn->index] = returns_new_object(x, fn, g) ? 1 : 2;
    return x->makes_new[fn->index] == 1;
}

/* What the pointer a direct call returns points to (`cfg = get_config();`): "r:<function>*",
   which the program resolves (find_returns) or drops; NULL for any other value. */
static const char *call_result_target(ex *x, const ast_node *r)
{
    if (!r || r->kind != AST_CALL || !r->callee || r->callee->system || !returns_pointer(r->callee))
        return NULL;
    if (r->callee->def && makes_new_object(x, r->callee->def))
        return NULL;
    return fl_arena_sprintf(x->A, "%s*", returns_key(x, r->callee));
}

/* An lvalue through the pointer a direct call returns (`get()->hits`): its key ("r:get*.hits",
   which the program resolves or drops) and name as written; NULL for anything else. */
static const char *call_result_key(ex *x, ast_node *n, const char **name)
{
    ast_node *call;
    const char *path = place_path_from_call(x->A, n, &call);
    if (!path || !call->callee || call->callee->system || !returns_pointer(call->callee) || !accx_direct_path(path + 1))
        return NULL;
    const char *fname = call->callee->name;
    if (!path[1])
        *name = fl_arena_sprintf(x->A, "*%s()", fname);
    else if (path[1] == '.')
        *name = fl_arena_sprintf(x->A, "%s()->%s", fname, path + 2);
    else
        *name = fl_arena_sprintf(x->A, "%s()%s", fname, path + 1);
    return fl_arena_concat(x->A, returns_key(x, call->callee), path);
}

/* ---- spawns ---------------------------------------------------------------------------------- */

/* The function a spawn's thread runs: named at the spawn, or held by a local function pointer
   every definition of which stores that one function (`void *(*fp)(void *) = worker;`); else
   NULL. */
const ast_callee *accx_thread_fn(ex *x, const thr_call *tc)
{
    const ast_callee *named = thr_named_fn(tc->func);
    ast_node *r = ast_strip_casts(tc->func);
    if (named || !x || !r || r->kind != AST_REF || !r->var || r->var->storage != STORAGE_LOCAL ||
        (r->var->flags & AST_VAR_ADDRESS_TAKEN))
        return named;
    const cfg *g = x->in->cfgs[x->f];
    const ast_callee *only = NULL;
    for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            ast_node *val;
            if (cond_local_write(x->fn, &g->blocks[bi].elems[i], &val) != r->var)
                continue;
            const ast_callee *c = val ? thr_named_fn(val) : NULL;
            if (!c || (only && only != c))
                return NULL;
            only = c;
        }
    return only;
}

/* The same for a file-scope or static array (`static void *(*const workers[])(void *) = {...}`):
   the functions its initializer stores, when no function of the unit writes into it. */
static uint32_t global_start_table(ex *x, const ast_var *v, const ast_callee **out, uint32_t max)
{
    const ast_tu *tu = x->in->tu;
    uint32_t n = 0;
    for (uint32_t i = 0; i < tu->nfn_inits; i++) {
        const ast_fn_init *fi = &tu->fn_inits[i];
        if (fi->global != v || fi->record)
            continue;
        if (!fi->fn || n == max)
            return 0;
        out[n++] = fi->fn;
    }
    for (uint32_t f = 0; n && f < tu->nfuncs; f++) {
        const cfg *g = x->in->cfgs[f];
        for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const cfg_elem *el = &g->blocks[bi].elems[i];
                const ast_node *w = el->kind == CFG_EXPR ? el->node : NULL;
                if (w && w->kind == AST_BINARY && w->op >= BIN_ASSIGN && w->op <= BIN_OR_ASSIGN && w->nkids &&
                    place_of(x->A, w->kids[0]).root == v)
                    return 0;
            }
    }
    return n;
}

/* The functions a local array of start functions holds (`void *(*workers[])(void *) = {reader,
   writer};` indexed at the spawn), when its initializer is its only definition and lists
   functions only: into out (at most max), their count; 0 for anything else. */
static uint32_t start_table(ex *x, ast_node *func, const ast_callee **out, uint32_t max)
{
    ast_node *ix = ast_strip_casts(func);
    ast_node *arr = ix && ix->kind == AST_INDEX && ix->nkids == 2 ? ast_strip_casts(ix->kids[0]) : NULL;
    ast_var *v = arr && arr->kind == AST_REF ? arr->var : NULL;
    if (v && (v->ty & TY_ARRAY) && (v->storage == STORAGE_GLOBAL || v->storage == STORAGE_STATIC_LOCAL))
        return global_start_table(x, v, out, max);
    if (!v || v->storage != STORAGE_LOCAL || !(v->ty & TY_ARRAY)) /* (indexing an array takes its address) */
        return 0;
    const cfg *g = x->in->cfgs[x->f];
    uint32_t n = 0;
    for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            if (el->kind == CFG_DECL && el->var == v) {
                const ast_node *init = el->node && el->node->nkids ? ast_strip_casts(el->node->kids[0]) : NULL;
                if (!init || init->kind != AST_INIT_LIST || n)
                    return 0;
                for (uint16_t k = 0; k < init->nkids; k++) {
                    const ast_callee *c = thr_named_fn(init->kids[k]);
                    if (!c || n == max)
                        return 0;
                    out[n++] = c;
                }
                continue;
            }
            /* any other write into the array (`workers[0] = other;`) */
            const ast_node *w = el->kind == CFG_EXPR ? el->node : NULL;
            if (w && w->kind == AST_BINARY && w->op >= BIN_ASSIGN && w->op <= BIN_OR_ASSIGN && w->nkids) {
                place pl = place_of(x->A, w->kids[0]);
                if (pl.root == v)
                    return 0;
            }
        }
    return n;
}

/* A local pointer defined once, as an address (`struct stats *s = &workers[i].stats;`), and
   never through its own address: the `&...` of its definition, or NULL. */
static const ast_node *address_def(ex *x, const cfg *g, const ast_var *v)
{
    if (!g || v->storage != STORAGE_LOCAL || !(v->ty & TY_POINTER) || (v->flags & AST_VAR_ADDRESS_TAKEN) ||
        v->index >= x->fn->nvars || x->fn->vars[v->index] != v)
        return NULL;
    ast_node *d = single_defs(x, g)[v->index];
    d = d ? ast_strip_casts(d) : NULL;
    return d && d->kind == AST_UNARY && d->op == UN_ADDR_OF && d->nkids == 1 && d->kids[0] ? d : NULL;
}

/* Through a local pointer defined once as an element's address (`struct stats *s =
   &workers[i].stats; ... s->closed`): the element's key as element_key gives it for the
   definition, with the rest of the path (`workers[i].stats.closed`); else NULL. */
static const char *element_via_local(ex *x, const cfg *g, place pl, const char **name, bool *whole, bool *arg)
{
    ast_var *v = pl.root;
    const ast_node *d = pl.path[0] == '*' && !strpbrk(pl.path + 1, "*[") ? address_def(x, g, v) : NULL;
    if (!d)
        return NULL;
    place q = place_of(x->A, d->kids[0]);
    if (!q.root || q.root == v || !strstr(q.path, "[*]"))
        return NULL;
    const char *el = element_key(x, d->kids[0], q, name, whole, arg);
    if (!el)
        return NULL;
    *name = fl_arena_concat(x->A, *name, pl.path + 1);
    /* a field of the element itself (`w = &workers[i]; w->errors`): of every element or of
       some element, as element_key gives `workers[i].errors` */
    bool bare = strcmp(strstr(q.path, "[*]"), "[*]") == 0;
    if (bare && pl.path[1] && !acc_key_some_element(el))
        return fl_arena_sprintf(x->A, "%s[?]%s", el, pl.path + 1);
    return fl_arena_concat(x->A, el, pl.path + 1);
}

/* Through a local pointer defined once by a call that returns an element of what the argument
   points to (`e = cache_find(c, key)` returning `&c->slots[i]`, find_param_returns): the
   element's key as `c->slots[i]` written here would have it, with the rest of the path
   (`c->slots[i].hits`); *whole when the function's own search picked the element, which may
   then be any element, whichever thread asks. Else NULL. */
static const char *element_via_call(ex *x, const cfg *g, place pl, const char **name, bool *whole, bool *arg,
                                    const ast_node **call)
{
    ast_var *v = pl.root;
    if (pl.path[0] != '*' || strpbrk(pl.path + 1, "*[") || v->storage != STORAGE_LOCAL || !(v->ty & TY_POINTER) ||
        (v->flags & AST_VAR_ADDRESS_TAKEN) || v->index >= x->fn->nvars || x->fn->vars[v->index] != v)
        return NULL;
    ast_node *d = single_defs(x, g)[v->index];
    bool found = false;
    place q = param_return_place(x, d ? ast_strip_casts(d) : NULL, &found);
    if (q.root && accx_is_shared_storage(q.root)) {
        /* an element of a global array its search found (`c = client_find(id)` returning
           `&clients[i]`): some element, any of them whichever thread asks */
        *arg = false;
        *whole = found;
        *call = d;
        *name = place_str(x->A, place_append(x->A, q, pl.path + 1));
        return fl_arena_sprintf(x->A, "%s[?]%s%s", accx_var_key(x, q.root), q.path + 3, pl.path + 1);
    }
    const char *el = q.root && q.root != v ? strstr(q.path, "[*]") : NULL;
    /* "*<fields>[*]<fields>": one element of an array inside what the argument points to */
    if (!el || q.path[0] != '*' || strpbrk(q.path + 1, "*[") != el || strpbrk(el + 3, "*["))
        return NULL;
    const char *prefix;
    bool ta;
    if (is_alias_var(x, q.root))
        prefix = param_prefix(x, alias_param(x, q.root)), ta = true;
    else if (!(prefix = target_of_var(x, q.root, &ta)))
        return NULL;
    *arg = ta;
    *whole = found;
    *call = d;
    *name = place_str(x->A, place_append(x->A, q, pl.path + 1));
    return fl_arena_sprintf(x->A, "%s%.*s[?]%s%s", prefix, (int)(el - q.path - 1), q.path + 1, el + 3, pl.path + 1);
}

/* The global array expression e gives an element's address of (`workers`, `&workers[k]`,
   `workers + k`), or NULL; *first: the first element. */
static const ast_var *element_address(ast_node *e, bool *first)
{
    e = ast_strip_casts(e);
    ast_node *arr = NULL, *k = NULL;
    if (e && e->kind == AST_UNARY && e->op == UN_ADDR_OF && e->nkids == 1) {
        ast_node *ix = ast_strip_parens(e->kids[0]);
        if (ix && ix->kind == AST_INDEX && ix->nkids == 2)
            arr = ast_strip_casts(ix->kids[0]), k = ix->kids[1];
    } else if (e && e->kind == AST_BINARY && e->op == BIN_ADD && e->nkids == 2)
        arr = ast_strip_casts(e->kids[0]), k = e->kids[1];
    else
        arr = e;
    if (!arr || arr->kind != AST_REF || !arr->var || !(arr->var->ty & TY_ARRAY) || !accx_is_shared_storage(arr->var))
        return NULL;
    ast_node *z = k ? ast_strip_casts(k) : NULL;
    *first = !k || (z && z->kind == AST_LITERAL && z->name && strcmp(z->name, "0") == 0);
    return arr->var;
}

/* Local pointers that walk a global array (`for (w = workers; w < workers + N; w++)`): every
   definition gives the address of an element of one array, and every other write steps the
   pointer (`w++`, `w += k`). walks[v] is the array; walks_every[v] when it starts at the first
   element and steps by one, as a loop counter over the elements does. One pass, at the first
   need. */
static void find_walks(ex *x, const cfg *g)
{
    const ast_func *fn = x->fn;
    x->walks = FL_NEW_ARRAY(x->A, const ast_var *, fn->nvars + 1);
    x->walks_every = FL_NEW_ARRAY(x->A, bool, fn->nvars + 1);
    bool *bad = FL_NEW_ARRAY(x->A, bool, fn->nvars + 1);
    for (uint32_t v = 0; v < fn->nvars; v++) {
        x->walks_every[v] = true;
        bad[v] = fn->vars[v]->storage != STORAGE_LOCAL || !(fn->vars[v]->ty & TY_POINTER) ||
                 (fn->vars[v]->flags & AST_VAR_ADDRESS_TAKEN);
    }
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            ast_node *val = NULL;
            const ast_var *v = el->node ? cond_local_write(fn, el, &val) : NULL;
            if (!v || bad[v->index])
                continue;
            const ast_node *n = el->node;
            bool first;
            const ast_var *arr = NULL;
            if (n->kind == AST_UNARY && n->op >= UN_POST_INC && n->op <= UN_PRE_DEC)
                x->walks_every[v->index] &= n->op == UN_POST_INC || n->op == UN_PRE_INC;
            else if (n->kind == AST_BINARY && (n->op == BIN_ADD_ASSIGN || n->op == BIN_SUB_ASSIGN))
                x->walks_every[v->index] &= n->op == BIN_ADD_ASSIGN && n->nkids == 2 && is_literal(n->kids[1]) &&
                                            ast_strip_casts(n->kids[1])->name &&
                                            strcmp(ast_strip_casts(n->kids[1])->name, "1") == 0;
            else if (val && (arr = element_address(val, &first)) != NULL &&
                     (!x->walks[v->index] || x->walks[v->index] == arr)) {
                x->walks[v->index] = arr;
                x->walks_every[v->index] &= first;
            } else
                bad[v->index] = true;
        }
    for (uint32_t v = 0; v < fn->nvars; v++)
        if (bad[v])
            x->walks[v] = NULL;
}

/* The global array local pointer v walks (find_walks), or NULL; *every as walks_every. */
static const ast_var *walked_array(ex *x, const cfg *g, const ast_var *v, bool *every)
{
    if (v->index >= x->fn->nvars || x->fn->vars[v->index] != v)
        return NULL;
    if (!x->walks)
        find_walks(x, g);
    *every = x->walks_every[v->index];
    return x->walks[v->index];
}

/* Through a local pointer walking a global array (find_walks; `w->errors`): a field of every
   element when it walks them all, in a loop that starts and joins no thread, as for `workers[i]`
   by a loop counter; else of some element. Keys as element_key's. */
static const char *element_via_walk(ex *x, const cfg *g, place pl, const char **name, bool *whole)
{
    bool every;
    const ast_var *arr = pl.path[0] == '*' && !strpbrk(pl.path + 1, "*[") ? walked_array(x, g, pl.root, &every) : NULL;
    if (!arr)
        return NULL;
    *whole = every && g->blocks[x->cur_block].loop && (!x->rf || accx_walks_every_element(x, g, x->cur_block, x->cur_elem));
    *name = place_str(x->A, pl);
    const char *k = accx_var_key(x, arr);
    if (pl.path[1])
        return fl_arena_sprintf(x->A, "%s[?]%s", k, pl.path + 1);
    return *whole ? k : fl_arena_sprintf(x->A, "%s[?]", k);
}

/* ---- locks ----------------------------------------------------------------------------------- */

/* A lock in an element of a global array by an index not known here (`&buckets[h % n].mu`, or
   through a local pointer defined once as such an element's address): "E:<array>[*]<fields>",
   one key for all the array's elements, which protects what another holder of the same key
   touches only when the index picks the data too (program.h, pg_race_of); an array in the
   object a parameter points to, "a:<fields>[*]<fields>"; NULL otherwise. */
static const char *element_lock_key(ex *x, place p)
{
    ast_var *v = p.root;
    if (!v || !p.path)
        return NULL;
    if (v->storage == STORAGE_LOCAL && p.path[0] == '*') {
        const cfg *g = x->in->cfgs[x->f];
        const ast_node *d = address_def(x, g, v);
        bool every;
        const ast_var *arr = d ? NULL : walked_array(x, g, v, &every);
        if (arr) /* a pointer walking the array: `lock(&w->lock)` */
            return fl_arena_sprintf(x->A, "E:%s[*]%s", accx_var_key(x, arr), p.path + 1);
        if (!d)
            return NULL;
        place q = place_of_pointee(x->A, (ast_node *)d);
        if (!q.root || q.root == v)
            return NULL;
        p = place_append(x->A, q, p.path + 1);
        v = p.root;
    }
    const char *star = p.path ? strstr(p.path, "[*]") : NULL;
    if (v && star && p.path[0] == '*' && is_alias_var(x, v) && !strstr(star + 3, "[*]") &&
        !place_path_derefs(p.path + 1))
        /* in the object a parameter points to (`&c->buckets[h].mu`): relative to it, "a:" with
           the "[*]" kept, an "E:" key once a call names the array (program_locks.c) */
        return fl_arena_concat(x->A, param_prefix(x, alias_param(x, v)), p.path + 1);
    if (!v || !accx_is_shared_storage(v) || star != p.path || strstr(star + 3, "[*]") || place_path_derefs(p.path))
        return NULL;
    return fl_arena_sprintf(x->A, "E:%s%s", accx_var_key(x, v), p.path);
}

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
               (tested where fearless does not look): may be common. Taken under a test of the
               lock's own object (`if (rb->shared) lock(&rb->lock);`): a mode the object keeps
               for its life, which the lock facts follow for variables only (their split): not
               known either. Held on some paths by plain locks taken whatever the branches
               said or under another test (`if (argc > 1)`), or by a trylock whose status is
               thrown away: a path without it exists, the lock is not held. */
            uint32_t sites[16];
            uint32_t ns = locks_cursor_last_sites(lc, l, sites, 16);
            const ast_var *root = lf->locks[l].where.root;
            for (uint32_t k = 0; k < ns && k < 16; k++) {
                const lock_site *ks = &lf->sites[sites[k]];
                const ast_node *cond = lock_op_blocks(ks->op) && !ks->edge_only ? locks_site_condition(lf, ks) : NULL;
                if ((ks->maybe && !ks->discarded) || ks->op == LOCK_MAYBE ||
                    (cond && root && lf->locks[l].where.path[0] && ast_mentions_var(cond, root)))
                    ls.unknown = true;
            }
            continue;
        }
        bool arg;
        const char *k = lf->locks[l].imprecise ? NULL : accx_place_key(x, lf->locks[l].where, &arg);
        if (!k)
            k = element_lock_key(x, lf->locks[l].where);
        const char *local_name;
        if (!k) /* a lock of each call's own (`pthread_mutex_t m;` in the function) */
            k = frame_place_key(x, lf->locks[l].where, &local_name);
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

/* The C library's functions that read or write memory through pointer arguments, whole objects
   at a time: memset(&s, 0, sizeof s) writes every field of s. Argument indexes, -1 for none. */
typedef struct mem_fn {
    const char *name;
    int8_t writes, reads, reads2;
    int8_t format; /* the format string's argument (printf-like): the arrays passed after it
                      are read (`printf("%s", msg)`); -1 for none */
} mem_fn;

static const mem_fn *mem_fn_lookup(const char *n)
{
    static const mem_fn fns[] = {
        {"bzero", 0, -1, -1, -1},     {"explicit_bzero", 0, -1, -1, -1}, {"fgets", 0, -1, -1, -1},
        {"fprintf", -1, -1, -1, 1},   {"fputs", -1, 0, -1, -1},          {"fread", 0, -1, -1, -1},
        {"fwrite", -1, 0, -1, -1},    {"memchr", -1, 0, -1, -1},         {"memcmp", -1, 0, 1, -1},
        {"memcpy", 0, 1, -1, -1},     {"memmove", 0, 1, -1, -1},         {"memset", 0, -1, -1, -1},
        {"pread", 1, -1, -1, -1},     {"printf", -1, -1, -1, 0},         {"puts", -1, 0, -1, -1},
        {"pwrite", -1, 1, -1, -1},    {"read", 1, -1, -1, -1},           {"recv", 1, -1, -1, -1},
        {"send", -1, 1, -1, -1},      {"snprintf", 0, -1, -1, 2},        {"sprintf", 0, -1, -1, 1},
        {"sscanf", -1, 0, -1, -1},    {"stpcpy", 0, 1, -1, -1},          {"strcat", 0, 1, -1, -1},
        {"strchr", -1, 0, -1, -1},    {"strcmp", -1, 0, 1, -1},          {"strcpy", 0, 1, -1, -1},
        {"strdup", -1, 0, -1, -1},    {"strlen", -1, 0, -1, -1},         {"strncat", 0, 1, -1, -1},
        {"strncmp", -1, 0, 1, -1},    {"strncpy", 0, 1, -1, -1},         {"strndup", -1, 0, -1, -1},
        {"strrchr", -1, 0, -1, -1},   {"strstr", -1, 0, 1, -1},          {"vsnprintf", 0, -1, -1, -1},
        {"vsprintf", 0, -1, -1, -1},  {"wmemcpy", 0, 1, -1, -1},         {"wmemset", 0, -1, -1, -1},
        {"write", -1, 1, -1, -1},
    };
    /* the table is sorted by name */
    size_t lo = 0, hi = sizeof fns / sizeof fns[0];
    while (n && lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(n, fns[mid].name);
        if (c == 0)
            return &fns[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
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

/* A lock call the locksets do not follow, element i of block b: a lock taken through something
   that names no place (`pthread_mutex_lock(&stats_get()->mu)`) may be any lock, so the function
   holds locks fearless cannot name; a try whose status is thrown away is noted for the reports
   (nothing after it holds the lock). */
static void note_lock_call(ex *x, acc_fn *af, const cfg_block *b, uint32_t i, const ast_node *n)
{
    lock_call lc = lock_classify(x->A, n);
    if (!lock_op_acquires(lc.op))
        return;
    bool try = lc.op == LOCK_TRY || lc.op == LOCK_TRY_SHARED;
    if (try && !af->unchecked_try && locks_value_discarded(b, i, n))
        af->unchecked_try = n;
    else if (!lc.where.root)
        af->opaque_lock = true;
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

/* The key of parameter i of function `fn` as a flag: the same in the function and at its
   calls (facts/flags.h). */
static const char *param_flag_key(ex *x, const ast_callee *fn, uint32_t i)
{
    return fl_arena_sprintf(x->A, "%s#%u", fn_key(x, 'P', fn), i);
}

/* A local of function f that holds what the running thread's argument gives it (`int locked =
   o->sync;` with `o = arg`), as a flag: its "i:" key; NULL for any other variable. */
static const char *inst_flag_key(ex *x, uint32_t f, const ast_var *v)
{
    const flag_fn *ff = x->flags ? x->flags[f] : NULL;
    for (uint32_t i = 0; ff && ff->insts && i < ff->nvars; i++)
        if (ff->vars[i] == v && ff->insts[i] && !(ff->eqs && ff->eqs[i]))
            return fl_arena_sprintf(x->A, "i:%s", ff->insts[i]);
    return NULL;
}

static const char *flag_key(ex *x, const flag_fact *f)
{
    if (f->tls_key)
        return fl_arena_sprintf(x->A, "t:%s", accx_var_key(x, f->tls_key));
    if (f->inst) /* the running thread's argument, when the function is its entry */
        return fl_arena_sprintf(x->A, "i:%s%s%s", f->inst, f->eq ? "==" : "", f->eq ? f->eq : "");
    if (f->var->storage == STORAGE_PARAM)
        return x->fn->self ? param_flag_key(x, x->fn->self, f->var->index) : "P:?";
    const char *k = accx_var_key(x, f->var);
    if (*f->path)
        k = fl_arena_concat(x->A, k, f->path);
    /* the pseudo-flag "k == C": keys of writes are k's, and the program strips "==" to find them */
    return f->eq ? fl_arena_sprintf(x->A, "%s==%s", k, f->eq) : k;
}

/* A call's facts: the block's, and the constants it passes for the parameters its callee tests
   as flags (`close_client(c, 1)`: the callee's `async` is non-zero). */
static acc_conds call_conds(ex *x, acc_conds bconds, const ast_node *n)
{
    const ast_func *d = n->callee ? n->callee->def : NULL;
    const ast_tu *tu = x->in->tu;
    if (!d || d->index >= tu->nfuncs || tu->funcs[d->index] != d || !x->param_flags[d->index])
        return bconds;
    uint32_t mask = x->param_flags[d->index], extra = 0;
    acc_cond add[32];
    for (uint32_t i = 0; i < 32 && i + 1 < n->nkids; i++) {
        if (!(mask >> i & 1))
            continue;
        const ast_node *a = n->kids[i + 1];
        bool zero = cond_is_zero(a), nonzero = !zero && cond_is_nonzero_constant(a);
        if (zero || nonzero)
            add[extra++] = (acc_cond){param_flag_key(x, n->callee, i), nonzero};
    }
    if (!extra)
        return bconds;
    acc_cond *c = FL_NEW_ARRAY(x->A, acc_cond, bconds.n + extra);
    if (bconds.n)
        memcpy(c, bconds.c, bconds.n * sizeof *c);
    memcpy(c + bconds.n, add, extra * sizeof *c);
    return (acc_conds){c, bconds.n + extra};
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
        c[i] = (acc_cond){flag_key(x, &f[i]), f[i].nonzero};
    r.c = c;
    r.n = n;
    return r;
}

/* c without the facts on the running thread's argument ("i:" keys). */
static acc_conds without_instance(ex *x, acc_conds c)
{
    uint32_t keep = 0;
    for (uint32_t i = 0; i < c.n; i++)
        keep += !acc_key_is_instance(c.c[i].key);
    if (keep == c.n)
        return c;
    acc_cond *k = FL_NEW_ARRAY(x->A, acc_cond, keep + 1);
    keep = 0;
    for (uint32_t i = 0; i < c.n; i++)
        if (!acc_key_is_instance(c.c[i].key))
            k[keep++] = c.c[i];
    return (acc_conds){keep ? k : NULL, keep};
}

/* Joined facts as the program reads them: handles by location key. */
static acc_joins joins_of(ex *x, const joined_fact *f, uint32_t n)
{
    acc_joins r = {0};
    if (!n)
        return r;
    acc_join *j = FL_NEW_ARRAY(x->A, acc_join, n);
    for (uint32_t i = 0; i < n; i++)
        j[i] = (acc_join){f[i].handle ? accx_var_key(x, f[i].handle) : NULL, f[i].callee};
    r.j = j;
    r.n = n;
    return r;
}

/* A call that takes a reference away and tells whether it was the last: an atomic decrement
   (C11, GCC's builtins, Windows'), or a helper named so (`refcount_dec_and_test`, `obj_unref`). */
static bool drops_reference(const ast_node *c)
{
    if ((c->kind != AST_CALL && c->kind != AST_OTHER) || !c->name)
        return false; /* (clang's atomic builtins are expressions of their own) */
    if (thr_is_atomic_sub(c->name) || strcmp(c->name, "InterlockedDecrement") == 0)
        return true;
    return c->kind == AST_CALL && (strstr(c->name, "dec_and_test") || strstr(c->name, "unref") ||
                                   strstr(c->name, "put_ref") || strstr(c->name, "release_ref"));
}

/* The two-way branch above block b up its chain of single predecessors (b itself when it is
   one), or UINT32_MAX. */
static uint32_t diamond_top(const cfg *g, uint32_t b)
{
    for (int guard = 0; guard < 64; guard++) {
        const cfg_block *blk = &g->blocks[b];
        if (blk->nsuccs == 2 && blk->cond)
            return b;
        if (blk->npreds != 1)
            return UINT32_MAX;
        b = blk->preds[0];
    }
    return UINT32_MAX;
}

/* The condition of the first two-way branch up block bi's chain of single predecessors (the
   test whose one arm bi is on), or NULL; memoised per block along the chain, so that all the
   blocks of a function cost one walk. */
static const ast_node *last_guard(ex *x, const cfg *g, uint32_t bi)
{
    if (!x->guard_of) {
        x->guard_of = FL_NEW_ARRAY(x->A, const ast_node *, g->nblocks + 1);
        x->guard_done = FL_NEW_ARRAY(x->A, bool, g->nblocks + 1);
    }
    uint32_t chain[64];
    uint32_t n = 0, b = bi;
    const ast_node *found = NULL;
    while (n < 64) {
        if (x->guard_done[b]) {
            found = x->guard_of[b];
            break;
        }
        chain[n++] = b;
        const cfg_block *blk = &g->blocks[b];
        if (blk->npreds == 2) {
            /* the join of a diamond (`c ? x : y`, `a && b`, an if without return): on no arm of
               that branch, so on the arm its branch is on */
            uint32_t up[2];
            for (int k = 0; k < 2; k++)
                up[k] = diamond_top(g, blk->preds[k]);
            if (up[0] == UINT32_MAX || up[0] != up[1] || up[0] == b)
                break;
            b = up[0];
            continue;
        }
        if (blk->npreds != 1)
            break;
        const cfg_block *p = &g->blocks[blk->preds[0]];
        if (p->nsuccs == 2 && p->cond) {
            found = p->cond;
            break;
        }
        b = p->id;
    }
    for (uint32_t i = 0; i < n; i++) {
        x->guard_of[chain[i]] = found;
        x->guard_done[chain[i]] = true;
    }
    return found;
}

/* Block bi runs only where the test right above it says that a reference count of the object
   var points to just dropped to its last (`if (atomic_fetch_sub(&o->refs, 1) == 1) free(o);`,
   `if (--o->refs == 0)`, through a local the test reads, `if (!last) return;`): every other
   thread has given its reference back, after its last use, so what the block does with the
   object (free it, read its final state) races with none of them. */
static bool after_last_reference(ex *x, const cfg *g, uint32_t bi, const ast_var *var)
{
    const ast_node *cond = last_guard(x, g, bi);
    if (!cond || !var)
        return false;
    ast_node *const *defs = single_defs(x, g);
    const ast_node *stack[32];
    uint32_t n = 0, steps = 0;
    stack[n++] = cond;
    while (n && ++steps < 128) {
        const ast_node *e = stack[--n];
        if (!e)
            continue;
        if (e->kind == AST_REF && defs) {
            ast_node *d = cond_def_of(x->fn, defs, (ast_node *)e);
            if (d && n < 32)
                stack[n++] = d;
        }
        /* a decrement of the object's own count, atomic or kept under a lock (`if
           (--b->refcount == 0) free(b);`): a count decremented with neither races on the
           count itself, which is reported there */
        bool dec = drops_reference(e) ||
                   (e->kind == AST_UNARY && (e->op == UN_PRE_DEC || e->op == UN_POST_DEC) && e->nkids == 1 &&
                    e->kids[0]);
        if (dec && ast_mentions_var(e, var))
            return true;
        for (uint16_t k = 0; k < e->nkids && n < 32; k++)
            stack[n++] = e->kids[k];
    }
    return false;
}

/* free(o), or free(o->name): what the object owns goes with it. */
static bool frees_last_reference(ex *x, const cfg *g, uint32_t bi, const ast_node *ptr)
{
    ptr = ast_strip_casts((ast_node *)ptr);
    for (int guard = 0; ptr && ptr->kind == AST_MEMBER && ptr->nkids == 1 && guard < 8; guard++)
        ptr = ast_strip_casts(ptr->kids[0]);
    return ptr && ptr->kind == AST_REF && after_last_reference(x, g, bi, ptr->var);
}

/* Where an element runs, for the accesses and calls made there. */
typedef struct at_elem {
    acc_conds conds;        /* the flags tested on every path to its block */
    locks_cursor *lc;
    const fl_word *st;
    uint32_t nwords;
    const uint8_t *region;
    const uint32_t *single_from;
    const cfg_after *sa;    /* after the function's spawns (accx_find_starts) */
    const cfg_after *ja;    /* after its joins (accx_find_joins) */
    uint32_t b, i;
    joined_cursor *jc;      /* the joins made on every path there */
    locks_cursor *split[2]; /* the function under each value of its split flag, or NULL */
    const char *split_key;  /* ... that flag's key */
} at_elem;

/* The locks an access holds under one value of the flag its function's locks split on and not
   under the other (`if (need) lock(&m); n++; if (need) unlock(&m);` holds `m` at `n++` when
   `need` is non-zero): the first value that adds some. For a local flag, whose value no caller
   says, the access's locks are unknown. */
static void split_locks(ex *x, const at_elem *at, acc_access *a)
{
    for (int k = 0; k < 2; k++) {
        if (!at->split[k])
            continue;
        acc_locks l = own_locks(x, at->split[k], at->i);
        uint32_t n = 0;
        for (uint32_t i = 0; i < l.n; i++) {
            bool had = false;
            for (uint32_t j = 0; j < a->locks.n && !had; j++)
                had = strcmp(a->locks.l[j].key, l.l[i].key) == 0;
            if (!had)
                l.l[n++] = l.l[i];
        }
        if (!n || l.unknown)
            continue;
        if (!at->split_key) {
            /* a local flag (`const int need = lg->thread_safe;`): which value reaches here is
               not known, nor whether the lock is held */
            a->locks.unknown = true;
            return;
        }
        a->if_locks = (acc_locks){l.l, n, false};
        a->if_cond = (acc_cond){at->split_key, k == 0};
        return;
    }
}

/* What code runs after spawn s before v is written: per block entered from a predecessor that
   way, how many of its first elements ([nblocks]: the spawn's own block, up to which element
   after the spawn). A block not entered: 0. Linear in the CFG. */
static uint32_t *iter_reach(ex *x, const cfg *g, const run_spawn *sp, const ast_var *v)
{
    uint32_t *stop = FL_NEW_ARRAY(x->A, uint32_t, g->nblocks + 1);
    bool *entered = FL_NEW_ARRAY(x->A, bool, g->nblocks + 1);
    FL_VEC(uint32_t) work = {0};
    /* the spawn's own block from the spawn on, then each block entered, from its start: up to
       the first write of v, and on to the successors when there is none */
    uint32_t bi = sp->block, from = sp->elem + 1, *slot = &stop[g->nblocks];
    for (;;) {
        const cfg_block *b = &g->blocks[bi];
        uint32_t e = from;
        ast_node *val;
        while (e < b->nelems && cond_local_write(x->fn, &b->elems[e], &val) != v)
            e++;
        *slot = e;
        if (e == b->nelems)
            for (uint32_t k = 0; k < b->nsuccs; k++)
                fl_vec_push(&work, b->succs[k]);
        while (work.len && entered[work.items[work.len - 1]])
            work.len--;
        if (!work.len)
            break;
        bi = work.items[--work.len];
        entered[bi] = true;
        from = 0;
        slot = &stop[bi];
    }
    fl_vec_free(&work);
    return stop;
}

/* v counts `for` loop `loop` (find_counters), and only the loop's header writes it: a new
   value each iteration. */
static bool loop_counter(ex *x, const cfg *g, const ast_node *loop, const ast_var *v)
{
    if (!loop || loop->kind != AST_FOR || loop->nkids != 4 || !loop->kids[0] || !loop->kids[2] || !loop->kids[3] ||
        v->index >= x->fn->nvars || x->fn->vars[v->index] != v)
        return false;
    find_counters(x, g);
    if (!x->counter[v->index])
        return false;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            ast_node *val;
            const cfg_elem *el = &g->blocks[bi].elems[i];
            if (cond_local_write(x->fn, el, &val) == v && el->node &&
                !fl_span_within(el->node->span, loop->kids[0]->span) &&
                !fl_span_within(el->node->span, loop->kids[2]->span))
                return false;
        }
    return true;
}

/* What of its argument a spawn in a counting loop gives each of its threads a value of its own
   for (acc_event.distinct): "=" for the counter itself (`(void *)(long)i`), "*" or "*.f" for
   the element it passes (`&ids[i]`) when the function's only write of that part of the array's
   elements is `ids[i] = i` (`args[i].id = i`) in the loop. Else NULL. */
static const char *spawn_distinct(ex *x, const run_spawn *sp)
{
    const cfg *g = x->in->cfgs[x->f];
    const ast_node *loop = g->blocks[sp->block].loop;
    const ast_node *a = sp->tc.arg ? ast_strip_casts(sp->tc.arg) : NULL;
    if (sp->starter || !a)
        return NULL;
    if (a->kind == AST_REF && a->var && (a->var->ty & TY_INT))
        return loop_counter(x, g, loop, a->var) ? "=" : NULL;
    const ast_var *arr, *v;
    if (a->kind != AST_UNARY || a->op != UN_ADDR_OF || a->nkids != 1 || !local_element(a->kids[0], &arr, &v, NULL) ||
        ast_strip_parens(a->kids[0])->kind != AST_INDEX || !loop_counter(x, g, loop, v))
        return NULL;
    const char *path = NULL, *other[8];
    uint32_t nother = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind != CFG_EXPR || !n || n->kind != AST_BINARY || n->op < BIN_ASSIGN ||
                n->op > BIN_OR_ASSIGN || n->nkids != 2)
                continue;
            const ast_node *l = ast_strip_parens(n->kids[0]);
            const ast_var *la, *lv;
            if (!local_element(l, &la, &lv, NULL) || la != arr)
                continue;
            const char *p = l->kind == AST_INDEX ? "*"
                            : l->kind == AST_MEMBER && ast_strip_parens(l->kids[0])->kind == AST_INDEX
                                ? fl_arena_sprintf(x->A, "*.%s", l->name)
                                : NULL;
            const ast_node *val = ast_strip_casts(n->kids[1]);
            bool own = p && n->op == BIN_ASSIGN && lv == v && val && val->kind == AST_REF && val->var == v &&
                       fl_span_within(n->span, loop->kids[3]->span);
            if (own && (!path || strcmp(path, p) == 0))
                path = p;
            else if (!p || nother == 8)
                return NULL;
            else
                other[nother++] = p;
        }
    /* no other write of that part (nor of the element whole) */
    for (uint32_t k = 0; path && k < nother; k++)
        if (strncmp(other[k], path, strlen(other[k])) == 0 || strncmp(path, other[k], strlen(path)) == 0)
            return NULL;
    return path;
}

/* 1 + the parameter of the function that a spawn's argument is, when the function never writes
   it nor takes its address; else 0 (acc_event.obj_param). */
static uint8_t spawn_obj_param(ex *x, const cfg *g, const run_spawn *sp)
{
    ast_node *a = sp->starter ? NULL : thr_arg_object(sp->tc.arg);
    const ast_var *v = a && a->kind == AST_REF ? a->var : NULL;
    if (!accx_own_param(x, v) || v->index >= ACC_MAX_PARAMS || (v->flags & AST_VAR_ADDRESS_TAKEN) ||
        !(v->ty & TY_POINTER) || var_written(g, v))
        return 0;
    return (uint8_t)(v->index + 1);
}

/* spawn_arg_facts for `&arr[i]`, an element of a local array of records that spawns pass: per
   field, the truth of the constant every write of that field gives (`args[i].need_lock = 1;`),
   when the array has no initializer, every other use of it reads a field or is a spawn's
   `&arr[i]` (nothing writes an element whole, nor gets the array to write it), and each field
   written is written with one truth only. Linear in the function. */
static acc_conds element_arg_facts(ex *x, const ast_var *arr)
{
    const ast_type *at = ast_type_strip(arr->type);
    const ast_type *t = at && at->kind == TYPE_ARRAY ? ast_type_strip(at->inner) : NULL;
    if (!t || t->kind != TYPE_RECORD || !t->nfields || t->nfields > 64)
        return (acc_conds){NULL, 0};
    int8_t *truth = FL_NEW_ARRAY(x->A, int8_t, t->nfields); /* 0 unset, 1 zero, 2 non-zero, 3 other */
    const cfg *g = x->in->cfgs[x->f];
    /* the names of the array that index it (`arr[i]`): every other name of it is the array
       itself, which may go anywhere (each expression is an element of its own, operands first) */
    uint32_t indexed = 0, names = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            const ast_node *n = el->node;
            if (el->kind == CFG_DECL && el->var == arr) {
                if (n && n->nkids)
                    return (acc_conds){NULL, 0};
                continue;
            }
            if (!n || el->kind != CFG_EXPR)
                continue;
            if (n->kind == AST_REF && n->var == arr) {
                names++;
                continue;
            }
            const ast_node *b = n->kind == AST_INDEX && n->nkids == 2 ? ast_strip_parens(n->kids[0]) : NULL;
            if (b && b->kind == AST_REF && b->var == arr) {
                indexed++;
                continue;
            }
            /* `&arr[i]`: a spawn's argument only */
            if (n->kind == AST_UNARY && n->op == UN_ADDR_OF && n->nkids == 1 && ast_mentions_var(n, arr)) {
                bool spawned = false;
                for (uint32_t k = 0; x->rf && k < x->rf->nspawns && !spawned; k++)
                    spawned = x->rf->spawns[k].tc.arg && ast_strip_casts(x->rf->spawns[k].tc.arg) == n;
                if (!spawned)
                    return (acc_conds){NULL, 0};
                continue;
            }
            /* writes: `arr[i].f = <constant>` only */
            const ast_node *l = cond_node_written_lvalue(n);
            if (!l || !ast_mentions_var(l, arr))
                continue;
            const ast_node *e = l->kind == AST_MEMBER && l->nkids == 1 && !(l->flags & AST_F_ARROW) && l->name
                                    ? ast_strip_parens(l->kids[0])
                                    : NULL;
            b = e && e->kind == AST_INDEX && e->nkids == 2 ? ast_strip_parens(e->kids[0]) : NULL;
            if (!b || b->kind != AST_REF || b->var != arr || n->kind != AST_BINARY || n->op != BIN_ASSIGN)
                return (acc_conds){NULL, 0};
            int nz = ast_int_literal_truth(ast_strip_casts(n->kids[1]));
            for (uint32_t f = 0; f < t->nfields; f++)
                if (t->fields[f].name && strcmp(t->fields[f].name, l->name) == 0)
                    truth[f] |= (int8_t)(nz < 0 ? 3 : nz ? 2 : 1);
        }
    if (names != indexed)
        return (acc_conds){NULL, 0};
    acc_cond *c = FL_NEW_ARRAY(x->A, acc_cond, t->nfields + 1);
    uint32_t n = 0;
    for (uint32_t f = 0; f < t->nfields; f++)
        if (t->fields[f].name && (truth[f] == 1 || truth[f] == 2))
            c[n++] = (acc_cond){fl_arena_sprintf(x->A, "i:*.%s", t->fields[f].name), truth[f] == 2};
    return (acc_conds){n ? c : NULL, n};
}

/* What a spawn's argument says of the values its thread reads from it (acc_event.arg_facts, as
   the "i:" flags of facts/flags.h): a constant (`(void *)1`: "i:="), or the address of a local
   the function only declares with constants and hands to spawns (`struct opts ob = {0, 5000};
   ... spawn(run, &ob)`: "i:*.sync" zero, `int one = 1; ... &one`: "i:*" non-zero), or an
   element of such an array (element_arg_facts). */
static acc_conds spawn_arg_facts(ex *x, const run_spawn *sp)
{
    const ast_node *a = sp->tc.arg ? ast_strip_casts(sp->tc.arg) : NULL;
    int nz;
    if (sp->starter || !a || sp - x->rf->spawns >= 32)
        return (acc_conds){NULL, 0}; /* (a walk of the function per spawn: the first 32 of it) */
    if ((nz = ast_int_literal_truth(a)) >= 0) {
        acc_cond *c = FL_NEW(x->A, acc_cond);
        *c = (acc_cond){"i:=", nz};
        return (acc_conds){c, 1};
    }
    const ast_node *r = a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids == 1 ? ast_strip_parens(a->kids[0]) : NULL;
    const ast_var *arr, *iv;
    if (r && r->kind == AST_INDEX && local_element(r, &arr, &iv, NULL) && arr->storage == STORAGE_LOCAL &&
        arr->index < x->fn->nvars && x->fn->vars[arr->index] == arr)
        return element_arg_facts(x, arr);
    const ast_var *v = r && r->kind == AST_REF ? r->var : NULL;
    if (!v || v->storage != STORAGE_LOCAL || !ast_var_is_auto(v) || (v->ty & TY_ARRAY) || v->index >= x->fn->nvars ||
        x->fn->vars[v->index] != v)
        return (acc_conds){NULL, 0};
    const cfg *g = x->in->cfgs[x->f];
    const ast_node *init = NULL;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            if (el->kind == CFG_DECL && el->var == v) {
                init = el->node && el->node->nkids == 1 ? el->node->kids[0] : NULL;
                continue;
            }
            /* every use of v (each name is an element of its own) is the operand of some
               spawn's `&v`: nothing else reads, writes or passes it */
            const ast_node *c = el->node;
            if (!c || c->kind != AST_REF || c->var != v)
                continue;
            bool spawned = false;
            for (uint32_t k = 0; x->rf && k < x->rf->nspawns && !spawned; k++) {
                const ast_node *o = x->rf->spawns[k].tc.arg ? ast_strip_casts(x->rf->spawns[k].tc.arg) : NULL;
                spawned = o && o->kind == AST_UNARY && o->op == UN_ADDR_OF && o->nkids == 1 &&
                          ast_strip_parens(o->kids[0]) == c;
            }
            if (!spawned)
                return (acc_conds){NULL, 0};
        }
    if (!init)
        return (acc_conds){NULL, 0};
    if ((nz = ast_int_literal_truth(init)) >= 0) {
        acc_cond *c = FL_NEW(x->A, acc_cond);
        *c = (acc_cond){"i:*", nz};
        return (acc_conds){c, 1};
    }
    const ast_type *t = ast_type_strip(v->type);
    if (init->kind != AST_INIT_LIST || !t || t->kind != TYPE_RECORD || init->nkids > t->nfields)
        return (acc_conds){NULL, 0};
    acc_cond *c = FL_NEW_ARRAY(x->A, acc_cond, init->nkids + 1);
    uint32_t n = 0;
    for (uint16_t k = 0; k < init->nkids; k++)
        if (t->fields[k].name && (nz = ast_int_literal_truth(init->kids[k])) >= 0)
            c[n++] = (acc_cond){fl_arena_sprintf(x->A, "i:*.%s", t->fields[k].name), nz};
    return (acc_conds){n ? c : NULL, n};
}

/* The spawn loop's own element (`for (i = 0; i < N; i++) { jobs[i].len = n; spawn(&jobs[i]); }`):
   the access touches element i of an array the spawn s of the same loop passes as `&arr[i]`, i
   the for loop's counter, written only by its header, and the access comes before the spawn in
   the iteration (no path from the spawn reaches it without stepping i). The threads s started in
   earlier iterations were given other elements, and this iteration's is not started yet: none
   of s's threads touches this element while the access runs. */
static bool fresh_element(ex *x, const at_elem *at, const ast_node *node, uint32_t s)
{
    const run_spawn *sp = &x->rf->spawns[s];
    const ast_var *arr, *v, *sarr, *sv;
    const ast_node *a = sp->tc.arg ? ast_strip_casts(sp->tc.arg) : NULL;
    if (sp->starter || !a || a->kind != AST_UNARY || a->op != UN_ADDR_OF || a->nkids != 1 ||
        !local_element(a->kids[0], &sarr, &sv, NULL) || !local_element(node, &arr, &v, NULL) || arr != sarr || v != sv)
        return false;
    const cfg *g = x->in->cfgs[x->f];
    const ast_node *loop = g->blocks[sp->block].loop;
    /* per spawn, once: its loop's counter (else iter_stop[s] is the empty marker) and its reach */
    static const uint32_t none[1] = {0};
    if (!x->iter_stop)
        x->iter_stop = FL_NEW_ARRAY(x->A, uint32_t *, x->rf->nspawns + 1);
    if (!x->iter_stop[s])
        x->iter_stop[s] = loop_counter(x, g, loop, v) ? iter_reach(x, g, sp, v) : (uint32_t *)none;
    const uint32_t *stop = x->iter_stop[s];
    if (stop == none || !fl_span_within(node->span, loop->kids[3]->span))
        return false;
    return !(at->i < stop[at->b] || (at->b == sp->block && at->i > sp->elem && at->i < stop[g->nblocks]));
}

/* An access of function f at element `at` of it, with the locks held, the threads running and
   the region there. */
static void push_access(ex *x, uint32_t f, const at_elem *at, const char *loc, const char *name,
                        const ast_node *node, bool write, bool arg)
{
    acc_access a = {0};
    a.fn = f;
    a.loc = loc;
    a.index_param = -1;
    a.arg = arg;
    a.name = name;
    a.node = node;
    a.write = write;
    a.locks = own_locks(x, at->lc, at->i);
    if (at->split[0] || at->split[1])
        split_locks(x, at, &a);
    a.run = copy_state(x, at->st, at->nwords);
    for (uint32_t s = 0; a.run && s < x->rf->nspawns; s++)
        if ((fl_bs_test(a.run, run_bit_r(s)) || fl_bs_test(a.run, run_bit_a(s))) && fresh_element(x, at, node, s)) {
            fl_bs_clear(a.run, run_bit_r(s));
            fl_bs_clear(a.run, run_bit_a(s));
        }
    a.region = accx_region_at(at->region, at->single_from, at->b, at->i, at->sa);
    a.after_start = cfg_is_after(at->sa, at->b, at->i);
    a.after_join = cfg_is_after(at->ja, at->b, at->i);
    a.conds = at->conds;
    joined_fact jx[16];
    a.ended = joins_of(x, jx, joined_cursor_at(at->jc, at->i, jx, 16));
    if (x->sems)
        accx_sem_at(x->sems, x->in->cfgs[f], at->b, at->i, &a);
    fl_vec_push(&x->accs, a);
}

/* An access of the whole object that argument `arg` of call n points to (`free(p)`, `memset(&s,
   0, sizeof s)`), with the wait facts of the lvalues' accesses; NULL when it names nothing. */
static acc_access *push_whole(ex *x, uint32_t f, const at_elem *at, const accx_handshakes *hs, const ast_node *n,
                              ast_node *arg, bool write)
{
    const char *pname;
    const char *k = pointee_key(x, arg, &pname);
    if (!k)
        return NULL;
    push_access(x, f, at, k, pname, n, write, acc_key_param(k, NULL) >= 0);
    acc_access *a = &x->accs.items[x->accs.len - 1];
    a->whole = true;
    /* freed or written after a wait for the flag another thread sets when done with it */
    if (hs)
        accx_handshake_at(x, hs, x->in->cfgs[f], at->b, at->i, a);
    return a;
}

/* The memory location an lvalue's place stands for, where C11 gives several names one: every
   member of a union (`u.i` and `u.f`, and all that lies inside them) is the union's, and adjacent
   bit-fields share theirs (taken, more coarsely, as all the bit-fields of one struct object). The
   step of such a name becomes ".{union}" or ".{bits}"; other places are their own. */
static place storage_place(ex *x, const ast_node *n, place pl)
{
    if (!pl.root || !pl.path)
        return pl;
    /* the union member closest to the root, along the lvalue's chain */
    const ast_node *u = NULL, *cur = ast_strip_parens((ast_node *)n);
    for (int guard = 0; cur && guard < 64 &&
                        (cur->kind == AST_MEMBER || cur->kind == AST_INDEX || (cur->kind == AST_UNARY && cur->op == UN_DEREF));
         guard++) {
        if (cur->kind == AST_MEMBER && (cur->flags & AST_F_UNION_MEMBER))
            u = cur;
        cur = cur->nkids ? ast_strip_parens(cur->kids[0]) : NULL;
    }
    const ast_node *m = u ? u : (n->kind == AST_MEMBER && (n->flags & AST_F_BITFIELD)) ? n : NULL;
    if (!m)
        return pl;
    place mp = place_of(x->A, (ast_node *)m);
    size_t len = mp.path ? strlen(mp.path) : 0;
    const char *dot = mp.path ? strrchr(mp.path, '.') : NULL;
    if (!mp.root || !dot || (size_t)(dot - mp.path) + 1 + strlen(m->name ? m->name : "") != len)
        return pl;
    return (place){mp.root, fl_arena_sprintf(x->A, "%.*s.%s", (int)(dot - mp.path), mp.path,
                                              u ? "{union}" : "{bits}")};
}

/* An atomic write (accx_atomic_write, or a plain store to an _Atomic object). */
static void push_atomic_write(ex *x, uint32_t f, const at_elem *at, const char *loc, const char *name,
                              const ast_node *n, bool flag_set, bool once)
{
    push_access(x, f, at, loc, name, n, true, acc_key_param(loc, NULL) >= 0);
    acc_access *last = &x->accs.items[x->accs.len - 1];
    last->atomic = true;
    last->flag_set = flag_set;
    last->flag_once = flag_set && once;
}

/* The call at element i of block b is followed by a call that never returns, with no other
   call between (`(_serverAssert(#e, __FILE__, __LINE__), __builtin_unreachable())`): its caller
   takes it for the way out of the program. A short look: the two are neighbours. */
static bool dies_after(const cfg_block *b, uint32_t i)
{
    for (uint32_t j = i + 1; j < b->nelems && j < i + 8; j++) {
        const ast_node *n = b->elems[j].kind == CFG_EXPR ? b->elems[j].node : NULL;
        if (!n || n->kind != AST_CALL)
            continue;
        return (n->callee && n->callee->noreturn) ||
               (n->name && (strcmp(n->name, "__builtin_unreachable") == 0 || strcmp(n->name, "__builtin_trap") == 0));
    }
    return false;
}

static void extract_fn(ex *x, uint32_t f, bool *taken, bool *named)
{
    const acc_input *in = x->in;
    const cfg *g = in->cfgs[f];
    acc_fn *af = &x->u->fns[f];
    x->f = f;
    x->fn = in->tu->funcs[f];
    x->rf = in->running ? in->running[f] : NULL;
    x->sems = NULL;
    af->fn = x->fn;
    af->rf = x->rf;
    if (x->fn->self && x->fn->self->noreturn) {
        af->dies = true;
        for (uint32_t bi = 0; bi < g->nblocks && af->dies; bi++)
            af->dies = g->blocks[bi].loop == NULL;
    }
    af->nwords = x->rf ? x->rf->nwords : 0;
    x->alias = NULL;
    x->target = NULL;
    find_aliases(x, g);
    x->counter = NULL;
    x->iter_stop = NULL;
    x->objs = x->rf ? FL_NEW_ARRAY(x->A, sp_obj, x->rf->nspawns) : NULL;
    for (uint32_t j = 0; x->rf && j < x->rf->nspawns; j++)
        accx_spawn_object(x, &x->rf->spawns[j], &x->objs[j]);
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
    find_escapes(x, g);
    find_targets(x, g); /* after the spawns' objects: a pointer may point into one */
    find_returns(x, g);
    if (x->rf && x->rf->df->reached[g->exit])
        af->exit_run = copy_state(x, df_in(x->rf->df, g->exit), af->nwords);

    /* a function that requires locks and operates on none holds them at every access */
    x->required = (acc_locks){0};
    if (in->locks) {
        lock_contract c[16];
        uint32_t nc = locks_fn_contract(in->locks, x->fn, c, 16);
        for (uint32_t k = 0; k < nc; k++) {
            bool arg;
            const char *key = c[k].required ? accx_place_key(x, c[k].where, &arg) : NULL;
            if (!key)
                continue;
            if (!x->required.l)
                x->required.l = FL_NEW_ARRAY(x->A, acc_lock, nc);
            x->required.l[x->required.n++] = (acc_lock){key, place_str(x->A, c[k].where), !c[k].shared};
        }
    }
    pmap m = parents(x->T, x->fn->body);
    const lock_fn *lf = in->locks ? locks_unit_fn(in->locks, f) : NULL;
    fl_word *lst = FL_NEW_ARRAY(x->T, fl_word, lf ? lf->nwords + 1 : 1);
    /* the split of its locks on a parameter or global flag: what each value holds */
    const char *split_key = NULL;
    fl_word *split_st[2] = {NULL, NULL};
    if (lf && lf->split_var && lf->split_view[0] && lf->split_view[1]) {
        const ast_var *v = lf->split_var;
        if (v->storage == STORAGE_PARAM && x->fn->self)
            split_key = param_flag_key(x, x->fn->self, v->index);
        else if (v->storage == STORAGE_GLOBAL || v->storage == STORAGE_STATIC_LOCAL)
            split_key = accx_var_key(x, v);
        else
            split_key = inst_flag_key(x, f, v);
        for (int k = 0; k < 2; k++)
            split_st[k] = FL_NEW_ARRAY(x->T, fl_word, lf->nwords + 1);
    }
    fl_word *st = FL_NEW_ARRAY(x->T, fl_word, af->nwords + 1);
    size_t first_ref = x->refs.len;
    uint8_t *region;
    uint32_t *single_from;
    accx_find_regions(x->T, g, &region, &single_from);
    cfg_after sa = accx_find_starts(x->T, g, x->rf);
    cfg_after ja = accx_find_joins(x->T, g, in->sums);
    const flag_fn *ff = x->flags[f];
    for (uint32_t v = 0; ff && v < ff->nvars; v++)
        if (ff->polled[v] && !ff->tls_keys[v] && !ff->insts[v] && ff->vars[v]->storage != STORAGE_PARAM)
            fl_vec_push(&x->polled, flag_key(x, &(flag_fact){ff->vars[v], NULL, false, ff->paths[v], NULL, NULL}));
    const accx_handshakes *hs = accx_find_handshakes(x, g, lf);
    x->sems = accx_find_sems(x, g);
    af->sem_waits = x->sems && x->sems->waits;
    af->sem_posts = x->sems && x->sems->posts;
    accx_creator *cr = accx_find_creator(x, g, lf);
    const joined_fn *jf = joined_analyze(x->T, g, in->sums);
    {
        joined_fact jx[16];
        af->exit_ended = joins_of(x, jx, joined_at_exit(jf, jx, 16));
    }
    /* code no path reaches (after `pthread_exit()` or `abort()`) makes no access */
    bool *live = FL_NEW_ARRAY(x->T, bool, g->nblocks + 1);
    for (uint32_t r = 0; r < g->nrpo; r++)
        live[g->rpo[r]] = true;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        x->cur_block = bi;
        run_replay rc = {0};
        if (!live[bi])
            continue;
        if (x->rf) {
            if (!x->rf->df->reached[bi])
                continue;
            run_replay_start(x->rf, bi, st, &rc);
        }
        locks_cursor lc = {0}, lcs[2] = {{0}, {0}};
        if (lf)
            locks_cursor_start(&lc, lf, bi, lst);
        for (int k = 0; k < 2; k++)
            if (split_st[k] && lf->split_view[k]->df->reached[bi])
                locks_cursor_start(&lcs[k], lf->split_view[k], bi, split_st[k]);
        joined_cursor jc;
        joined_cursor_start(&jc, jf, bi);
        /* flags change only between blocks: their facts, once for every access and call here */
        const acc_conds aconds = conds_at(x, ff, bi);
        /* (what the running thread's argument says is its accesses' alone: no call or spawn
           carries it to another function, whose first parameter is another) */
        const acc_conds bconds = without_instance(x, aconds);
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_node *n = el->node;
            x->cur_elem = i;
            if (x->rf)
                run_replay_to(&rc, i, st);
            if (el->kind == CFG_DECL && el->var && n && n->nkids == 1 && n->kids[0] &&
                n->kids[0]->kind == AST_INIT_LIST)
                accx_note_local_init(x, el->var, n->kids[0]);
            if (el->kind == CFG_DECL && el->var && n && n->nkids == 1 && x->objs)
                accx_obj_init(x, el->var, n->kids[0], n);
            if (el->kind != CFG_EXPR || !n)
                continue;
            if (n->kind == AST_REF && (n->flags & AST_F_FUNC_REF))
                note_function_ref(x, &m, n, taken, named);
            accx_note_flows(x, n);
            at_elem at = {aconds, &lc, st, af->nwords, region, single_from, &sa, &ja, bi, i, &jc,
                          {lcs[0].lf ? &lcs[0] : NULL, lcs[1].lf ? &lcs[1] : NULL}, split_key};
            /* an atomic store or read-modify-write: it races only with plain writes, and tells
               what its location is (a flag set once, a pointer that changes) */
            const char *ak = accx_atomic_write(x, n);
            if (ak)
                push_atomic_write(x, f, &at, ak, place_str(x->A, place_of_pointee(x->A, accx_atomic_ptr(n))), n,
                                  accx_flag_set(x, b, el) != NULL, accx_flag_once(hs, g, bi, i, n));
            if (n->kind == AST_CALL) {
                if (opaque_lock_call(in, n))
                    af->opaque_lock = true;
                note_lock_call(x, af, b, i, n);
                note_unseen(x, n);
                /* a thread-specific value set, to something that may not be NULL */
                if (n->name && n->nkids == 3 &&
                    (strcmp(n->name, "pthread_setspecific") == 0 || strcmp(n->name, "tss_set") == 0) &&
                    !cond_is_zero(n->kids[2])) {
                    const ast_node *k = ast_strip_casts(n->kids[1]);
                    if (k && k->kind == AST_REF && accx_is_shared_storage(k->var)) {
                        const char **sets = FL_NEW_ARRAY(x->A, const char *, af->ntls_sets + 1);
                        if (af->ntls_sets)
                            memcpy(sets, af->tls_sets, af->ntls_sets * sizeof *sets);
                        sets[af->ntls_sets++] = fl_arena_sprintf(x->A, "t:%s", accx_var_key(x, k->var));
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
                if (accx_sem_op(n) == 'b')
                    af->calls_sync = true;
                /* free(p): a write of the whole object p points to, racing with any use of it */
                bool library = !n->callee || !defined_somewhere(in, n->callee);
                if (n->name && strcmp(n->name, "free") == 0 && n->nkids == 2 && library &&
                    !frees_last_reference(x, g, bi, n->kids[1])) {
                    acc_access *a = push_whole(x, f, &at, hs, n, n->kids[1], true);
                    if (a)
                        a->frees = true;
                }
                /* memset(&s, 0, sizeof s), memcpy(dst, src, n): whole objects through the pointers */
                const mem_fn *mf = library ? mem_fn_lookup(n->name) : NULL;
                for (int r = 0; mf && r < 3; r++) {
                    int ai = r == 0 ? mf->writes : r == 1 ? mf->reads : mf->reads2;
                    if (ai >= 0 && ai + 1 < n->nkids)
                        push_whole(x, f, &at, hs, n, n->kids[ai + 1], r == 0);
                }
                /* the arrays after a format: strings it prints (`%p` of an array is rare) */
                for (int ai = mf && mf->format >= 0 ? mf->format + 1 : n->nkids; ai + 1 < n->nkids; ai++) {
                    const ast_node *arr = ast_strip_casts(n->kids[ai + 1]);
                    if (arr && (arr->ty & TY_ARRAY))
                        push_whole(x, f, &at, hs, n, n->kids[ai + 1], false);
                }
                /* the function the call runs: pthread_once's init routine, else its callee */
                const ast_callee *once = thr_once_routine(n);
                const ast_callee *runs = once ? once : n->callee;
                int32_t s = x->rf ? run_spawn_of(x->rf, n) : -1;
                if (s >= 0) {
                    const run_spawn *rs = &x->rf->spawns[s];
                    acc_event e = {f, (uint32_t)s, rs->starter, rs->starter ? runs : accx_spawn_target(x, rs),
                                   x->objs[s].key, b->loop != NULL,
                                   (accx_region_at(region, single_from, bi, i, &sa) & ACC_ONCE) != 0 ||
                                       (region && (region[bi] & ~(ACC_ONCE | ACC_SINGLE))),
                                   copy_state(x, st, af->nwords),
                                   n, rs->tc.arg, bconds, NULL, spawn_distinct(x, rs), spawn_arg_facts(x, rs),
                                   spawn_obj_param(x, g, rs), NULL};
                    if (!rs->starter && rs->handle.root && accx_is_shared_storage(rs->handle.root) &&
                        !rs->handle.path[0])
                        e.handle = accx_var_key(x, rs->handle.root);
                    /* `pthread_create(&t[i], NULL, workers[i], NULL)`: a thread of each function
                       the table holds may be started here */
                    const ast_callee *table[8];
                    uint32_t nt = !rs->starter && !e.target ? start_table(x, rs->tc.func, table, 8) : 0;
                    for (uint32_t k = 1; k < nt; k++) {
                        acc_event ek = e;
                        ek.target = table[k];
                        fl_vec_push(&x->events, ek);
                    }
                    if (nt)
                        e.target = table[0];
                    fl_vec_push(&x->events, e);
                }
                /* a call that may enter a function with a body: it runs with the locks held here,
                   beside the threads running here (pthread_once's init routine too) */
                bool enters = runs ? defined_somewhere(in, runs) : !acc_direct_call(n) && !accx_cleanup_routine_call(n);
                if (enters) {
                    acc_call c = {f, n, own_locks(x, &lc, i), copy_state(x, st, af->nwords), NULL, -1,
                                  accx_region_at(region, single_from, bi, i, &sa), NULL,
                                  cfg_is_after(&sa, bi, i), NULL, NULL, 0, call_conds(x, bconds, n), {NULL, 0},
                                  false, false, false, false, 0, 0, 0};
                    if (!n->callee && n->nkids)
                        c.slot = accx_fn_slot(x, n->kids[0], &c.slot_param);
                    if (n->nkids >= 2 && !once) {
                        call_args(x, n, &c);
                        index_args(x, n, &c);
                        fresh_args(x, n, bi, &c);
                    }
                    joined_fact jx[16];
                    c.ended = joins_of(x, jx, joined_cursor_at(&jc, i, jx, 16));
                    c.after_join = cfg_is_after(&ja, bi, i);
                    c.target = once;
                    if (once)
                        c.region |= ACC_ONCE; /* the init routine runs once, before every pass returns */
                    c.dies_after = dies_after(b, i);
                    accx_barrier_at(x->sems, g, bi, i, &c.bar_before, &c.bar_after);
                    fl_vec_push(&x->calls, c);
                }
                continue;
            }
            if (ak)
                continue;
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
            if (n->kind == AST_REF && accx_is_shared_storage(n->var) && n->var->type &&
                !(n->var->type->flags & TYPE_F_CONST) && in->traits &&
                !ss_has(in->traits, n->var->type, SS_SYNC, NULL)) {
                bool dup = false;
                for (size_t k = first_ref; k < x->refs.len && !dup; k++)
                    dup = x->refs.items[k].var == n->var;
                if (!dup) {
                    acc_ref r = {f, accx_var_key(x, n->var), n->var, n};
                    fl_vec_push(&x->refs, r);
                }
            }
            /* the lvalue is written: assigned to (`x = ...`, `x += ...`) or stepped */
            bool written = p && ((is_assign(p) && p->kids[0] == child) || is_incdec(p));
            /* a plain write of an _Atomic object (`ready = 1;`) is an atomic store */
            if ((n->ty & TY_ATOMIC) && !extends && !addr && written) {
                place ap = place_of(x->A, n);
                bool aarg;
                const char *k = ap.root ? accx_place_key(x, ap, &aarg) : NULL;
                if (k)
                    push_atomic_write(x, f, &at, k, place_str(x->A, ap), n,
                                      accx_flag_set(x, b, &(cfg_elem){CFG_EXPR, (ast_node *)p, NULL}) != NULL,
                                      accx_flag_once(hs, g, bi, i, p));
                continue;
            }
            if (extends || addr || (n->ty & (TY_ARRAY | TY_FUNCTION | TY_ATOMIC)) || (n->kind == AST_REF && !n->var))
                continue;
            place pl = place_of(x->A, n);
            if (!pl.root) {
                const char *cname;
                const char *ck = call_result_key(x, n, &cname);
                if (ck)
                    push_access(x, f, &at, ck, cname, n, written, false);
                continue;
            }
            /* a const variable is never written; what a const pointer points to may be (`*const p`) */
            bool through = pl.root && pl.path && pl.path[0] == '*';
            if (!pl.root || (pl.root->ty & TY_ATOMIC) ||
                (!through && ((pl.root->ty & TY_CONST) || (pl.root->type && (pl.root->type->flags & TYPE_F_CONST)))) ||
                ((n->ty & TY_CONST) && declared_const(pl, n)))
                continue;
            bool arg;
            /* `g->n`, `cfg.log->level`: the pointer is read on the way (not `[*]`, an index) */
            const char *star = accx_is_shared_storage(pl.root) ? strchr(pl.path, '*') : NULL;
            while (star && star > pl.path && star[-1] == '[')
                star = strchr(star + 1, '*');
            if (star) {
                place ptr = {pl.root, fl_arena_strndup(x->A, pl.path, (size_t)(star - pl.path))};
                const char *pk = accx_place_key(x, ptr, &arg);
                /* the pointer's own subexpression, for the report (`cur` in `cur->hits`) */
                const ast_node *q = n;
                for (int guard = 0; q && q->nkids && q->kids[0] && guard < 64; guard++) {
                    place qp = place_of(x->A, (ast_node *)q);
                    if (qp.root == ptr.root && qp.path && strcmp(qp.path, ptr.path) == 0)
                        break;
                    q = q->kids[0];
                }
                if (pk)
                    push_access(x, f, &at, pk, place_str(x->A, ptr), q ? q : n, false, false);
            }
            /* the last reference's holder, alone with the object (`if (!last) return;
               printf("%ld", o->sum); free(o);`) */
            if (through && (pl.root->storage == STORAGE_LOCAL || pl.root->storage == STORAGE_PARAM) &&
                after_last_reference(x, g, bi, pl.root))
                continue;
            const char *k = accx_place_key(x, storage_place(x, n, pl), &arg);
            const char *el_name;
            bool whole;
            bool earg = false;
            x->index_param = -1;
            const char *ek = k ? NULL : element_key(x, n, pl, &el_name, &whole, &earg);
            if (!k && !ek)
                ek = element_via_local(x, g, pl, &el_name, &whole, &earg);
            const ast_node *via_call = NULL;
            if (!k && !ek)
                ek = element_via_call(x, g, pl, &el_name, &whole, &earg, &via_call);
            if (!k && !ek)
                ek = element_via_walk(x, g, pl, &el_name, &whole);
            if (!k && !ek && (ek = element_pointee_key(x, n, pl, &el_name)) != NULL)
                whole = false;
            if (!k && !ek)
                continue;
            push_access(x, f, &at, k ? k : ek, k || via_call ? place_str(x->A, pl) : el_name, n, written,
                        k ? arg : earg);
            if (via_call) { /* named as written, and as what the call returns */
                x->accs.items[x->accs.len - 1].pointee = el_name;
                x->accs.items[x->accs.len - 1].pointee_def = via_call;
            }
            if (ek && earg)
                x->accs.items[x->accs.len - 1].index_param = (int8_t)x->index_param;
            if (ek && (ek[0] == 'v' || ek[0] == 'p') && strstr(ek, "[?]"))
                x->accs.items[x->accs.len - 1].spawn_elem = after_own_spawn(x, n);
            if (written && (k || (ek && ek[0] == 'v')) && (is_global_pointer(pl, n) || accx_obj_field(x, pl, n)))
                record_store(x, k ? k : ek, n, p);
            if (written && x->objs && p && p->kind == AST_BINARY && p->op == BIN_ASSIGN && p->nkids == 2 &&
                p->kids[0] == n && accx_obj_assign(x, p))
                x->accs.items[x->accs.len - 1].inits = true;
            /* an element by a loop counter is the whole array; a struct copied in or out as a
               value (`snap = cur;`) reads or writes every field */
            if (ek ? whole : (n->ty & TY_RECORD) != 0)
                x->accs.items[x->accs.len - 1].whole = true;
            if (cr)
                accx_creator_at(x, cr, lf, &lc, x->rf ? st : NULL, bi, i, &x->accs.items[x->accs.len - 1]);
            if (hs) {
                acc_access *last = &x->accs.items[x->accs.len - 1];
                accx_handshake_at(x, hs, g, bi, i, last);
                /* the element after the lvalue that assigns it (`ready = 1`) */
                last->flag_set = written && accx_flag_set(x, b, &(cfg_elem){CFG_EXPR, (ast_node *)p, NULL}) != NULL;
                last->flag_once = last->flag_set && accx_flag_once(hs, g, bi, i, p);
            }
            bool ta;
            if (k && pl.path[0] == '*' && target_of_var(x, pl.root, &ta)) {
                acc_access *last = &x->accs.items[x->accs.len - 1];
                const char *tn = x->target_name[pl.root->index];
                const char *rest = place_str(x->A, (place){pl.root, pl.path + 1}) + strlen(pl.root->name);
                size_t tl = strlen(tn);
                /* through what a call returns: `get_config()->timeout_ms` */
                bool call = tl > 2 && strcmp(tn + tl - 2, "()") == 0;
                last->pointee = call && rest[0] == '.' ? fl_arena_sprintf(x->A, "%s->%s", tn, rest + 1)
                                : call                 ? fl_arena_sprintf(x->A, "*%s%s", tn, rest)
                                                       : fl_arena_concat(x->A, tn, rest);
                last->pointee_def = x->target_def[pl.root->index];
                last->pointee_len = (uint32_t)strlen(x->target_name[pl.root->index]);
            }
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
    x.latch = accx_find_latches(A, tu, in->cfgs);
    x.many = accx_find_many_token_sems(A, tu, in->cfgs);
    u->inits = FL_NEW_ARRAY(A, acc_store, tu->naddr_inits + 1);
    for (uint32_t i = 0; i < tu->naddr_inits; i++)
        if (accx_is_shared_storage(tu->addr_inits[i].global) && accx_is_shared_storage(tu->addr_inits[i].target))
            u->inits[u->ninits++] = (acc_store){accx_var_key(&x, tu->addr_inits[i].global),
                                                accx_var_key(&x, tu->addr_inits[i].target),
                                                tu->addr_inits[i].target->name, NULL};
    bool *taken = FL_NEW_ARRAY(A, bool, tu->nfuncs + 1);
    bool *named = FL_NEW_ARRAY(A, bool, tu->nfuncs + 1);
    /* each function's flags, and the parameters among them, before any call to it is seen */
    x.flags = FL_NEW_ARRAY(A, const flag_fn *, tu->nfuncs + 1);
    x.param_flags = FL_NEW_ARRAY(A, uint32_t, tu->nfuncs + 1);
    x.ret_param = FL_NEW_ARRAY(A, int8_t, tu->nfuncs + 1);
    x.ret_path = FL_NEW_ARRAY(A, const char *, tu->nfuncs + 1);
    x.ret_found = FL_NEW_ARRAY(A, bool, tu->nfuncs + 1);
    x.ret_global = FL_NEW_ARRAY(A, const ast_var *, tu->nfuncs + 1);
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        x.ret_param[f] = -1;
        if (in->cfgs[f] && tu->funcs[f]->body)
            find_param_returns(&x, f);
        if (!in->cfgs[f] || !tu->funcs[f]->body || !tu->funcs[f]->in_main_file)
            continue;
        const flag_fn *ff = x.flags[f] = flags_analyze(A, in->cfgs[f]);
        for (uint32_t v = 0; ff && v < ff->nvars; v++) {
            const ast_var *p = ff->vars[v];
            if (p->storage == STORAGE_PARAM && p->index < 32)
                x.param_flags[f] |= (uint32_t)1 << p->index;
        }
    }
    /* the unit's own functions (a header's static functions are there for their summaries) */
    x.T = fl_arena_new();
    for (uint32_t f = 0; f < tu->nfuncs; f++)
        if (in->cfgs[f] && tu->funcs[f]->body && tu->funcs[f]->in_main_file) {
            extract_fn(&x, f, taken, named);
            fl_arena_clear(x.T);
        }
    fl_arena_free(x.T);
    accx_note_init_flows(&x, taken);
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
    /* a global pointer whose address is taken may be written through it: nothing is known */
    for (uint32_t i = 0; i < tu->nglobals; i++) {
        const ast_var *v = tu->globals[i];
        if ((v->ty & TY_POINTER) && (v->flags & AST_VAR_ADDRESS_TAKEN) && accx_is_shared_storage(v)) {
            acc_store st = {accx_var_key(&x, v), NULL, NULL, NULL};
            fl_vec_push(&x.stores, st);
        }
    }
    if (x.inits.len) {
        acc_store *all = FL_NEW_ARRAY(A, acc_store, u->ninits + x.inits.len);
        memcpy(all, u->inits, u->ninits * sizeof *all);
        memcpy(all + u->ninits, x.inits.items, x.inits.len * sizeof *all);
        u->inits = all;
        u->ninits += (uint32_t)x.inits.len;
    }
    fl_vec_free(&x.inits);
    u->stores = x.stores.len ? fl_arena_memdup(A, x.stores.items, x.stores.len * sizeof *x.stores.items) : NULL;
    u->nstores = (uint32_t)x.stores.len;
    fl_vec_free(&x.stores);
    u->returns = x.returns.len ? fl_arena_memdup(A, x.returns.items, x.returns.len * sizeof *x.returns.items) : NULL;
    u->nreturns = (uint32_t)x.returns.len;
    fl_vec_free(&x.returns);
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
    u->polled = x.polled.len ? fl_arena_memdup(A, x.polled.items, x.polled.len * sizeof(char *)) : NULL;
    u->npolled = (uint32_t)x.polled.len;
    fl_vec_free(&x.polled);
    fl_vec_free(&x.events);
    fl_vec_free(&x.calls);
    fl_vec_free(&x.accs);
    fl_vec_free(&x.refs);
    return u;
}
