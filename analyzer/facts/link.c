/* link.c - units linked by name (see link.h). */
#include "link.h"

#include <stdlib.h>
#include <string.h>

#include "../base/path.h"
#include "../base/strmap.h"
#include "../base/vec.h"
#include "../base/xalloc.h"


typedef struct link_slot {
    char *file;
    char *output;
    us_unit *sum;
    bool indexed;         /* its names are in `defs` */
} link_slot;

typedef struct slot_importer {
    fx_importer imp;
    fx_link *link;
    uint32_t slot;
} slot_importer;

struct fx_link {
    FL_VEC(link_slot) slots;
    FL_VEC(slot_importer *) importers;
    fl_strmap names;      /* function name -> index in defs */
    FL_VEC(fl_u32_vec) defs; /* per name: the slots that define it, in slot order */
    FL_VEC(char *) keys;  /* owned copies of the names */
};

fx_link *link_new(void)
{
    return fl_xcalloc(1, sizeof(fx_link));
}

void link_free(fx_link *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->slots.len; i++) {
        free(l->slots.items[i].file);
        free(l->slots.items[i].output);
        us_free(l->slots.items[i].sum);
    }
    for (size_t i = 0; i < l->importers.len; i++)
        free(l->importers.items[i]);
    for (size_t i = 0; i < l->defs.len; i++)
        fl_vec_free(&l->defs.items[i]);
    for (size_t i = 0; i < l->keys.len; i++)
        free(l->keys.items[i]);
    fl_vec_free(&l->slots);
    fl_vec_free(&l->importers);
    fl_vec_free(&l->defs);
    fl_vec_free(&l->keys);
    fl_strmap_free(&l->names);
    free(l);
}

static const us_fn *lookup(void *ctx, const char *name);

uint32_t link_add_unit(fx_link *l, const char *file, const char *output)
{
    link_slot s = {fl_xstrdup(file ? file : ""), output ? fl_xstrdup(output) : NULL, NULL, false};
    fl_vec_push(&l->slots, s);
    slot_importer *si = fl_xcalloc(1, sizeof *si);
    si->imp.lookup = lookup;
    si->imp.ctx = si;
    si->link = l;
    si->slot = (uint32_t)(l->slots.len - 1);
    fl_vec_push(&l->importers, si);
    return si->slot;
}

void link_set_summary(fx_link *l, uint32_t slot, us_unit *s)
{
    link_slot *ls = &l->slots.items[slot];
    us_free(ls->sum);
    ls->sum = s;
    if (ls->indexed || !s)
        return;
    /* A unit defines the same names in every round (its tree does not change): index once. */
    ls->indexed = true;
    for (uint32_t i = 0; i < s->nfns; i++) {
        uint32_t k;
        if (!fl_strmap_get(&l->names, s->fns[i].name, &k)) {
            char *key = fl_xstrdup(s->fns[i].name);
            fl_vec_push(&l->keys, key);
            k = (uint32_t)l->defs.len;
            fl_u32_vec empty = {0};
            fl_vec_push(&l->defs, empty);
            fl_strmap_put(&l->names, key, k);
        }
        fl_vec_push(&l->defs.items[k], slot);
    }
}

const us_unit *link_summary(const fx_link *l, uint32_t slot)
{
    return slot < l->slots.len ? l->slots.items[slot].sum : NULL;
}

const fx_importer *link_importer(fx_link *l, uint32_t slot)
{
    return &l->importers.items[slot]->imp;
}

uint32_t link_units(const fx_link *l)
{
    return (uint32_t)l->slots.len;
}

/* The slot whose definition of `name` the unit in `slot` takes, or -1. */
static int32_t provider(const fx_link *l, uint32_t slot, const char *name);

static const us_fn *lookup(void *ctx, const char *name)
{
    const slot_importer *si = ctx;
    int32_t s = provider(si->link, si->slot, name);
    return s >= 0 ? us_find(si->link->slots.items[s].sum, name) : NULL;
}

static int32_t provider(const fx_link *l, uint32_t slot, const char *name)
{
    uint32_t k;
    if (!fl_strmap_get(&l->names, name, &k))
        return -1;
    const link_slot *me = &l->slots.items[slot];
    const char *mine = me->output ? me->output : me->file;
    int32_t best = -1;
    size_t best_len = 0;
    const fl_u32_vec *d = &l->defs.items[k];
    for (size_t i = 0; i < d->len; i++) {
        uint32_t s = d->items[i];
        if (s == slot)
            continue;
        const link_slot *o = &l->slots.items[s];
        if (!us_find(o->sum, name))
            continue;
        const char *theirs = me->output && o->output ? o->output : o->file;
        size_t len = fl_path_common_prefix(mine, theirs);
        if (best < 0 || len > best_len) {
            best = (int32_t)s;
            best_len = len;
        }
    }
    return best;
}

typedef struct deps {
    const fx_link *l;
    uint32_t slot;
    fl_u32_vec *out;
} deps;

static void add_dep(void *vctx, const char *name)
{
    deps *d = vctx;
    int32_t s = provider(d->l, d->slot, name);
    if (s >= 0)
        fl_vec_push(d->out, (uint32_t)s);
}

void link_order(fx_link *l, uint32_t nslots,
                void (*imports)(void *ctx, uint32_t slot, void (*visit)(void *vctx, const char *name), void *vctx),
                void *ctx, uint32_t *order)
{
    fl_u32_vec *edges = fl_xcalloc(nslots + 1, sizeof *edges);
    for (uint32_t s = 0; s < nslots; s++) {
        deps d = {l, s, &edges[s]};
        imports(ctx, s, add_dep, &d);
    }
    /* iterative post-order */
    uint8_t *state = fl_xcalloc(nslots + 1, 1);
    typedef struct frame { uint32_t s, next; } frame;
    FL_VEC(frame) stack = {0};
    uint32_t n = 0;
    for (uint32_t r = 0; r < nslots; r++) {
        if (state[r])
            continue;
        frame f0 = {r, 0};
        fl_vec_push(&stack, f0);
        state[r] = 1;
        while (stack.len) {
            frame *top = &stack.items[stack.len - 1];
            if (top->next < edges[top->s].len) {
                uint32_t t = edges[top->s].items[top->next++];
                if (t < nslots && !state[t]) {
                    state[t] = 1;
                    frame fr = {t, 0};
                    fl_vec_push(&stack, fr);
                }
                continue;
            }
            order[n++] = top->s;
            stack.len--;
        }
    }
    fl_vec_free(&stack);
    for (uint32_t s = 0; s < nslots; s++)
        fl_vec_free(&edges[s]);
    free(edges);
    free(state);
}
