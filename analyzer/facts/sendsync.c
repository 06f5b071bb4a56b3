/* sendsync.c - deciding Send and Sync for the unit's types (rules in sendsync.h).
 *
 * The answer for a type is memoized in the unit's ss_table (one nibble per trait, indexed by the
 * type's id), so each type is decided once per unit whatever the number of queries. Recursive records need care: a record
 * met again while it is being decided ("busy") is assumed to have the trait (co-induction), and
 * every answer that leaned on such an assumption is only provisional until the busy record it
 * leaned on is decided. A "no" is always final (assuming more "yes" never makes a "no"); when a
 * record turns out "no", the provisional answers made below it are forgotten and recomputed on
 * demand. This keeps every memo sound and the work linear in the size of the type graph.
 */
#include "sendsync.h"

#include <limits.h>
#include <string.h>

#include "../base/vec.h"

enum { M_UNKNOWN = 0, M_BUSY = 1, M_YES = 2, M_NO = 3, M_PROVISIONAL = 4 };

struct ss_table {
    fl_arena *arena;
    uint8_t *memo; /* per type id: one nibble per trait */
    uint32_t ntypes;
};

ss_table *ss_table_new(fl_arena *arena, uint32_t ntypes)
{
    ss_table *tb = FL_NEW(arena, ss_table);
    tb->arena = arena;
    tb->ntypes = ntypes;
    tb->memo = FL_NEW_ARRAY(arena, uint8_t, ntypes ? ntypes : 1);
    return tb;
}

/* A type outside the table (made after it) is never memoized: decided anew each time. */
static unsigned memo_get(const ss_table *tb, const ast_type *t, ss_trait tr)
{
    return t->id < tb->ntypes ? (tb->memo[t->id] >> (4 * tr)) & 15u : M_UNKNOWN;
}

static void memo_set(ss_table *tb, const ast_type *t, ss_trait tr, unsigned v)
{
    if (t->id < tb->ntypes)
        tb->memo[t->id] = (uint8_t)((tb->memo[t->id] & ~(15u << (4 * tr))) | (v << (4 * tr)));
}

typedef struct prov {
    const ast_type *type;
    unsigned low; /* the lowest busy stack frame its "yes" leaned on */
} prov;

typedef struct run {
    ss_table *tb;
    ss_trait tr;
    FL_VEC(const ast_type *) stack; /* records being decided, outermost first */
    FL_VEC(prov) prov;              /* provisional "yes" answers */
} run;

/* +1: this layer is annotated as having the trait, -1: as lacking it, 0: not annotated.
   SEND wins over NOT_SEND on one layer: the user asserted it (precision first). */
static int annotated(const ast_type *t, ss_trait tr)
{
    uint16_t yes = tr == SS_SEND ? TYPE_F_SEND : TYPE_F_SYNC;
    uint16_t no = tr == SS_SEND ? TYPE_F_NOT_SEND : TYPE_F_NOT_SYNC;
    return (t->flags & yes) ? 1 : (t->flags & no) ? -1 : 0;
}

/* The synchronization objects of pthreads and C11: made to be shared, whatever their insides. */
static bool sync_object_name(const char *name)
{
    static const char *const names[] = {
        "pthread_mutex_t", "pthread_rwlock_t", "pthread_cond_t", "pthread_spinlock_t",
        "pthread_barrier_t", "pthread_once_t", "sem_t", "mtx_t", "cnd_t", "once_flag",
    };
    if (!name)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* The answer a type has without looking inside it: 1 yes, -1 no, 0 look inside. */
static int decided_alone(const ast_type *t, ss_trait tr)
{
    int a = annotated(t, tr);
    if (a)
        return a;
    switch ((ast_type_kind)t->kind) {
    case TYPE_TYPEDEF:
        return sync_object_name(t->name) ? 1 : 0;
    case TYPE_POINTER:
    case TYPE_ARRAY:
        return 0;
    case TYPE_RECORD:
        return (t->flags & TYPE_F_INCOMPLETE) ? 1 : 0; /* opaque: assumed fine unless annotated */
    case TYPE_ATOMIC:   /* atomics are made to be shared (Rust's AtomicPtr<T> is Send + Sync too) */
    case TYPE_FUNCTION: /* code, not data */
    case TYPE_SCALAR:
    case TYPE_VOID:
    case TYPE_OTHER:
    default:
        return 1;
    }
}

static bool decide(run *r, const ast_type *t, unsigned *low)
{
    *low = UINT_MAX;
    if (!t)
        return true;
    switch (memo_get(r->tb, t, r->tr)) {
    case M_YES:
        return true;
    case M_NO:
        return false;
    case M_BUSY:
        for (size_t i = r->stack.len; i-- > 0;)
            if (r->stack.items[i] == t) {
                *low = (unsigned)i;
                break;
            }
        return true;
    case M_PROVISIONAL:
        for (size_t i = r->prov.len; i-- > 0;)
            if (r->prov.items[i].type == t) {
                *low = r->prov.items[i].low;
                break;
            }
        return true;
    default:
        break;
    }
    int alone = decided_alone(t, r->tr);
    if (alone) {
        memo_set(r->tb, t, r->tr, alone > 0 ? M_YES : M_NO);
        return alone > 0;
    }

    unsigned me = (unsigned)r->stack.len;
    size_t mark = r->prov.len;
    fl_vec_push(&r->stack, t);
    memo_set(r->tb, t, r->tr, M_BUSY);
    bool ok = true;
    unsigned lo = UINT_MAX, l;
    if (t->kind == TYPE_RECORD) {
        for (uint32_t i = 0; i < t->nfields && ok; i++) {
            ok = decide(r, t->fields[i].type, &l);
            lo = l < lo ? l : lo;
        }
    } else {
        ok = decide(r, t->inner, &l);
        lo = l < lo ? l : lo;
    }
    r->stack.len--;

    if (!ok) {
        /* Final; what was assumed below it may have leaned on it: forget those. */
        for (size_t i = mark; i < r->prov.len; i++)
            memo_set(r->tb, r->prov.items[i].type, r->tr, M_UNKNOWN);
        r->prov.len = mark;
        memo_set(r->tb, t, r->tr, M_NO);
        return false;
    }
    if (lo >= me) {
        /* Leaned on nothing outside itself: it and everything provisional below are settled. */
        for (size_t i = mark; i < r->prov.len; i++)
            memo_set(r->tb, r->prov.items[i].type, r->tr, M_YES);
        r->prov.len = mark;
        memo_set(r->tb, t, r->tr, M_YES);
        return true;
    }
    prov p = {t, lo};
    fl_vec_push(&r->prov, p);
    memo_set(r->tb, t, r->tr, M_PROVISIONAL);
    *low = lo;
    return true;
}

static bool has(ss_table *tb, const ast_type *t, ss_trait tr)
{
    if (!t)
        return true;
    unsigned m = memo_get(tb, t, tr);
    if (m == M_YES || m == M_NO)
        return m == M_YES;
    run r = {0};
    r.tb = tb;
    r.tr = tr;
    unsigned low;
    bool ok = decide(&r, t, &low);
    /* The outermost call has no busy frame above it: nothing can stay provisional. */
    for (size_t i = 0; i < r.prov.len; i++)
        memo_set(tb, r.prov.items[i].type, tr, M_YES);
    fl_vec_free(&r.stack);
    fl_vec_free(&r.prov);
    return ok;
}

/* ---- why: a path through the types lacking the trait, to an annotated one ---------------- */

typedef FL_VEC(ss_step) step_vec;
typedef FL_VEC(const ast_type *) type_vec;

/* Depth-first over the types lacking the trait, never entering a type twice (recursive types):
   every "no" comes from a NOT_* annotation, so one is found. */
static bool find_path(ss_table *tb, const ast_type *t, ss_trait tr, step_vec *path, type_vec *seen)
{
    for (size_t i = 0; i < seen->len; i++)
        if (seen->items[i] == t)
            return false;
    fl_vec_push(seen, t);
    ss_step st = {t, NULL};
    fl_vec_push(path, st);
    if (annotated(t, tr) < 0)
        return true;
    if (t->kind == TYPE_RECORD) {
        for (uint32_t i = 0; i < t->nfields; i++) {
            if (has(tb, t->fields[i].type, tr))
                continue;
            path->items[path->len - 1].field = &t->fields[i];
            if (find_path(tb, t->fields[i].type, tr, path, seen))
                return true;
        }
    } else if (t->inner && !has(tb, t->inner, tr) && find_path(tb, t->inner, tr, path, seen)) {
        return true;
    }
    path->len--;
    return false;
}

bool ss_has(ss_table *tb, const ast_type *t, ss_trait trait, ss_why *why)
{
    if (why)
        *why = (ss_why){NULL, 0};
    if (has(tb, t, trait))
        return true;
    if (why) {
        step_vec path = {0};
        type_vec seen = {0};
        if (find_path(tb, t, trait, &path, &seen) && path.len) {
            why->steps = fl_arena_memdup(tb->arena, path.items, path.len * sizeof *path.items);
            why->nsteps = (unsigned)path.len;
        }
        fl_vec_free(&path);
        fl_vec_free(&seen);
    }
    return false;
}

const char *ss_trait_name(ss_trait trait)
{
    return trait == SS_SEND ? "Send" : "Sync";
}

const ast_type *ss_culprit(const ss_why *why)
{
    return why && why->nsteps ? why->steps[why->nsteps - 1].type : NULL;
}

/* ---- types of expressions ---------------------------------------------------------------- */

const ast_type *ss_strip_typedefs(const ast_type *t)
{
    for (int guard = 0; t && t->kind == TYPE_TYPEDEF && guard < 64; guard++)
        t = t->inner;
    return t;
}

const ast_type *ss_pointee(const ast_type *t)
{
    t = ss_strip_typedefs(t);
    return t && t->kind == TYPE_POINTER ? t->inner : NULL;
}

/* What indexing or dereferencing a value of type t gives. */
static ast_type *element_of(const ast_type *t)
{
    t = ss_strip_typedefs(t);
    return t && (t->kind == TYPE_POINTER || t->kind == TYPE_ARRAY) ? t->inner : NULL;
}

static ast_type *field_type(const ast_type *rec, const char *name)
{
    rec = ss_strip_typedefs(rec);
    if (!rec || rec->kind != TYPE_RECORD || !name)
        return NULL;
    for (uint32_t i = 0; i < rec->nfields; i++)
        if (rec->fields[i].name && strcmp(rec->fields[i].name, name) == 0)
            return rec->fields[i].type;
    return NULL;
}

ast_type *ss_expr_type(const ast_node *e)
{
    e = ast_strip_casts((ast_node *)e);
    if (!e)
        return NULL;
    switch ((ast_kind)e->kind) {
    case AST_REF:
    case AST_COMPOUND_LIT:
        return e->var ? e->var->type : NULL;
    case AST_CALL:
        if (e->name && strcmp(e->name, "fl_move") == 0 && e->nkids == 2)
            return ss_expr_type(e->kids[1]);
        return e->callee ? e->callee->result : NULL;
    case AST_MEMBER: {
        ast_type *b = ss_expr_type(e->kids[0]);
        if (e->flags & AST_F_ARROW)
            b = element_of(b);
        return field_type(b, e->name);
    }
    case AST_INDEX:
        return element_of(ss_expr_type(e->kids[0]));
    case AST_UNARY:
        if (e->op == UN_DEREF)
            return element_of(ss_expr_type(e->kids[0]));
        return NULL; /* &x has no ast_type of its own: see the checks' pointee helpers */
    case AST_COND: {
        ast_type *a = ss_expr_type(e->kids[e->nkids - 2]), *b = ss_expr_type(e->kids[e->nkids - 1]);
        return a == b ? a : NULL;
    }
    default:
        return NULL;
    }
}
