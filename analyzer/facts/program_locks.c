/* program_locks.c - a program's lock keys and the locks held where functions are entered (see program_impl.h). */
#include "program_impl.h"

#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"

static uint32_t intern_key(build *b, const char *key, const char *name, bool lock)
{
    program *p = b->p;
    uint32_t id;
    if (fl_strmap_get(&b->p->key_ids, key, &id)) {
        p->key_lock[id] |= lock;
        return id;
    }
    if ((p->nkeys & (p->nkeys - 1)) == 0) {
        uint32_t cap = p->nkeys ? 2 * p->nkeys : 16;
        const char **k = FL_NEW_ARRAY(b->A, const char *, cap);
        const char **n = FL_NEW_ARRAY(b->A, const char *, cap);
        bool *l = FL_NEW_ARRAY(b->A, bool, cap);
        if (p->nkeys) {
            memcpy(k, p->keys, p->nkeys * sizeof *k);
            memcpy(n, p->key_names, p->nkeys * sizeof *n);
            memcpy(l, p->key_lock, p->nkeys * sizeof *l);
        }
        p->keys = k;
        p->key_names = n;
        p->key_lock = l;
    }
    id = p->nkeys++;
    p->keys[id] = key;
    p->key_names[id] = name;
    p->key_lock[id] = lock;
    fl_strmap_put(&p->key_ids, key, id);
    return id;
}

/* A key as the program compares it: keys relative to a parameter are their function's
   ("a:<fn>:<path>", "a<N>:<fn>:<path>"). */
static const char *program_key(build *b, uint32_t fn, const char *key)
{
    const char *rest;
    int i = acc_key_param(key, &rest);
    if (i >= 0)
        return fl_arena_sprintf(b->A, "%.*s%u:%s", (int)(rest - key), key, fn, rest);
    return pgb_unalias(b, key);
}

pg_locks pgb_convert_locks(build *b, uint32_t fn, const acc_locks *l)
{
    pg_locks r = {0};
    r.unknown = l->unknown || b->p->opaque_lock[fn];
    if (!l->n)
        return r;
    r.keys = FL_NEW_ARRAY(b->A, uint32_t, l->n);
    r.excl = FL_NEW_ARRAY(b->A, bool, l->n);
    for (uint32_t i = 0; i < l->n; i++) {
        r.keys[r.n] = intern_key(b, program_key(b, fn, l->l[i].key), l->l[i].name, true);
        r.excl[r.n++] = l->l[i].excl;
    }
    return r;
}

bool pg_locks_has(const pg_locks *s, uint32_t key, bool *excl)
{
    for (uint32_t i = 0; i < s->n; i++)
        if (s->keys[i] == key) {
            if (excl)
                *excl = s->excl[i];
            return true;
        }
    return false;
}

/* Held by both callers: the key in both, exclusive only if both hold it so. */
static bool ls_meet_into(pg_locks *dst, const pg_locks *a, const pg_locks *c)
{
    bool changed = false;
    uint32_t n = 0;
    for (uint32_t i = 0; i < dst->n; i++) {
        bool ea = false, ec = false;
        bool in_a = pg_locks_has(a, dst->keys[i], &ea), in_c = pg_locks_has(c, dst->keys[i], &ec);
        if (!in_a && !in_c) {
            changed = true;
            continue;
        }
        bool ex = dst->excl[i] && (in_a ? ea : true) && (in_c ? ec : true);
        changed |= ex != dst->excl[i];
        dst->keys[n] = dst->keys[i];
        dst->excl[n++] = ex;
    }
    dst->n = n;
    if (dst->unknown && !(a->unknown || c->unknown)) {
        dst->unknown = false;
        changed = true;
    }
    return changed;
}

/* Per function: whether it is the root of a thread (an entry, or a root of the spawning side). */
bool *pgb_thread_roots(build *b)
{
    program *p = b->p;
    bool *root = FL_NEW_ARRAY(b->A, bool, p->nfns + 1);
    for (uint32_t k = 0; k < p->nthreads; k++)
        root[p->threads[k].fn] = true;
    return root;
}


/* ACC_SINGLE | ACC_ONCE for code of `main` before it starts any thread (after_start: whether one
   may have started on some path before it, joined since or not), else 0. */
uint8_t pgb_before_threads(const build *b, uint32_t fn, bool after_start)
{
    return (int32_t)fn == b->main_id && !after_start ? ACC_SINGLE | ACC_ONCE : 0;
}

void pgb_build_call_table(build *b, call_table *t)
{
    program *p = b->p;
    FL_VEC(crec) calls = {0};
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t k = 0; k < a->ncalls; k++) {
            const acc_call *c = &a->calls[k];
            uint32_t from = pg_id(p, u, c->fn);
            uint8_t weak;
            uint32_t nt;
            const uint32_t *ts = pgb_targets_of(b, u, k, &nt, &weak);
            if (!nt)
                continue;
            pg_locks l = pgb_convert_locks(b, from, &c->locks);
            l.unknown = c->locks.unknown; /* the caller's own doubt, not its opaque lock calls */
            uint8_t region = (uint8_t)(c->region | pgb_before_threads(b, from, c->after_start));
            uint32_t *args = c->nargs ? FL_NEW_ARRAY(b->A, uint32_t, c->nargs) : NULL;
            for (uint32_t i = 0; i < c->nargs; i++)
                args[i] = c->args[i] ? intern_key(b, program_key(b, from, c->args[i]), c->arg_names[i], false)
                                     : PG_NO_KEY;
            for (uint32_t i = 0; i < nt; i++) {
                crec r = {from, ts[i], l, region, args, c->nargs, c->conds};
                fl_vec_push(&calls, r);
            }
        }
    }
    /* grouped by caller (a counting sort: callers' calls are mostly together already) */
    t->n = calls.len;
    t->first = FL_NEW_ARRAY(b->A, uint32_t, p->nfns + 2);
    for (size_t i = 0; i < calls.len; i++)
        t->first[calls.items[i].from + 1]++;
    for (uint32_t f = 0; f < p->nfns; f++)
        t->first[f + 1] += t->first[f];
    uint32_t *at = fl_xmalloc((p->nfns + 1) * sizeof *at);
    memcpy(at, t->first, (p->nfns + 1) * sizeof *at);
    t->c = FL_NEW_ARRAY(b->A, crec, calls.len + 1);
    for (size_t i = 0; i < calls.len; i++)
        t->c[at[calls.items[i].from]++] = calls.items[i];
    /* and by target (key_via, the locks every call of a function gives it) */
    t->to_first = FL_NEW_ARRAY(b->A, uint32_t, p->nfns + 2);
    t->by_to = FL_NEW_ARRAY(b->A, uint32_t, calls.len + 1);
    for (size_t i = 0; i < calls.len; i++)
        t->to_first[t->c[i].to + 1]++;
    for (uint32_t f = 0; f < p->nfns; f++)
        t->to_first[f + 1] += t->to_first[f];
    memcpy(at, t->to_first, (p->nfns + 1) * sizeof *at);
    for (size_t i = 0; i < calls.len; i++)
        t->by_to[at[t->c[i].to]++] = (uint32_t)i;
    free(at);
    fl_vec_free(&calls);
}

/* The locks every call from the code of `roots` (those functions start with no lock) holds when
   calling each function that code runs, into ent[nfns] (functions it does not run: none), over
   the calls that may run beside other threads. A worklist of the functions whose set changed: a
   set is made once, then only shrinks. */
static void entry_locks(const program *p, fl_arena *A, const pg_calls *t, const bool *root, pg_locks *ent)
{
    fl_u32_vec work = {0};
    bool *queued = fl_xcalloc(p->nfns + 1, 1);
    for (uint32_t id = 0; id < p->nfns; id++) {
        ent[id] = (pg_locks){0};
        ent[id].top = !root[id];
        if (root[id]) {
            fl_vec_push(&work, id);
            queued[id] = true;
        }
    }
    while (work.len) {
        uint32_t from = work.items[--work.len];
        queued[from] = false;
        const pg_locks *caller = &ent[from];
        for (uint32_t i = t->first[from]; i < t->first[from + 1]; i++) {
            const pg_call *r = &t->c[i];
            /* roots start with no lock; a call while no other thread exists (main before its
               first thread) decides no race, so what it holds does not count */
            if (root[r->to] || ((r->region | p->fn_region[from]) & ACC_SINGLE))
                continue;
            pg_locks *e = &ent[r->to];
            bool changed;
            if (e->top) {
                /* the union of the caller's own and inherited locks */
                uint32_t n = r->locks.n + caller->n;
                e->keys = FL_NEW_ARRAY(A, uint32_t, n + 1);
                e->excl = FL_NEW_ARRAY(A, bool, n + 1);
                e->n = 0;
                for (uint32_t j = 0; j < r->locks.n; j++) {
                    e->keys[e->n] = r->locks.keys[j];
                    e->excl[e->n++] = r->locks.excl[j];
                }
                for (uint32_t j = 0; j < caller->n; j++) {
                    bool ex;
                    if (!pg_locks_has(e, caller->keys[j], &ex)) {
                        e->keys[e->n] = caller->keys[j];
                        e->excl[e->n++] = caller->excl[j];
                    }
                }
                e->unknown = r->locks.unknown || caller->unknown;
                e->top = false;
                changed = true;
            } else
                changed = ls_meet_into(e, &r->locks, caller);
            if (changed && !queued[r->to]) {
                queued[r->to] = true;
                fl_vec_push(&work, r->to);
            }
        }
    }
    for (uint32_t id = 0; id < p->nfns; id++)
        if (ent[id].top)
            ent[id] = (pg_locks){0};
    free(queued);
    fl_vec_free(&work);
}

/* The locks every caller of a function holds when calling it, over every thread. */
void pgb_build_entry_locks(build *b, const call_table *t, const bool *root)
{
    program *p = b->p;
    p->ent = FL_NEW_ARRAY(b->A, pg_locks, p->nfns + 1);
    entry_locks(p, b->A, t, root, p->ent);
}

void pg_thread_entry_locks(const program *p, uint32_t k, fl_arena *A, pg_locks *out)
{
    bool *root = FL_NEW_ARRAY(A, bool, p->nfns + 1);
    root[p->threads[k].fn] = true;
    entry_locks(p, A, &p->calls, root, out);
}

/* Functions only code of a region calls (facts/access.h: once per program, or with no other
   thread): every call of it is in the region, or made by such a function. Not roots, nor
   functions whose address is taken (code out of sight may call them). Bits fall along the calls
   from functions that lost them (each function loses each bit once). */
void pgb_build_regions(build *b, const call_table *t, const bool *root)
{
    program *p = b->p;
    const uint8_t all = ACC_ONCE | ACC_SINGLE;
    uint8_t *r = p->fn_region = FL_NEW_ARRAY(b->A, uint8_t, p->nfns + 1);
    fl_u32_vec work = {0};
    for (uint32_t id = 0; id < p->nfns; id++) {
        r[id] = root[id] || b->taken[id] || !p->called[id] ? 0 : all;
        if (b->to_spawn[id])
            r[id] &= (uint8_t)~ACC_SINGLE; /* it starts threads: not all of it runs alone */
        fl_vec_push(&work, id);
    }
    while (work.len) {
        uint32_t from = work.items[--work.len];
        for (uint32_t i = t->first[from]; i < t->first[from + 1]; i++) {
            const crec *c = &t->c[i];
            if (c->to == from)
                continue; /* recursion keeps what the other callers give */
            uint8_t keep = r[c->to] & (c->region | r[from]);
            if (keep != r[c->to]) {
                r[c->to] = keep;
                fl_vec_push(&work, c->to);
            }
        }
    }
    fl_vec_free(&work);
}

bool pg_keys_match(const program *p, uint32_t a, uint32_t b)
{
    if (a == b)
        return true;
    for (int side = 0; side < 2; side++) {
        uint32_t x = side ? b : a, y = side ? a : b;
        for (const char *o = p->key_objs[x]; o && *o; o += strlen(o) + 1)
            if (strcmp(o, p->keys[y]) == 0)
                return true;
    }
    /* two threads' locks through their arguments (`&q->mu` in the producer and in the
       consumer): one lock when their spawns pass one object */
    for (const char *o = p->key_objs[a]; o && *o; o += strlen(o) + 1)
        for (const char *q = p->key_objs[b]; q && *q; q += strlen(q) + 1)
            if (strcmp(o, q) == 0)
                return true;
    return false;
}

/* For each "a<N>:<fn>:<path>" key ("a:" for the first parameter) of a function that is no
   thread entry, the lock each direct call of it passes: the object its argument N points to,
   with the path. A caller's own such key gets the same in turn (a worklist over the keys, which
   grow); paths are bounded, so that a recursive function passing `&m->next` on does not make
   keys forever. */
void pgb_build_key_via(build *b)
{
    program *p = b->p;
    const pg_calls *t = &p->calls;
    typedef struct { uint32_t key; pg_keyvia via; } kv;
    FL_VEC(kv) all = {0};
    uint32_t limit = 4 * p->nkeys + 1024;
    for (uint32_t k = 0; k < p->nkeys && p->nkeys < limit; k++) {
        const char *key = p->keys[k], *after;
        int param = acc_key_param(key, &after);
        if (param < 0)
            continue;
        char *end;
        unsigned long fn = strtoul(after, &end, 10);
        if (*end != ':' || fn >= p->nfns || p->entry_of[fn] >= 0 || strlen(end + 1) > 64)
            continue;
        for (uint32_t i = t->to_first[fn]; i < t->to_first[fn + 1]; i++) {
            const pg_call *c = &t->c[t->by_to[i]];
            uint32_t arg = (uint32_t)param < c->nargs ? c->args[param] : PG_NO_KEY;
            if (arg == PG_NO_KEY)
                continue;
            const char *rest = p->keys[k] + (end + 1 - key);
            kv e = {k, {c->from, intern_key(b, acc_key_rebase(b->A, p->keys[arg], rest),
                                            fl_arena_concat(b->A, p->key_names[arg], rest),
                                            p->key_lock[k])}};
            fl_vec_push(&all, e);
            key = p->keys[k]; /* interning may have moved the arrays, not the strings */
        }
    }
    p->nkey_via = FL_NEW_ARRAY(b->A, uint32_t, p->nkeys + 1);
    p->key_via = FL_NEW_ARRAY(b->A, pg_keyvia *, p->nkeys + 1);
    for (size_t i = 0; i < all.len; i++)
        p->nkey_via[all.items[i].key]++;
    for (uint32_t k = 0; k < p->nkeys; k++)
        if (p->nkey_via[k]) {
            p->key_via[k] = FL_NEW_ARRAY(b->A, pg_keyvia, p->nkey_via[k]);
            p->nkey_via[k] = 0;
        }
    for (size_t i = 0; i < all.len; i++)
        p->key_via[all.items[i].key][p->nkey_via[all.items[i].key]++] = all.items[i].via;
    fl_vec_free(&all);
}

/* An object the program names to the end: no pointer left to follow, no element of unknown index. */
bool pg_named_object(const char *o)
{
    return !strchr(o, '*') && !strstr(o, "[?]");
}

/* Two or more objects in list ("o1\0o2\0\0"), all named to the end and all different; beyond
   16, not compared pairwise (false). */
static bool objs_differ(const char *list)
{
    uint32_t n = 0;
    for (const char *o = list; *o; o += strlen(o) + 1, n++) {
        if (!pg_named_object(o) || n == 16)
            return false;
        for (const char *q = list; q != o; q += strlen(q) + 1)
            if (strcmp(q, o) == 0)
                return false;
    }
    return n >= 2;
}

typedef FL_VEC(const acc_event *) ev_ptr_vec;

/* The objects a thread argument's lock key names, one per spawn, as a list of strings. */
typedef struct key_objs {
    char *list;
    size_t len;
    bool own;         /* every one the spawn's own element, or the lock in it */
    ev_ptr_vec *evs;  /* the spawns, in list order */
} key_objs;

/* Add what the lock key with path `rest` in spawn ev's object names to ko. */
static void add_spawn_obj(build *b, const acc_event *ev, const char *rest, bool derefs, key_objs *ko)
{
    /* (a pointer field of the object: what it points to, `&mu` for `a->mu`) */
    const char *o = pgb_unalias(b, fl_arena_concat(b->A, ev->obj, rest));
    size_t on = strlen(ev->obj);
    /* each spawn's own element, and the lock in it, or in the element of a global array the same
       index picks (`args[i].mu = &locks[i]`: "<locks>[?]") */
    ko->own &= on >= 3 && strcmp(ev->obj + on - 3, "[?]") == 0 && strstr(o, "[?]") != NULL &&
               (!derefs || o[0] == 'g' || o[0] == 's');
    size_t ol = strlen(o) + 1;
    char *grown = FL_NEW_ARRAY(b->A, char, ko->len + ol + 1);
    if (ko->len)
        memcpy(grown, ko->list, ko->len);
    memcpy(grown + ko->len, o, ol);
    ko->len += ol;
    ko->list = grown;
    fl_vec_push(ko->evs, ev);
}

/* For each "a:<fn>:<path>" key, the objects spawns of that entry pass, with the path. */
void pgb_build_key_objs(build *b, int32_t **entry_of_event)
{
    program *p = b->p;
    p->key_objs = FL_NEW_ARRAY(b->A, const char *, p->nkeys + 1);
    p->key_per_instance = FL_NEW_ARRAY(b->A, bool, p->nkeys + 1);
    p->key_obj_ev = FL_NEW_ARRAY(b->A, const acc_event **, p->nkeys + 1);
    p->key_objs_differ = FL_NEW_ARRAY(b->A, bool, p->nkeys + 1);
    ev_ptr_vec evs = {0};
    for (uint32_t k = 0; k < p->nkeys; k++) {
        const char *key = p->keys[k];
        if (key[0] != 'a' || key[1] != ':')
            continue;
        char *end;
        unsigned long fn = strtoul(key + 2, &end, 10);
        if (*end != ':')
            continue;
        const char *rest = end + 1;
        if (strstr(rest, "[*]"))
            continue; /* an element lock by an index not known: no one object */
        bool derefs = place_path_derefs(rest);
        key_objs ko = {NULL, 0, true, &evs};
        evs.len = 0;
        for (uint32_t u = 0; u < p->nunits; u++) {
            const acc_unit *a = p->units[u].acc;
            for (uint32_t e = 0; e < a->nevents; e++) {
                int32_t ent = entry_of_event[u][e];
                /* (a spawn with its function's parameter: the copies at the calls of its
                   function below stand for it, when there are any) */
                if (ent >= 0 && p->threads[ent].fn == fn && a->events[e].obj &&
                    !(a->events[e].obj_param && pgb_param_spawn_copied(b, &a->events[e])))
                    add_spawn_obj(b, &a->events[e], rest, derefs, &ko);
            }
        }
        for (size_t i = 0; i < b->param_spawns.len; i++) {
            const pg_param_spawn *ps = &b->param_spawns.items[i];
            if (p->threads[ps->entry].fn == fn)
                add_spawn_obj(b, ps->ev, rest, derefs, &ko);
        }
        p->key_objs[k] = ko.list;
        p->key_per_instance[k] = ko.list && ko.own;
        p->key_obj_ev[k] = evs.len ? fl_arena_memdup(b->A, evs.items, evs.len * sizeof *evs.items) : NULL;
        p->key_objs_differ[k] = ko.list && objs_differ(ko.list);
    }
    fl_vec_free(&evs);
}
