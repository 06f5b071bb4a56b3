/* access_fields.c - what the object a spawn passes holds: the pointers its fields are given.
 *
 *     struct args { int id; long *sum; } args[4];
 *     for (i = 0; i < 4; i++) {
 *         args[i].id = i;
 *         args[i].sum = &total;
 *         pthread_create(&t[i], NULL, worker, &args[i]);
 *     }
 *     ...  worker:  *a->sum += a->id;
 *
 * Every thread reaches `total` through its own argument. The spawning function's writes of a
 * pointer field of such an object (its local, an element of its local array, or what its local
 * pointer points to) are recorded as stores of that field, the way a global pointer's writes are
 * (acc_store), and the object's initializer list as initializers. The program reads `*a->sum` in
 * every thread as `total` when every store and initializer gives the field that address and
 * nothing else writes it. The local whose address such a field takes is then a location of the
 * spawning function, as when a global pointer takes it.
 *
 * The elements of a local array whose elements spawns pass one each (`&args[i]`) are one object
 * per thread: "<array>[?]", whose own fields no two threads share; only what their pointer fields
 * point to may be shared.
 */
#include <string.h>

#include "access_impl.h"

/* v is a local array some spawn passes one element of (`&args[i]`). */
bool accx_per_instance(ex *x, const ast_var *v)
{
    if (!(v->ty & TY_ARRAY) || !x->objs)
        return false;
    for (uint32_t j = 0; j < x->rf->nspawns; j++)
        if (x->objs[j].var == v && x->objs[j].per_instance)
            return true;
    return false;
}

/* Element elem of block b comes before the join at (jb, je) in every iteration of their loop:
   no path of one iteration leads from the join to it (edges within an iteration go forward in
   reverse post-order). */
static bool before_join(ex *x, const cfg *g, uint32_t b, uint32_t elem, uint32_t jb, uint32_t je)
{
    if (b == jb)
        return elem < je;
    if (!x->rpo_at || x->rpo_fn != x->f) {
        x->rpo_at = FL_NEW_ARRAY(x->A, uint32_t, g->nblocks + 1);
        for (uint32_t i = 0; i < g->nblocks; i++)
            x->rpo_at[i] = UINT32_MAX;
        for (uint32_t r = 0; r < g->nrpo; r++)
            x->rpo_at[g->rpo[r]] = r;
        x->rpo_fn = x->f;
    }
    return x->rpo_at[b] < x->rpo_at[jb];
}

/* An element of such an array by a loop counter at element elem of block b (`args[i].result`)
   is every element, as the loop walks them all while the threads run; unless the loop itself
   starts or joins them (`args[i].id = i;` before its own spawn, `sum += args[i].result;` after
   its own join): then it is the one element whose thread has not started, or has ended. Not
   before the join, though (`sum += args[i].result; join(t[i]);` reads while thread i runs). */
bool accx_walks_every_element(ex *x, const cfg *g, uint32_t b, uint32_t elem)
{
    const ast_node *loop = g->blocks[b].loop;
    if (!loop || !x->rf)
        return false;
    for (uint32_t j = 0; j < x->rf->nspawns; j++)
        if (g->blocks[x->rf->spawns[j].block].loop == loop)
            return false;
    for (uint32_t j = 0; j < x->rf->njoins; j++) {
        const run_join *js = &x->rf->joins[j];
        if (g->blocks[js->block].loop == loop && !before_join(x, g, b, elem, js->block, js->elem))
            return false;
    }
    return true;
}

/* A place of lvalue lv that is a pointer field of an object a spawn of this function passes
   (`a1.sum`, `args[i].sum`, `a->sum` with `a` the pointer passed). */
bool accx_obj_field(ex *x, place pl, const ast_node *lv)
{
    if (!pl.root || pl.root->storage != STORAGE_LOCAL || !lv || !(lv->ty & TY_POINTER) || !x->objs)
        return false;
    const char *path = pl.path;
    bool through = path[0] == '*';
    if (through)
        path++;
    else if (path[0] == '[') {
        if (!accx_per_instance(x, pl.root))
            return false;
        path = strchr(path, ']');
        if (!path)
            return false;
        path++;
    }
    return path[0] == '.' && accx_direct_path(path) && accx_obj_key_of(x, pl.root, through) != NULL;
}

static bool is_pointer_type(const ast_type *t)
{
    t = t ? ast_type_strip(t) : NULL;
    return t && t->kind == TYPE_POINTER;
}

/* What a pointer's value points to, as an acc_store's `to`: "" for NULL, NULL when not known. */
const char *accx_store_target(ex *x, const ast_node *rhs, const char **name)
{
    rhs = ast_strip_casts((ast_node *)rhs);
    *name = NULL;
    if (rhs && rhs->kind == AST_LITERAL && rhs->name && strcmp(rhs->name, "0") == 0)
        return ""; /* NULL */
    if (!rhs)
        return NULL;
    place t = place_of_pointee(x->A, (ast_node *)rhs);
    if (!t.root && rhs->kind == AST_REF && (rhs->ty & TY_POINTER)) /* a pointer's value: its pointee */
        t = place_append(x->A, place_of(x->A, (ast_node *)rhs), "*");
    bool arg = false;
    const char *k = t.root ? accx_place_key(x, t, &arg) : NULL;
    if (!k || arg || strchr(k, '*'))
        return NULL;
    *name = place_str(x->A, t);
    return k;
}

/* The element an lvalue or `&lvalue` names through its innermost index, with the fields after it
   written directly (`args[i].lock`, `&locks[i]`, `&locks[i].mu`): the index node, and the array
   expression in *base; NULL when there is no such index or a dereference after it. */
static const ast_node *element_index(const ast_node *e, const ast_node **base)
{
    e = ast_strip_casts((ast_node *)e);
    if (e && e->kind == AST_UNARY && e->op == UN_ADDR_OF && e->nkids == 1)
        e = ast_strip_casts(e->kids[0]);
    while (e && e->kind == AST_MEMBER && !(e->flags & AST_F_ARROW) && e->nkids == 1)
        e = ast_strip_casts(e->kids[0]);
    if (!e || e->kind != AST_INDEX || e->nkids != 2)
        return NULL;
    *base = ast_strip_casts(e->kids[0]);
    return ast_strip_casts(e->kids[1]);
}

/* `args[i].lock = &locks[i];` with args an array each spawn passes its own element of: the
   element of the file-scope array `locks` that the same index picks, so one per thread too (key
   "<locks>[?]<path>", which no other place of a global array has). NULL for anything else. */
const char *accx_store_same_index(ex *x, const ast_node *lhs, const ast_node *rhs, const char **name)
{
    const ast_node *lb, *rb;
    const ast_node *li = element_index(lhs, &lb), *ri = li ? element_index(rhs, &rb) : NULL;
    if (!ri || li->kind != AST_REF || !li->var || ri->kind != AST_REF || ri->var != li->var ||
        li->var->storage != STORAGE_LOCAL || (li->var->flags & AST_VAR_ADDRESS_TAKEN) ||
        lb->kind != AST_REF || !lb->var || !accx_per_instance(x, lb->var) || rb->kind != AST_REF || !rb->var ||
        !accx_is_shared_storage(rb->var) || !(rb->var->ty & TY_ARRAY))
        return NULL;
    place t = place_of_pointee(x->A, (ast_node *)ast_strip_casts((ast_node *)rhs));
    const char *el = t.root == rb->var && t.path && t.path[0] == '[' ? strchr(t.path, ']') : NULL;
    if (!el || !accx_direct_path(el))
        return NULL;
    *name = place_str(x->A, t);
    return fl_arena_sprintf(x->A, "%s[?]%s", accx_var_key(x, rb->var), el + 1);
}

/* The initializer list of record type t given to the object `obj` (a key, path included):
   each pointer field it sets, as an initializer. Designated elements (`.sum = &total`) are in
   field order in the tree; one it could not place (a field named twice, `.in.a = ...`) leaves
   every pointer field not known. */
static void init_record(ex *x, const char *obj, const ast_type *t, const ast_node *list, const ast_node *decl)
{
    t = ast_type_strip(t);
    if (!t || t->kind != TYPE_RECORD || !t->nfields)
        return;
    bool designated = list->kind != AST_INIT_LIST || list->nkids > t->nfields;
    for (uint16_t k = 0; !designated && k < list->nkids; k++)
        designated = list->kids[k] && (list->kids[k]->flags & AST_F_DESIGNATED);
    for (uint32_t f = 0; f < t->nfields; f++) {
        if (!t->fields[f].name || !is_pointer_type(t->fields[f].type))
            continue;
        if (!designated && f >= list->nkids)
            break; /* the rest are zero */
        acc_store st = {fl_arena_sprintf(x->A, "%s.%s", obj, t->fields[f].name), NULL, NULL, decl};
        if (!designated)
            st.to = accx_store_target(x, list->kids[f], &st.name);
        fl_vec_push(&x->inits, st);
    }
}

/* A local's initializer, when a spawn passes the local (or one of its elements, or it points to
   what a spawn passes: then the initializer is the pointer's, not the object's). */
void accx_obj_init(ex *x, const ast_var *v, const ast_node *init, const ast_node *decl)
{
    const char *root = accx_obj_key_of(x, v, false);
    if (!root || !init)
        return;
    const ast_type *t = ast_type_strip(v->type);
    if (t && t->kind == TYPE_ARRAY) {
        if (!accx_per_instance(x, v))
            return;
        const char *el = fl_arena_sprintf(x->A, "%s[?]", root);
        if (init->kind != AST_INIT_LIST) {
            init_record(x, el, t->inner, init, decl);
            return;
        }
        for (uint16_t k = 0; k < init->nkids; k++) {
            const ast_node *e = ast_strip_casts(init->kids[k]);
            if (e && !(e->kind == AST_LITERAL && e->name && strcmp(e->name, "0") == 0)) /* `= {0}` */
                init_record(x, el, t->inner, e, decl);
        }
        return;
    }
    init_record(x, root, t, init, decl);
}

bool accx_obj_assign(ex *x, const ast_node *assign)
{
    if (assign->kind != AST_BINARY || assign->op != BIN_ASSIGN || assign->nkids != 2)
        return false;
    const ast_node *lit = ast_strip_casts(assign->kids[1]), *lhs = ast_strip_casts(assign->kids[0]);
    if (!lit || lit->kind != AST_COMPOUND_LIT || !lit->var || lit->nkids != 1 || !lit->kids[0] ||
        lit->kids[0]->kind != AST_INIT_LIST || !lhs)
        return false;
    bool element = lhs->kind == AST_INDEX && lhs->nkids == 2;
    const ast_node *base = element ? ast_strip_casts(lhs->kids[0]) : lhs;
    if (!base || base->kind != AST_REF || !base->var || base->var->storage != STORAGE_LOCAL)
        return false;
    const char *root = accx_obj_key_of(x, base->var, false);
    if (!root || (element && !accx_per_instance(x, base->var)))
        return false;
    init_record(x, element ? fl_arena_sprintf(x->A, "%s[?]", root) : root, lit->var->type, lit->kids[0], assign);
    return true;
}
