/* flags.c - branch facts on global flags (see flags.h). */
#include "flags.h"

#include <string.h>

#include "../ir/cond.h"
#include "../ir/place.h"

/* At most this many flags per function: a function testing more is a parser, not a mode switch. */
#define MAX_FLAGS 32

typedef struct fl_ctx {
    flag_fn *ff;
    fl_arena *A;
} fl_ctx;

/* Which edges of a test of a flag tell its value. */
enum {
    TELLS_BOTH,     /* `if (f)`, `f == 0`: one edge non-zero, the other zero */
    TELLS_TRUE_NZ,  /* `f == MODE_READ` (a non-zero constant): the true edge, non-zero */
    TELLS_FALSE_NZ, /* `f != MODE_READ`: the false edge, non-zero */
};

/* A flag: a variable, or a field of a global or static one (`cfg.threads`: path ".threads"),
   and for the pseudo-flag "f == C" the constant's spelling (eq). */
typedef struct flag_id {
    const ast_var *var;
    const char *path;
    const char *eq;
} flag_id;

/* The flag an lvalue names: a variable, or fields of a global or static one ("." steps only). */
static bool flag_of(fl_arena *A, ast_node *e, flag_id *id)
{
    e = e ? ast_strip_casts(e) : NULL;
    if (!e)
        return false;
    if (e->kind == AST_REF && e->var) {
        *id = (flag_id){e->var, "", NULL};
        return true;
    }
    if (e->kind != AST_MEMBER || !A)
        return false;
    /* a cheap look first: `.` steps down to a global or static (most members tested are
       through pointers: `if (c->flags)`) */
    const ast_node *r = e;
    for (int guard = 0; r && r->kind == AST_MEMBER && guard < 64; guard++) {
        if ((r->flags & AST_F_ARROW) || r->nkids != 1)
            return false;
        r = r->kids[0] ? ast_strip_parens(r->kids[0]) : NULL;
    }
    if (!r || r->kind != AST_REF || !r->var ||
        (r->var->storage != STORAGE_GLOBAL && r->var->storage != STORAGE_STATIC_LOCAL))
        return false;
    place pl = place_of(A, e);
    if (!pl.root || (pl.root->storage != STORAGE_GLOBAL && pl.root->storage != STORAGE_STATIC_LOCAL) ||
        strchr(pl.path, '*') || strchr(pl.path, '['))
        return false;
    *id = (flag_id){pl.root, pl.path, NULL};
    return true;
}

/* The flag a branch condition tests, and whether "true" means it is non-zero; *tells which
   edges say so. A comparison with a non-zero constant C also tests the pseudo-flag "f == C"
   (*eq, both edges). False if none. */
static bool tested_flag(fl_arena *A, ast_node *cond, bool *true_means_nonzero, int *tells, flag_id *id,
                        flag_id *eq)
{
    *tells = TELLS_BOTH;
    eq->var = NULL;
    ast_node *c = cond ? ast_strip_parens(cond) : NULL;
    if (c && c->kind == AST_BINARY && c->nkids == 2 && (c->op == BIN_EQ || c->op == BIN_NE)) {
        /* a comparison with a non-zero constant, either way round */
        for (int side = 0; side < 2; side++) {
            ast_node *k = c->kids[1 - side] ? ast_strip_casts(c->kids[1 - side]) : NULL;
            if (!cond_is_nonzero_constant(k) || !flag_of(A, c->kids[side], id))
                continue;
            *true_means_nonzero = c->op == BIN_EQ;
            *tells = c->op == BIN_EQ ? TELLS_TRUE_NZ : TELLS_FALSE_NZ;
            if (k && k->name && *k->name && strlen(k->name) < 64) {
                *eq = *id;
                eq->eq = k->name;
            }
            return true;
        }
    }
    bool zero = false;
    ast_node *v = cond_strip_zero_tests(cond, &zero);
    if (!flag_of(A, v, id))
        return false;
    *true_means_nonzero = !zero;
    return true;
}

static bool same_flag(const flag_id *a, const flag_id *b)
{
    return a->var == b->var && strcmp(a->path, b->path) == 0 &&
           (a->eq == b->eq || (a->eq && b->eq && strcmp(a->eq, b->eq) == 0));
}

static int32_t flag_index(const flag_fn *ff, const flag_id *id)
{
    for (uint32_t i = 0; i < ff->nvars; i++) {
        flag_id f = {ff->vars[i], ff->paths[i], ff->eqs[i]};
        if (same_flag(&f, id))
            return (int32_t)i;
    }
    return -1;
}

/* The variable and field path an element writes (`v = ...`, `cfg.threads = 4`, `v++`, a
   declaration), or false. */
static bool written_flag(fl_arena *A, const cfg_elem *el, flag_id *id)
{
    if (el->kind == CFG_DECL && el->var) {
        *id = (flag_id){el->var, "", NULL};
        return true;
    }
    ast_node *l = cond_written_lvalue(el);
    return l && flag_of(A, l, id);
}

/* A write of a flag (a declaration of a local one), of a struct holding it or of a field in it,
   forgets what the branches said of it, and of the pseudo-flags made of it. */
static void transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    fl_ctx *c = ctx;
    const flag_fn *ff = c->ff;
    for (uint32_t i = 0; i < b->nelems; i++) {
        flag_id w;
        if (!written_flag(c->A, &b->elems[i], &w))
            continue;
        size_t wl = strlen(w.path);
        for (uint32_t k = 0; k < ff->nvars; k++) {
            const char *fp = ff->paths[k];
            size_t fl = strlen(fp);
            if (ff->vars[k] != w.var || strncmp(fp, w.path, fl < wl ? fl : wl) != 0)
                continue;
            fl_bs_clear(st, 2 * k);
            fl_bs_clear(st, 2 * k + 1);
        }
    }
}

static void edge(void *ctx, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    (void)g;
    fl_ctx *c = ctx;
    const flag_fn *ff = c->ff;
    bool nz;
    int tells;
    flag_id id, eq;
    if (!b->cond || b->nsuccs != 2 || b->succs[0] == b->succs[1] || !tested_flag(c->A, b->cond, &nz, &tells, &id, &eq))
        return;
    /* "f == C" holds on the edge where the comparison says it does */
    int32_t e = eq.var ? flag_index(ff, &eq) : -1;
    if (e >= 0)
        fl_bs_set(st, 2 * (uint32_t)e + ((succ == 0) == (tells == TELLS_TRUE_NZ) ? 0 : 1));
    int32_t i = flag_index(ff, &id);
    if (i < 0)
        return;
    if ((tells == TELLS_TRUE_NZ && succ != 0) || (tells == TELLS_FALSE_NZ && succ != 1))
        return; /* `f == MODE_READ` false: some other value, perhaps zero */
    bool nonzero = succ == 0 ? nz : !nz;
    fl_bs_set(st, 2 * (uint32_t)i + (nonzero ? 0 : 1));
}

/* el writes v whole: declares it (with its initializer as *value, or NULL) or assigns it (`v =
   e` gives e; `v += e`, `v++` give NULL). */
static bool writes(const cfg_elem *el, const ast_var *v, const ast_node **value)
{
    *value = NULL;
    if (el->kind == CFG_DECL && el->var == v)
        *value = el->node && el->node->nkids ? el->node->kids[0] : NULL;
    else if (cond_written_var(el) == v)
        *value = el->node->kind == AST_BINARY && el->node->op == BIN_ASSIGN ? el->node->kids[1] : NULL;
    else
        return false;
    return true;
}

/* The key whose thread-specific value a local holds at every write of it
   (`x = pthread_getspecific(key)`, `T *x = tss_get(key)`), or NULL. */
static const ast_var *tls_key_of(const cfg *g, const ast_var *local)
{
    const ast_var *key = NULL;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            const ast_node *value;
            if (!writes(el, local, &value))
                continue;
            const ast_node *c = value ? ast_strip_casts((ast_node *)value) : NULL;
            const ast_node *k = c && c->kind == AST_CALL && c->name && c->nkids == 2 &&
                                        (strcmp(c->name, "pthread_getspecific") == 0 || strcmp(c->name, "tss_get") == 0)
                                    ? ast_strip_casts(c->kids[1])
                                    : NULL;
            if (!k || k->kind != AST_REF || !k->var ||
                (k->var->storage != STORAGE_GLOBAL && k->var->storage != STORAGE_STATIC_LOCAL) ||
                (key && key != k->var))
                return NULL;
            key = k->var;
        }
    return key;
}

/* What of the first parameter `arg` value e gives: "=" (`arg`, `(long)arg`), "*" (`*(int *)arg`)
   or "*.f" (`((struct job *)arg)->f`, `job->f` with job a local that only copies arg), or NULL. */
static const char *arg_part(fl_arena *A, const cfg *g, const ast_var *arg, const ast_node *e, int depth);

/* A local whose every write stores the first parameter (`struct job *job = arg;`). */
static bool arg_copy(fl_arena *A, const cfg *g, const ast_var *arg, const ast_var *v, int depth)
{
    uint32_t n = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            const ast_node *value;
            if (!writes(el, v, &value))
                continue;
            const char *part = value ? arg_part(A, g, arg, value, depth + 1) : NULL;
            if (!part || strcmp(part, "=") != 0)
                return false;
            n++;
        }
    return n > 0;
}

static const char *arg_part(fl_arena *A, const cfg *g, const ast_var *arg, const ast_node *e, int depth)
{
    e = e ? ast_strip_casts((ast_node *)e) : NULL;
    if (!e || depth > 2)
        return NULL;
    if (e->kind == AST_REF && e->var)
        return e->var == arg || (e->var->storage == STORAGE_LOCAL && !(e->var->flags & AST_VAR_ADDRESS_TAKEN) &&
                                 arg_copy(A, g, arg, e->var, depth))
                   ? "="
                   : NULL;
    if (e->kind == AST_UNARY && e->op == UN_DEREF && e->nkids == 1) {
        const char *in = arg_part(A, g, arg, e->kids[0], depth);
        return in && strcmp(in, "=") == 0 ? "*" : NULL;
    }
    if (e->kind == AST_MEMBER && (e->flags & AST_F_ARROW) && e->nkids == 1 && e->name) {
        const char *in = arg_part(A, g, arg, e->kids[0], depth);
        return in && strcmp(in, "=") == 0 ? fl_arena_sprintf(A, "*.%s", e->name) : NULL;
    }
    return NULL;
}

/* What of the function's first parameter a local holds at every write of it (arg_part), the
   same at each; else NULL. */
static const char *inst_path_of(fl_arena *A, const cfg *g, const ast_var *local)
{
    const ast_var *arg = g->fn && g->fn->nparams ? g->fn->params[0] : NULL;
    if (!arg || !(arg->ty & TY_POINTER) || (arg->flags & AST_VAR_ADDRESS_TAKEN) || (local->ty & TY_POINTER))
        return NULL;
    const char *path = NULL;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            const ast_node *value;
            if (!writes(el, local, &value))
                continue;
            const char *part = value ? arg_part(A, g, arg, value, 0) : NULL;
            if (!part || (path && strcmp(path, part) != 0))
                return NULL;
            path = part;
        }
    return path;
}

/* A parameter the function never writes nor lets be written (its address never taken): a flag
   whose value its callers decide (`close_client(c, 1)` makes `if (async)` true in it). */
static bool param_kept(const cfg *g, const ast_var *v)
{
    if (!v || v->storage != STORAGE_PARAM || (v->flags & AST_VAR_ADDRESS_TAKEN) || (v->ty & (TY_ARRAY | TY_ATOMIC)))
        return false;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++)
            if (cond_written_var(&g->blocks[bi].elems[i]) == v)
                return false;
    return true;
}

/* May this be a flag of g's: what the tests of it say lasts until a write the CFG shows (the
   address never taken), and a key names it. *tls: for a local, the thread-specific key it holds
   the value of. */
static bool flag_ok(fl_arena *A, const cfg *g, const flag_id *id, const ast_var **tls, const char **inst)
{
    const ast_var *v = id->var;
    *tls = NULL;
    *inst = NULL;
    /* (a field of a struct whose address is taken somewhere, `&server.port` for a config table,
       still counts: the fields a program passes by address are rarely its mode flags) */
    if ((v->flags & AST_VAR_ADDRESS_TAKEN) && !*id->path)
        return false;
    if (v->storage == STORAGE_LOCAL) {
        if (*id->path)
            return false;
        if (!id->eq && (*tls = tls_key_of(g, v)) != NULL)
            return true;
        return (*inst = inst_path_of(A, g, v)) != NULL;
    }
    if (v->storage == STORAGE_PARAM) /* a parameter the function never changes: its callers decide */
        return !*id->path && !id->eq && param_kept(g, v);
    if (v->storage != STORAGE_GLOBAL && v->storage != STORAGE_STATIC_LOCAL)
        return false;
    return *id->path || !(v->ty & (TY_POINTER | TY_ARRAY | TY_ATOMIC));
}

flag_fn *flags_analyze(fl_arena *A, const cfg *g)
{
    const ast_var *vars[MAX_FLAGS], *keys[MAX_FLAGS];
    const char *paths[MAX_FLAGS], *eqs[MAX_FLAGS], *insts[MAX_FLAGS];
    bool polled[MAX_FLAGS];
    uint32_t n = 0;
    for (uint32_t bi = 0; bi < g->nblocks && n < MAX_FLAGS; bi++) {
        const cfg_block *b = &g->blocks[bi];
        bool nz;
        int tells;
        flag_id ids[2];
        if (!b->cond || b->nsuccs != 2 || !tested_flag(A, b->cond, &nz, &tells, &ids[0], &ids[1]))
            continue;
        /* a loop waiting on it (`while (!stop)`): it changes while code runs */
        bool leaves = b->loop && (g->blocks[b->succs[0]].loop != b->loop || g->blocks[b->succs[1]].loop != b->loop);
        for (int k = 0; k < 2 && n < MAX_FLAGS; k++) {
            const flag_id *id = &ids[k];
            if (!id->var)
                continue;
            bool dup = false;
            for (uint32_t i = 0; i < n && !dup; i++) {
                flag_id f = {vars[i], paths[i], eqs[i]};
                if (same_flag(&f, id)) {
                    dup = true;
                    polled[i] |= leaves;
                }
            }
            const ast_var *key;
            const char *inst;
            if (dup || !flag_ok(A, g, id, &key, &inst))
                continue;
            polled[n] = leaves;
            keys[n] = key;
            insts[n] = inst;
            paths[n] = id->path;
            eqs[n] = id->eq;
            vars[n++] = id->var;
        }
    }
    if (!n)
        return NULL;
    flag_fn *ff = FL_NEW(A, flag_fn);
    ff->vars = fl_arena_memdup(A, vars, n * sizeof *vars);
    ff->paths = fl_arena_memdup(A, paths, n * sizeof *paths);
    ff->eqs = fl_arena_memdup(A, eqs, n * sizeof *eqs);
    ff->tls_keys = fl_arena_memdup(A, keys, n * sizeof *keys);
    ff->insts = fl_arena_memdup(A, insts, n * sizeof *insts);
    ff->polled = fl_arena_memdup(A, polled, n * sizeof *polled);
    ff->nvars = n;
    fl_ctx c = {ff, A};
    df_problem p = {0};
    p.nbits = 2 * n;
    p.intersect = true;
    p.ctx = &c;
    p.transfer = transfer;
    p.edge = edge;
    ff->df = df_run(A, g, &p);
    return ff;
}

uint32_t flags_at(const flag_fn *ff, uint32_t block, flag_fact *out, uint32_t max)
{
    if (!ff || !ff->df->reached[block])
        return 0;
    const fl_word *st = df_in(ff->df, block);
    uint32_t k = 0;
    for (uint32_t i = 0; i < ff->nvars && k < max; i++) {
        bool nz = fl_bs_test(st, 2 * i), z = fl_bs_test(st, 2 * i + 1);
        if (nz != z) /* both: a path that cannot run; keep neither */
            out[k++] = (flag_fact){ff->vars[i], ff->tls_keys[i], nz, ff->paths[i], ff->eqs[i], ff->insts[i]};
    }
    return k;
}
