/* flags.c - branch facts on global flags (see flags.h). */
#include "flags.h"

#include <string.h>

#include "../ir/cond.h"

/* At most this many flags per function: a function testing more is a parser, not a mode switch. */
#define MAX_FLAGS 32

typedef struct fl_ctx {
    flag_fn *ff;
} fl_ctx;

/* Which edges of a test of a flag tell its value. */
enum {
    TELLS_BOTH,     /* `if (f)`, `f == 0`: one edge non-zero, the other zero */
    TELLS_TRUE_NZ,  /* `f == MODE_READ` (a non-zero constant): the true edge, non-zero */
    TELLS_FALSE_NZ, /* `f != MODE_READ`: the false edge, non-zero */
};

/* The flag a branch condition tests, and whether "true" means it is non-zero; *tells which
   edges say so. NULL if none. */
static const ast_var *tested_flag(ast_node *cond, bool *true_means_nonzero, int *tells)
{
    *tells = TELLS_BOTH;
    ast_node *c = cond ? ast_strip_parens(cond) : NULL;
    if (c && c->kind == AST_BINARY && c->nkids == 2 && (c->op == BIN_EQ || c->op == BIN_NE)) {
        /* a comparison with a non-zero constant, either way round */
        for (int side = 0; side < 2; side++) {
            ast_node *v = c->kids[side] ? ast_strip_casts(c->kids[side]) : NULL;
            if (v && v->kind == AST_REF && v->var && cond_is_nonzero_constant(c->kids[1 - side])) {
                *true_means_nonzero = true;
                *tells = c->op == BIN_EQ ? TELLS_TRUE_NZ : TELLS_FALSE_NZ;
                if (c->op == BIN_NE)
                    *true_means_nonzero = false;
                return v->var;
            }
        }
    }
    bool zero = false;
    ast_node *v = cond_strip_zero_tests(cond, &zero);
    v = v ? ast_strip_casts(v) : NULL;
    if (!v || v->kind != AST_REF || !v->var)
        return NULL;
    *true_means_nonzero = !zero;
    return v->var;
}

static int32_t flag_index(const flag_fn *ff, const ast_var *v)
{
    for (uint32_t i = 0; i < ff->nvars; i++)
        if (ff->vars[i] == v)
            return (int32_t)i;
    return -1;
}

/* A write of a flag (a declaration of a local one) forgets what the branches said of it. */
static void transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    const flag_fn *ff = ((fl_ctx *)ctx)->ff;
    for (uint32_t i = 0; i < b->nelems; i++) {
        const ast_var *v = b->elems[i].kind == CFG_DECL ? b->elems[i].var : cond_written_var(&b->elems[i]);
        int32_t k = v ? flag_index(ff, v) : -1;
        if (k >= 0) {
            fl_bs_clear(st, 2 * (uint32_t)k);
            fl_bs_clear(st, 2 * (uint32_t)k + 1);
        }
    }
}

static void edge(void *ctx, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    (void)g;
    const flag_fn *ff = ((fl_ctx *)ctx)->ff;
    bool nz;
    int tells;
    const ast_var *v = b->cond && b->nsuccs == 2 ? tested_flag(b->cond, &nz, &tells) : NULL;
    int32_t i = v ? flag_index(ff, v) : -1;
    if (i < 0 || b->succs[0] == b->succs[1])
        return;
    if ((tells == TELLS_TRUE_NZ && succ != 0) || (tells == TELLS_FALSE_NZ && succ != 1))
        return; /* `f == MODE_READ` false: some other value, perhaps zero */
    bool nonzero = succ == 0 ? nz : !nz;
    fl_bs_set(st, 2 * (uint32_t)i + (nonzero ? 0 : 1));
}

/* The key whose thread-specific value a local holds at every write of it
   (`x = pthread_getspecific(key)`, `T *x = tss_get(key)`), or NULL. */
static const ast_var *tls_key_of(const cfg *g, const ast_var *local)
{
    const ast_var *key = NULL;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            const ast_node *value = NULL;
            if (el->kind == CFG_DECL && el->var == local)
                value = el->node && el->node->nkids ? el->node->kids[0] : NULL;
            else if (cond_written_var(el) == local)
                value = el->node->kind == AST_BINARY && el->node->op == BIN_ASSIGN ? el->node->kids[1] : NULL;
            else
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

bool flags_param_kept(const cfg *g, const ast_var *v)
{
    if (!v || v->storage != STORAGE_PARAM || (v->flags & AST_VAR_ADDRESS_TAKEN) || (v->ty & (TY_ARRAY | TY_ATOMIC)))
        return false;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++)
            if (cond_written_var(&g->blocks[bi].elems[i]) == v)
                return false;
    return true;
}

uint32_t flags_params(const cfg *g)
{
    uint32_t mask = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        bool nz;
        int tells;
        const ast_var *v = b->cond && b->nsuccs == 2 ? tested_flag(b->cond, &nz, &tells) : NULL;
        if (v && v->storage == STORAGE_PARAM && v->index < 32 && g->fn && v->index < g->fn->nparams &&
            g->fn->params[v->index] == v && !(mask >> v->index & 1) && flags_param_kept(g, v))
            mask |= (uint32_t)1 << v->index;
    }
    return mask;
}

flag_fn *flags_analyze(fl_arena *A, const cfg *g)
{
    const ast_var *vars[MAX_FLAGS], *keys[MAX_FLAGS];
    bool polled[MAX_FLAGS];
    uint32_t n = 0;
    for (uint32_t bi = 0; bi < g->nblocks && n < MAX_FLAGS; bi++) {
        const cfg_block *b = &g->blocks[bi];
        bool nz;
        int tells;
        const ast_var *v = b->cond && b->nsuccs == 2 ? tested_flag(b->cond, &nz, &tells) : NULL;
        if (!v || (v->flags & AST_VAR_ADDRESS_TAKEN))
            continue;
        /* a loop waiting on it (`while (!stop)`): it changes while code runs */
        bool leaves = b->loop && (g->blocks[b->succs[0]].loop != b->loop || g->blocks[b->succs[1]].loop != b->loop);
        bool dup = false;
        for (uint32_t i = 0; i < n && !dup; i++)
            if (vars[i] == v) {
                dup = true;
                polled[i] |= leaves;
            }
        if (dup)
            continue;
        polled[n] = leaves;
        const ast_var *key = NULL;
        if (v->storage == STORAGE_LOCAL)
            key = tls_key_of(g, v);
        else if (v->storage == STORAGE_PARAM) {
            /* a parameter the function never changes: what its callers pass decides it */
            if (!flags_param_kept(g, v))
                continue;
        } else if ((v->storage != STORAGE_GLOBAL && v->storage != STORAGE_STATIC_LOCAL) ||
                   (v->ty & (TY_POINTER | TY_ARRAY | TY_ATOMIC)))
            continue;
        if (v->storage == STORAGE_LOCAL && !key)
            continue;
        keys[n] = key;
        vars[n++] = v;
    }
    if (!n)
        return NULL;
    flag_fn *ff = FL_NEW(A, flag_fn);
    ff->vars = fl_arena_memdup(A, vars, n * sizeof *vars);
    ff->tls_keys = fl_arena_memdup(A, keys, n * sizeof *keys);
    ff->polled = fl_arena_memdup(A, polled, n * sizeof *polled);
    ff->nvars = n;
    fl_ctx c = {ff};
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
            out[k++] = (flag_fact){ff->vars[i], ff->tls_keys[i], nz};
    }
    return k;
}
