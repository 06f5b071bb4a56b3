/* program_access.c - a program's accesses, by location (see program_impl.h). */
#include "program_impl.h"

#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"

/* A call through a table of functions (`handlers[ev](...)`) enters one of at most this many:
   what each does through its parameters is what the call does. */
#define PG_TABLE_TARGETS 8

static int cmp_access(const void *x, const void *y)
{
    const pg_access *a = x, *b = y;
    int c = strcmp(a->loc, b->loc);
    if (c)
        return c;
    if (a->fn != b->fn)
        return a->fn < b->fn ? -1 : 1;
    if (a->a->node->span.begin != b->a->node->span.begin)
        return a->a->node->span.begin < b->a->node->span.begin ? -1 : 1;
    uintptr_t sa = (uintptr_t)a->spawn, sb = (uintptr_t)b->spawn;
    return (sa > sb) - (sa < sb);
}

typedef FL_VEC(pg_access) pa_vec;
/* A spawn that passes its thread an object the program can name: one of a unit's events, or a
   copy of one made for a call of its function (acc_event.obj_param). */
typedef struct pass_ref {
    const acc_event *ev;
    uint32_t unit;
} pass_ref;
typedef FL_VEC(pass_ref) pass_vec;
typedef FL_VEC(ev_ref) ev_vec;
typedef FL_VEC(const acc_access *) acc_ptr_vec;
/* A helper's access copied to a call that passes one of the caller's own parameters: still
   through a parameter, of program function fn. */
typedef struct arg_copy {
    const acc_access *a;
    uint32_t fn;
} arg_copy;
typedef FL_VEC(arg_copy) copy_vec;

/* The name of a path `rest` (".refs", "[i]", "") into the object named `obj`, as C writes it:
   "c->refs" for the object "*c", where "*c.refs" would read as *(c.refs). */
static const char *name_into(fl_arena *A, const char *obj, const char *rest)
{
    if (obj[0] == '*' && obj[1] != '*' && obj[1] != '(' && rest[0] == '.')
        return fl_arena_sprintf(A, "%s->%s", obj + 1, rest + 1);
    return fl_arena_concat(A, obj, rest);
}

/* The key of what call c passes for the parameter k is relative to ("a<N>:<path>"), with the
   path, and its name as written (*name, when not NULL); NULL when the call passes nothing the
   program can name there. */
static const char *passed(fl_arena *A, const acc_call *c, const char *k, const char **name)
{
    const char *rest;
    int i = acc_key_param(k, &rest);
    if (i < 0 || (uint32_t)i >= c->nargs || !c->args[i])
        return NULL;
    if (name)
        *name = c->arg_names[i] ? name_into(A, c->arg_names[i], rest) : NULL;
    return acc_key_rebase(A, c->args[i], rest);
}

/* The last "[?]" of a key (an element by an index not known there), or NULL. */
static const char *strrchr_some(const char *key)
{
    const char *last = NULL;
    for (const char *s = strstr(key, "[?]"); s; s = strstr(s + 1, "[?]"))
        last = s;
    return last;
}

/* Handshake flag keys of a helper as call c names them: those through its parameters on the
   objects c passes (a counter's "#" mark kept), dropped where c names nothing; others as they are. */
static acc_keys keys_at_call(fl_arena *A, const acc_call *c, const acc_keys *k)
{
    acc_keys r = {NULL, 0};
    for (uint32_t i = 0; i < k->n; i++) {
        const char *key = k->k[i];
        bool counter = key[0] == '#';
        const char *m = counter ? key + 1 : key;
        if (acc_key_param(m, NULL) >= 0 && !(m = passed(A, c, m, NULL)))
            continue;
        if (!r.k)
            r.k = FL_NEW_ARRAY(A, const char *, k->n);
        r.k[r.n++] = counter ? fl_arena_concat(A, "#", m) : m;
    }
    return r;
}

/* A helper's access through one of its parameters (`a->n` in `add(struct acc *a)`) as call c
   makes it (`add(&shared, 1)`), at loc: run by the caller's code, on the object its argument
   names, with the caller's locks at the call beside the helper's own (those through its
   parameters rebased on the objects the call passes; one the call names nothing for is a lock
   not known), and the caller's threads and region there. */
static acc_access *at_call(build *b, const acc_access *x, const acc_call *c, const char *loc, const char *name)
{
    acc_access *y = fl_arena_memdup(b->A, x, sizeof *x);
    y->fn = c->fn;
    y->loc = loc;
    /* an element by the helper's index parameter: the whole array where the call passes a
       counter (`add_stock(inv, i % N, 2)` in a loop), else by the caller's own parameter */
    y->index_param = -1;
    int8_t ip = x->index_param;
    const char *some = ip >= 0 ? strrchr_some(loc) : NULL;
    if (some && (c->counter_args >> ip & 1)) {
        y->loc = fl_arena_sprintf(b->A, "%.*s%s", (int)(some - loc), loc, some + 3);
        y->whole = true;
    } else if (some && (c->param_args >> (4 * ip) & 15))
        y->index_param = (int8_t)((c->param_args >> (4 * ip) & 15) - 1);
    y->arg = acc_key_param(loc, NULL) >= 0; /* the caller's own parameter: again, one level up */
    /* the locks the helper takes under a flag's value, where this call passes that value
       (`cache_put(&g_cache, k, v, false)` for `if (!locked) lock(&c->lock);`) */
    bool iff = x->if_cond.key && x->if_locks.n && pg_conds_have(c->conds.c, c->conds.n, &x->if_cond);
    const acc_locks *own[2] = {&x->locks, iff ? &x->if_locks : NULL};
    uint32_t n = c->locks.n + x->locks.n + (iff ? x->if_locks.n : 0);
    acc_lock *l = n ? FL_NEW_ARRAY(b->A, acc_lock, n) : NULL;
    uint32_t m = 0;
    for (uint32_t i = 0; i < c->locks.n; i++)
        l[m++] = c->locks.l[i];
    /* a flag of the helper's own first parameter (an "i:" key: `int need = lg->safe;`), which
       this call's argument decides and the program does not follow: which locks, not known */
    bool unknown = c->locks.unknown || x->locks.unknown ||
                   (x->if_cond.key && x->if_locks.n && acc_key_is_instance(x->if_cond.key));
    for (int s = 0; s < 2; s++)
        for (uint32_t i = 0; own[s] && i < own[s]->n; i++) {
            const char *k = own[s]->l[i].key;
            if (acc_key_param(k, NULL) >= 0 && !(k = passed(b->A, c, k, NULL))) {
                unknown = true; /* a lock through a parameter the call names nothing for */
                continue;
            }
            l[m] = own[s]->l[i];
            l[m++].key = k;
        }
    y->locks = (acc_locks){l, m, unknown};
    y->if_locks = (acc_locks){NULL, 0, false}; /* the helper's flags are not the caller's */
    y->if_cond.key = NULL;
    y->run = c->run;
    y->region = (uint8_t)(x->region | c->region);
    y->after_start = c->after_start || x->after_start;
    y->after_join = c->after_join || x->after_join;
    y->conds = c->conds;
    /* the flags the helper saw set before the access, and sets after it, on the objects this
       call passes (`wait_for_body(&job)` waits for `job.done`) */
    y->waited = keys_at_call(b->A, c, &x->waited);
    y->signals = keys_at_call(b->A, c, &x->signals);
    y->at_call = true;
    y->nheld = 0;
    y->acquired = NULL; /* the caller's thread start did not take them: the helper's own */
    /* the report names the object the call passes, and shows the call */
    if (name && !y->arg) {
        y->pointee = name;
        y->pointee_def = c->call;
    }
    return y;
}

/* Helpers' accesses through their parameters, at every strong call that passes an object the
   program can name there, a few levels up (a helper passing its own parameter on). Each copy is
   pushed to `out` (a named object) or kept for the next level and for its function's spawns
   (`arg_copies`, with loc "a:..." or "a<N>:..."). */
static void instantiate_helpers(build *b, const fl_word *reached, pa_vec *out, copy_vec *arg_copies)
{
    program *p = b->p;
    /* per function, its accesses through its parameters */
    acc_ptr_vec *of_fn = fl_xcalloc(p->nfns + 1, sizeof *of_fn);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t i = 0; i < a->naccs; i++)
            if (a->accs[i].arg)
                fl_vec_push(&of_fn[pg_id(p, u, a->accs[i].fn)], &a->accs[i]);
    }
    /* per function, the parameters some strong call names an object for (bit N: parameter N):
       a copy still relative to parameter N is of use one level up only where one does */
    uint8_t *named_param = fl_xcalloc(p->nfns + 1, 1);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t k = 0; k < a->ncalls; k++) {
            const acc_call *c = &a->calls[k];
            uint32_t nt;
            uint8_t weak;
            const uint32_t *t = c->nargs ? pgb_targets_of(b, u, k, &nt, &weak) : NULL;
            if (!t || weak != PG_STRONG || nt > PG_TABLE_TARGETS)
                continue;
            for (uint32_t ti = 0; ti < nt; ti++)
                for (uint32_t i = 0; i < c->nargs && i < ACC_MAX_PARAMS; i++)
                    if (c->args[i])
                        named_param[t[ti]] |= (uint8_t)(1u << i);
        }
    }
    acc_ptr_vec *next = fl_xcalloc(p->nfns + 1, sizeof *next);
    enum { LEVELS = 3 };
    for (int level = 0; level < LEVELS; level++) {
        bool any = false;
        for (uint32_t u = 0; u < p->nunits; u++) {
            const acc_unit *a = p->units[u].acc;
            for (uint32_t k = 0; k < a->ncalls; k++) {
                const acc_call *c = &a->calls[k];
                uint32_t from = pg_id(p, u, c->fn);
                /* not from code that runs once or alone: an initializer called there
                   (`guarded_list_init(&l)` in a once block) is ordered by the once, which the
                   location-wide rule of data-race does not see per call. A function that runs
                   once but calls after starting threads of its own (`set_scale(s, 1.5)` after
                   the spawn in `sampler_start`) is not ordered before them. */
                if (!c->nargs || !fl_bs_test(reached, from) || (c->region & (ACC_ONCE | ACC_SINGLE)) ||
                    (p->fn_region[from] & ACC_SINGLE) || ((p->fn_region[from] & ACC_ONCE) && !c->run))
                    continue;
                uint32_t nt;
                uint8_t weak;
                const uint32_t *t = pgb_targets_of(b, u, k, &nt, &weak);
                /* one function surely called, or one of a few that a table of them holds
                   (`handlers[ev](&stats, n)`: whichever runs, it runs on what the call passes) */
                bool some = false;
                for (uint32_t ti = 0; weak == PG_STRONG && ti < nt && nt <= PG_TABLE_TARGETS; ti++)
                    some |= of_fn[t[ti]].len > 0;
                if (!some)
                    continue;
                /* the arguments, but none through what a function returns that is not one
                   global's address: checked once per call, not per access */
                const char *args[ACC_MAX_PARAMS];
                acc_call named = *c;
                named.args = args;
                bool any_arg = false;
                for (uint32_t i = 0; i < c->nargs && i < ACC_MAX_PARAMS; i++) {
                    args[i] = c->args[i] && !strchr("rt", pgb_unalias(b, c->args[i])[0]) ? c->args[i] : NULL;
                    any_arg |= args[i] != NULL;
                }
                if (!any_arg)
                    continue;
                for (uint32_t ti = 0; ti < nt; ti++) {
                    for (size_t j = 0; j < of_fn[t[ti]].len; j++) {
                        const acc_access *x = of_fn[t[ti]].items[j];
                        int i = acc_key_param(x->loc, NULL);
                        if ((uint32_t)i >= c->nargs || i >= ACC_MAX_PARAMS || !args[i])
                            continue; /* the call passes nothing the program can name there */
                        int up = acc_key_param(args[i], NULL);
                        if (up >= 0 && !(up == 0 && p->entry_of[from] >= 0) &&
                            !(level + 1 < LEVELS && (named_param[from] >> up & 1)))
                            continue; /* the caller's own parameter, which no thread's start and no call names */
                        const char *name;
                        const char *loc = passed(b->A, &named, x->loc, &name);
                        if (!loc)
                            continue;
                        /* some element as the helper indexes it: `s[i].n` at `sum(slots)` is `slots[i].n` */
                        const char *q = name ? strstr(name, "[?]") : NULL, *ix = x->name ? strchr(x->name, '[') : NULL;
                        if (q && ix && !strstr(q + 3, "[?]"))
                            name = fl_arena_sprintf(b->A, "%.*s%s", (int)(q - name), name, ix);
                        loc = pgb_unalias(b, loc);
                        if (loc[0] == 'r')
                            continue; /* through what a function returns, which is not one global's address */
                        acc_access *y = at_call(b, x, c, loc, name);
                        if (y->arg) {
                            fl_vec_push(&next[from], (const acc_access *)y);
                            arg_copy ac = {y, from};
                            fl_vec_push(arg_copies, ac);
                            any = true;
                            continue;
                        }
                        pg_locks l = pgb_convert_locks(b, from, &y->locks);
                        uint8_t region = (uint8_t)(y->region | p->fn_region[from] | pgb_before_threads(b, from, y->after_start));
                        pg_access pa = {y, from, y->loc, l, NULL, 0, region, NULL, {0}};
                        fl_vec_push(out, pa);
                    }
                }
            }
        }
        for (uint32_t f = 0; f < p->nfns; f++) {
            fl_vec_free(&of_fn[f]);
            of_fn[f] = next[f];
            next[f] = (acc_ptr_vec){0};
        }
        if (!any)
            break;
    }
    for (uint32_t f = 0; f < p->nfns; f++)
        fl_vec_free(&of_fn[f]);
    free(of_fn);
    free(next);
    free(named_param);
}

/* One access of program function fn: as it is, or through a thread entry's argument, one copy
   per spawn of the entry that passes an object (passing[entry]). */
/* The entries joined on every path to access x of program function fn, or NULL. */
static const fl_word *ended_at(build *b, uint32_t fn, const acc_access *x)
{
    if (!x->ended.n || !b->join_J)
        return NULL;
    fl_word *e = FL_NEW_ARRAY(b->A, fl_word, b->nw_ent);
    return pgb_joined_entries(b, b->p->fns[fn].unit, &x->ended, e) ? e : NULL;
}

static pg_locks if_locks(build *b, uint32_t fn, const acc_access *x)
{
    return x->if_cond.key ? pgb_convert_locks(b, fn, &x->if_locks) : (pg_locks){0};
}

static void add_access(build *b, const fl_word *reached, const pass_vec *passing, const pass_vec *own, pa_vec *out,
                       const acc_access *x, uint32_t fn)
{
    program *p = b->p;
    if (!fl_bs_test(reached, fn))
        return;
    pg_locks l = pgb_convert_locks(b, fn, &x->locks);
    if (!x->arg) {
        uint8_t region = (uint8_t)(x->region | p->fn_region[fn] | pgb_before_threads(b, fn, x->after_start));
        const char *loc = x->loc;
        const acc_access *orig = x;
        x = pgb_unalias_access(b, x, &loc);
        if (loc[0] == 'r')
            return; /* through what a function returns, which is not one global's address */
        pg_access pa = {x, fn, loc, l, NULL, 0, region, ended_at(b, fn, orig), if_locks(b, fn, orig)};
        fl_vec_push(out, pa);
        return;
    }
    /* through a thread entry's argument: its first parameter */
    const char *rest;
    int32_t k = acc_key_param(x->loc, &rest) == 0 ? p->entry_of[fn] : -1;
    for (size_t j = 0; k >= 0 && j < passing[k].len; j++) {
        pass_ref r = passing[k].items[j];
        const acc_event *ev = r.ev;
        const char *loc = fl_arena_concat(b->A, ev->obj, rest);
        const acc_access *y = pgb_unalias_access(b, x, &loc);
        pg_access pa = {y, fn, loc, l, ev, r.unit, (uint8_t)(x->region | p->fn_region[fn]), ended_at(b, fn, x),
                        if_locks(b, fn, x)};
        fl_vec_push(out, pa);
    }
    /* through the parameter that a spawn of fn itself gives its thread, where no call took a copy
       of the spawn (fn joins the thread before it returns: `run(struct pl *p)` spawning with `p`,
       reading `p->total` before its join): fn's own code on the thread's object */
    int32_t pi = acc_key_param(x->loc, &rest);
    for (size_t j = 0; pi >= 0 && j < own[fn].len; j++) {
        const acc_event *ev = own[fn].items[j].ev;
        if (ev->obj_param != pi + 1)
            continue;
        const char *loc = fl_arena_concat(b->A, ev->obj, rest);
        const acc_access *y = pgb_unalias_access(b, x, &loc);
        uint8_t region = (uint8_t)(x->region | p->fn_region[fn] | pgb_before_threads(b, fn, x->after_start));
        pg_access pa = {y, fn, loc, l, NULL, 0, region, ended_at(b, fn, x), if_locks(b, fn, x)};
        fl_vec_push(out, pa);
    }
}

bool pgb_param_spawn_copied(const build *b, const acc_event *ev)
{
    for (size_t i = 0; i < b->param_spawns.len; i++)
        if (b->param_spawns.items[i].orig == ev)
            return true;
    return false;
}

/* Spawns whose argument is their function's parameter (`start(struct flusher *f)` spawning with
   `f`): the thread's object is what each call of the function passes (`flusher_start(&fl)`), one
   level up; a copy of the spawn per such call that names an object, into passing[entry]. */
static void spawns_at_calls(build *b, int32_t **entry_of_event, const ev_vec *by_param, pass_vec *passing)
{
    program *p = b->p;
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t k = 0; k < a->ncalls; k++) {
            const acc_call *c = &a->calls[k];
            uint32_t nt;
            uint8_t weak;
            const uint32_t *t = c->nargs ? pgb_targets_of(b, u, k, &nt, &weak) : NULL;
            if (!t || weak != PG_STRONG || nt != 1)
                continue;
            const acc_event *starter = NULL;
            for (size_t i = 0; i < by_param->len; i++) {
                ev_ref r = by_param->items[i];
                const acc_event *ev = &p->units[r.unit].acc->events[r.index];
                uint32_t n = ev->obj_param - 1u;
                if (pg_id(p, r.unit, ev->fn) != t[0] || n >= c->nargs || !c->args[n] ||
                    acc_key_param(c->args[n], NULL) >= 0 || strchr("rt", pgb_unalias(b, c->args[n])[0]))
                    continue;
                /* the caller's own event for the call: a spawn through a wrapper, or a call that
                   starts a thread outliving it */
                for (uint32_t e = 0; e < a->nevents && !starter; e++)
                    if (a->events[e].call == c->call)
                        starter = &a->events[e];
                if (!starter)
                    break;
                /* the spawn as the caller sees it: its call starts the thread, on its object */
                acc_event *cp = FL_NEW(b->A, acc_event);
                *cp = *ev;
                cp->obj = c->args[n];
                cp->fn = starter->fn;
                cp->bit = starter->bit;
                cp->before = starter->before;
                /* a call in a loop passes one object each round, unless each round makes a
                   new one (acc_call.fresh_args) */
                cp->in_loop = ev->in_loop || (starter->in_loop && !(c->fresh_args >> n & 1));
                cp->obj_param = 0;
                cp->via = c->call;
                int32_t ent = entry_of_event[r.unit][r.index];
                pass_ref pr = {cp, u};
                fl_vec_push(&passing[ent], pr);
                pg_param_spawn ps = {cp, ev, u, ent};
                fl_vec_push(&b->param_spawns, ps);
            }
        }
    }
}

void pgb_build_accesses(build *b, int32_t **entry_of_event)
{
    program *p = b->p;
    fl_word *reached = FL_NEW_ARRAY(b->A, fl_word, b->nw_fn);
    for (uint32_t k = 0; k < p->nthreads; k++)
        fl_bs_union(reached, p->threads[k].reach, b->nw_fn);
    /* per entry, the spawns of it that pass an object the program can name */
    pass_vec *passing = fl_xcalloc(p->nentries + 1, sizeof *passing);
    ev_vec by_param = {0};
    for (uint32_t u = 0; u < p->nunits; u++)
        for (uint32_t e = 0; e < p->units[u].acc->nevents; e++) {
            int32_t ent = entry_of_event[u][e];
            const acc_event *ev = &p->units[u].acc->events[e];
            if (ent >= 0 && ev->obj_param) {
                ev_ref r = {u, e};
                fl_vec_push(&by_param, r);
            } else if (ent >= 0 && ev->obj) {
                pass_ref r = {ev, u};
                fl_vec_push(&passing[ent], r);
            }
        }
    if (by_param.len)
        spawns_at_calls(b, entry_of_event, &by_param, passing);
    /* per function, its own spawns through its parameter that no call took a copy of */
    pass_vec *own = fl_xcalloc(p->nfns + 1, sizeof *own);
    /* no call names an object for it: the spawn's own, through its function's parameter */
    for (size_t i = 0; i < by_param.len; i++) {
        ev_ref r = by_param.items[i];
        const acc_event *ev = &p->units[r.unit].acc->events[r.index];
        if (ev->obj && !pgb_param_spawn_copied(b, ev)) {
            pass_ref pr = {ev, r.unit};
            fl_vec_push(&passing[entry_of_event[r.unit][r.index]], pr);
            fl_vec_push(&own[pg_id(p, r.unit, ev->fn)], pr);
        }
    }
    fl_vec_free(&by_param);
    pa_vec out = {0};
    copy_vec copies = {0};
    instantiate_helpers(b, reached, &out, &copies);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t i = 0; i < a->naccs; i++)
            add_access(b, reached, passing, own, &out, &a->accs[i], pg_id(p, u, a->accs[i].fn));
    }
    for (size_t i = 0; i < copies.len; i++)
        add_access(b, reached, passing, own, &out, copies.items[i].a, copies.items[i].fn);
    fl_vec_free(&copies);
    for (uint32_t f = 0; f < p->nfns; f++)
        fl_vec_free(&own[f]);
    free(own);
    for (uint32_t k = 0; k < p->nentries; k++)
        fl_vec_free(&passing[k]);
    free(passing);
    if (out.len)
        qsort(out.items, out.len, sizeof *out.items, cmp_access);
    /* free(p) and memset(p, ...) write every part of the object: a copy of the access at each
       location inside it that the program accesses (`K.count`, `K[2]` for the object K); they
       sort right after K */
    size_t n0 = out.len;
    for (size_t i = 0; i < n0; i++) {
        if (!out.items[i].a->whole)
            continue;
        const char *k = out.items[i].loc;
        size_t len = strlen(k);
        size_t j = i;
        while (j > 0 && strcmp(out.items[j - 1].loc, k) == 0)
            j--;
        const char *last = NULL;
        for (; j < n0 && strncmp(out.items[j].loc, k, len) == 0; j++) {
            const char *l = out.items[j].loc;
            char c = l[len];
            if ((c != '.' && c != '[' && c != '*') || (last && strcmp(last, l) == 0))
                continue;
            last = l;
            pg_access copy = out.items[i];
            copy.loc = l;
            fl_vec_push(&out, copy);
        }
    }
    if (out.len > n0)
        qsort(out.items, out.len, sizeof *out.items, cmp_access);
    p->accs = out.len ? fl_arena_memdup(b->A, out.items, out.len * sizeof *out.items) : NULL;
    p->naccs = (uint32_t)out.len;
    fl_vec_free(&out);
}

/* ---- global pointers that only hold a global's address ---------------------------------------- */

/* What one global pointer may hold, gathered over the program. */
typedef struct ptr_fact {
    acc_store one;         /* the pointer, and the one object it points to (`to` NULL: none yet) */
    uint32_t writes;       /* write accesses of the pointer */
    uint32_t stores;       /* ... of them, stores (acc_unit.stores) */
    bool unknown;          /* some write or initializer gives it something else */
} ptr_fact;

typedef FL_VEC(ptr_fact) ptr_fact_vec;

/* What st says the pointer holds, added to its fact (made on first sight); counted as a store
   when it is one. */
static void points_to(fl_strmap *index, ptr_fact_vec *facts, const acc_store *st, bool store)
{
    uint32_t k;
    if (!fl_strmap_get(index, st->ptr, &k)) {
        ptr_fact f = {{st->ptr, NULL, NULL, NULL}, 0, 0, false};
        fl_vec_push(facts, f);
        k = (uint32_t)facts->len - 1;
        fl_strmap_put(index, st->ptr, k);
    }
    ptr_fact *f = &facts->items[k];
    f->stores += store;
    if (!st->to)
        f->unknown = true;
    else if (!*st->to)
        return; /* NULL */
    else if (!f->one.to)
        f->one = *st;
    else if (strcmp(f->one.to, st->to) != 0)
        f->unknown = true;
}

/* A `memset` or `bzero` of an object: its pointer fields become NULL. */
static bool zeroes(const acc_access *x)
{
    const ast_node *n = x->node;
    return x->whole && n && n->kind == AST_CALL && n->name &&
           (!strcmp(n->name, "memset") || !strcmp(n->name, "bzero") || !strcmp(n->name, "explicit_bzero"));
}

/* A write of a number (`*total += v;` through a helper's parameter): it changes no pointer. */
static bool scalar_write(const acc_access *x)
{
    const ast_node *n = x->node;
    return !x->whole && n && (n->ty & (TY_INT | TY_FLOAT)) && !(n->ty & (TY_POINTER | TY_ARRAY | TY_RECORD));
}

/* Whether map m holds s cut short before a '.' or '[' at or after s + from, or (all) s itself. */
static bool some_part_in(fl_strmap *m, const char *s, size_t from, bool all)
{
    char buf[512];
    size_t len = strlen(s);
    if (len >= sizeof buf)
        return false;
    memcpy(buf, s, len + 1);
    uint32_t k;
    for (size_t i = from; i <= len; i++)
        if ((i == len && all) || (i < len && (s[i] == '.' || s[i] == '['))) {
            buf[i] = 0;
            if (fl_strmap_get(m, buf, &k))
                return true;
            buf[i] = s[i];
        }
    return false;
}

/* Whether pointer st->ptr is written other than by its stores: an object around it written whole
   (`cfg = other;`, `memset(&args, ...)`), or, for a field of a spawn's object ("v:", "p:"), the
   same field written through some function's parameter (`a->sum = &mine;` in the thread,
   or in a helper given the object). */
static bool written_otherwise(const acc_store *st, fl_strmap *whole, fl_strmap *through_arg)
{
    const char *ptr = st->ptr;
    /* the variable's own key ends where its path starts */
    const char *name = strrchr(ptr, ':');
    const char *path = name ? strpbrk(name, ".[") : NULL;
    if (!path)
        return false;
    if (some_part_in(whole, ptr, (size_t)(path - ptr), false))
        return true;
    if (ptr[0] != 'v' && ptr[0] != 'p')
        return false;
    if (!strncmp(path, "[?]", 3))
        path += 3;
    /* the field, or any object around it, written through a parameter */
    return some_part_in(through_arg, path, 0, true);
}

/* A global pointer (or pointer field of a global) whose every write and initializer give it the
   address of one object, or NULL: its pointee is that object (`static long *hits = &count;`
   never written; `g_ctx = &ctx;` in main and nowhere else). Any other write (an increment,
   memset, a store of another address or of what a call returns, a write through its address)
   leaves it a pointer of its own. A function's result ("r:<function>", never written) is read
   the same way. */
void pgb_build_aliases(build *b)
{
    program *p = b->p;
    fl_strmap index = {0};
    ptr_fact_vec facts = {0};
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t i = 0; i < a->ninits; i++)
            points_to(&index, &facts, &a->inits[i], false);
        for (uint32_t i = 0; i < a->nreturns; i++)
            points_to(&index, &facts, &a->returns[i], false);
        for (uint32_t i = 0; i < a->nstores; i++)
            points_to(&index, &facts, &a->stores[i], true);
    }
    /* the pointers written anywhere (a store, memset, an increment); the objects written whole,
       and the paths written through a function's parameters */
    fl_strmap whole = {0}, through_arg = {0};
    for (uint32_t u = 0; facts.len && u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        uint32_t k;
        for (uint32_t i = 0; i < a->naccs; i++) {
            const acc_access *x = &a->accs[i];
            if (!x->write || x->frees || zeroes(x) || scalar_write(x) || x->inits)
                continue; /* (a free ends the object, a memset gives its pointers NULL, a number
                             stored is no pointer: none points them elsewhere; a compound
                             literal's pointers are initializers) */
            const char *rest;
            if (acc_key_param(x->loc, &rest) >= 0)
                fl_strmap_put(&through_arg, rest, 1);
            else if (fl_strmap_get(&index, x->loc, &k))
                facts.items[k].writes++;
            else
                fl_strmap_put(&whole, x->loc, 1);
        }
    }
    for (size_t k = 0; k < facts.len; k++)
        if (written_otherwise(&facts.items[k].one, &whole, &through_arg))
            facts.items[k].unknown = true;
    fl_strmap_free(&whole);
    fl_strmap_free(&through_arg);
    b->alias = facts.len ? FL_NEW_ARRAY(b->A, acc_store, facts.len) : NULL;
    uint32_t n = 0;
    for (size_t k = 0; k < facts.len; k++) {
        const ptr_fact *f = &facts.items[k];
        if (f->one.to && !f->unknown && f->writes == f->stores) {
            b->alias[n] = f->one;
            fl_strmap_put(&b->aliases, f->one.ptr, n++);
        }
    }
    fl_vec_free(&facts);
    fl_strmap_free(&index);
}

/* The alias a key goes through (its pointer's index), with *rest after the '*'; -1 for none. */
static int32_t alias_of(build *b, const char *key, const char **rest)
{
    const char *star = b->alias && strchr("gsrvp", key[0]) ? strchr(key, '*') : NULL;
    char buf[512];
    size_t len = star ? (size_t)(star - key) : 0;
    if (!star || len >= sizeof buf)
        return -1;
    memcpy(buf, key, len);
    buf[len] = 0;
    uint32_t k;
    if (!fl_strmap_get(&b->aliases, buf, &k))
        return -1;
    *rest = star + 1;
    return (int32_t)k;
}

const char *pgb_unalias(build *b, const char *key)
{
    const char *rest;
    int32_t k = alias_of(b, key, &rest);
    return k < 0 ? key : fl_arena_concat(b->A, b->alias[k].to, rest);
}

const acc_access *pgb_unalias_access(build *b, const acc_access *x, const char **loc)
{
    const char *rest;
    int32_t k = alias_of(b, *loc, &rest);
    if (k < 0)
        return x;
    *loc = fl_arena_concat(b->A, b->alias[k].to, rest);
    acc_access *y = fl_arena_memdup(b->A, x, sizeof *x);
    if (!y->pointee) {
        y->pointee = fl_arena_concat(b->A, b->alias[k].name, rest);
        y->pointee_def = b->alias[k].def;
        y->pointee_len = (uint32_t)strlen(b->alias[k].name);
    }
    return y;
}
