/* program_threads.c - a program's threads: what each runs, which run beside which (see program_impl.h). */
#include "program_impl.h"

#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"

/* Each function's calls, in the order of the units' call lists (b->cfirst, cu, ck). */
void pgb_calls_by_fn(build *b)
{
    program *p = b->p;
    uint32_t *first = b->cfirst = FL_NEW_ARRAY(b->A, uint32_t, p->nfns + 2);
    for (uint32_t u = 0; u < p->nunits; u++)
        for (uint32_t k = 0; k < p->units[u].acc->ncalls; k++)
            first[pg_id(p, u, p->units[u].acc->calls[k].fn) + 1]++;
    for (uint32_t f = 0; f < p->nfns; f++)
        first[f + 1] += first[f];
    uint32_t *at = fl_xmalloc((p->nfns + 1) * sizeof *at);
    b->cu = FL_NEW_ARRAY(b->A, uint32_t, first[p->nfns] + 1);
    b->ck = FL_NEW_ARRAY(b->A, uint32_t, first[p->nfns] + 1);
    memcpy(at, first, (p->nfns + 1) * sizeof *at);
    for (uint32_t u = 0; u < p->nunits; u++)
        for (uint32_t k = 0; k < p->units[u].acc->ncalls; k++) {
            uint32_t f = pg_id(p, u, p->units[u].acc->calls[k].fn);
            b->cu[at[f]] = u;
            b->ck[at[f]++] = k;
        }
    free(at);
}

static const acc_event *event_of(const program *p, ev_ref r)
{
    return &p->units[r.unit].acc->events[r.index];
}

void pgb_build_threads(build *b, int32_t **entry_of_event)
{
    program *p = b->p;
    FL_VEC(pg_thread) th = {0};
    int32_t *entry_of_fn = p->entry_of = FL_NEW_ARRAY(b->A, int32_t, p->nfns + 1);
    memset(entry_of_fn, 0xff, (p->nfns + 1) * sizeof *entry_of_fn);
    /* entries: one per thread function */
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        entry_of_event[u] = FL_NEW_ARRAY(b->A, int32_t, a->nevents + 1);
        for (uint32_t e = 0; e < a->nevents; e++) {
            const acc_event *ev = &a->events[e];
            entry_of_event[u][e] = -1;
            if (ev->starter)
                continue;
            int32_t f = pgb_resolve(b, u, ev->target);
            if (f < 0)
                continue;
            int32_t k = entry_of_fn[f];
            if (k >= 0) {
                th.items[k].multiple = true;
                th.items[k].spawn = ev;
                th.items[k].distinct = NULL;
            } else {
                pg_thread t = {(uint32_t)f, true, ev->in_loop, false, false, ev, NULL, NULL, {NULL, 0}, {{NULL, NULL, 0}, {NULL, NULL, 0}}, NULL, ev->distinct, {NULL, 0}, {NULL, 0}};
                fl_vec_push(&th, t);
                k = entry_of_fn[f] = (int32_t)(th.len - 1);
            }
            entry_of_event[u][e] = k;
        }
    }
    p->nentries = (uint32_t)th.len;
    for (size_t k = 0; k < th.len; k++) {
        th.items[k].reach = FL_NEW_ARRAY(b->A, fl_word, b->nw_fn);
        pgb_reach_from(p, th.items[k].fn, th.items[k].reach, false);
        th.items[k].reach_strong = FL_NEW_ARRAY(b->A, fl_word, b->nw_fn);
        pgb_reach_from(p, th.items[k].fn, th.items[k].reach_strong, true);
    }
    pgb_calls_by_fn(b);
    pgb_prune_by_flags(b, entry_of_event, th.items, (uint32_t)th.len);
    /* the spawning side: uncalled functions (not entries, not trampolines) that reach a spawn;
       which functions reach one is found backwards from the spawns, along reversed calls */
    bool *to_spawn = b->to_spawn = FL_NEW_ARRAY(b->A, bool, p->nfns + 1);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t e = 0; e < a->nevents; e++)
            if (!a->events[e].starter)
                to_spawn[pg_id(p, u, a->events[e].fn)] = true;
    }
    pgb_mark_callers(p, to_spawn);
    /* a program with `main` starts there: its other uncalled functions are dead code, or code
       of the program's library that other programs use */
    int32_t main_id = b->main_id = -1;
    for (uint32_t id = 0; id < p->nfns && main_id < 0; id++)
        if (pgb_has_body(p, id) && strcmp(pg_func(p, id)->name, "main") == 0 && !pg_func(p, id)->is_static)
            main_id = b->main_id = (int32_t)id;
    for (uint32_t id = 0; id < p->nfns; id++) {
        const pg_fn *f = &p->fns[id];
        if (!to_spawn[id] || !pgb_has_body(p, id) || p->called[id] || entry_of_fn[id] >= 0 ||
            p->units[f->unit].acc->fns[f->index].trampoline || (main_id >= 0 && (int32_t)id != main_id))
            continue;
        pg_thread t = {id, false, false, false, false, NULL, FL_NEW_ARRAY(b->A, fl_word, b->nw_fn),
                       FL_NEW_ARRAY(b->A, fl_word, b->nw_fn), {NULL, 0}, {{NULL, NULL, 0}, {NULL, NULL, 0}}, NULL, NULL, {NULL, 0}, {NULL, 0}};
        pgb_reach_from(p, id, t.reach, false);
        pgb_reach_from(p, id, t.reach_strong, true);
        fl_vec_push(&th, t);
    }
    p->threads = th.len ? fl_arena_memdup(b->A, th.items, th.len * sizeof *th.items) : NULL;
    p->nthreads = (uint32_t)th.len;
    fl_vec_free(&th);
}

/* The entries function f leaves running at its return, as its events' entries so far say, into
   out; false when f has no run state at its exit (it starts nothing, or never returns). */
static bool left_running(build *b, uint32_t f, fl_word *out)
{
    const program *p = b->p;
    const acc_fn *af = &p->units[p->fns[f].unit].acc->fns[p->fns[f].index];
    fl_bs_zero(out, b->nw_ent);
    for (size_t i = 0; af->exit_run && i < b->fn_events[f].len; i++) {
        ev_ref r = b->fn_events[f].items[i];
        if (fl_bs_test(af->exit_run, run_bit_r(event_of(p, r)->bit)))
            fl_bs_union(out, p->ev_entries[r.unit][r.index], b->nw_ent);
    }
    return af->exit_run != NULL;
}

/* Entries each event may leave running: a spawn its thread, a starter what its callee leaves
   running when it returns (to a fixed point: starters calling starters). */
void pgb_build_event_entries(build *b, int32_t **entry_of_event)
{
    program *p = b->p;
    uint32_t nw = b->nw_ent;
    p->ev_entries = FL_NEW_ARRAY(b->A, fl_word **, p->nunits);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        p->ev_entries[u] = FL_NEW_ARRAY(b->A, fl_word *, a->nevents + 1);
        for (uint32_t e = 0; e < a->nevents; e++) {
            p->ev_entries[u][e] = FL_NEW_ARRAY(b->A, fl_word, nw);
            if (entry_of_event[u][e] >= 0)
                fl_bs_set(p->ev_entries[u][e], (uint32_t)entry_of_event[u][e]);
        }
    }
    fl_word *esc = FL_NEW_ARRAY(b->A, fl_word, nw);
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t u = 0; u < p->nunits; u++) {
            const acc_unit *a = p->units[u].acc;
            for (uint32_t e = 0; e < a->nevents; e++) {
                const acc_event *ev = &a->events[e];
                if (!ev->starter)
                    continue;
                int32_t callee = pgb_resolve(b, u, ev->target);
                if (callee < 0)
                    continue;
                left_running(b, (uint32_t)callee, esc);
                changed |= fl_bs_union(p->ev_entries[u][e], esc, nw);
            }
        }
    }
    b->hidden_entries = FL_NEW_ARRAY(b->A, fl_word **, p->nunits);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        b->hidden_entries[u] = FL_NEW_ARRAY(b->A, fl_word *, a->nevents + 1);
        for (uint32_t e = 0; e < a->nevents; e++) {
            const acc_event *ev = &a->events[e];
            int32_t callee = !ev->starter && !ev->target && entry_of_event[u][e] < 0 && ev->call && ev->call->callee
                                 ? pgb_resolve(b, u, ev->call->callee)
                                 : -1;
            fl_word *run = callee >= 0 ? FL_NEW_ARRAY(b->A, fl_word, nw) : NULL;
            if (run && left_running(b, (uint32_t)callee, run))
                b->hidden_entries[u][e] = run;
        }
    }
}

void pg_running_entries(const program *p, uint32_t id, const fl_word *run, fl_word *out)
{
    uint32_t nw = fl_bs_words(p->nentries ? p->nentries : 1);
    fl_bs_zero(out, nw);
    if (!run)
        return;
    const pg_fn *f = &p->fns[id];
    const acc_unit *a = p->units[f->unit].acc;
    /* the events of a function are contiguous in its unit's list, in bit order */
    for (uint32_t e = 0; e < a->nevents; e++)
        if (a->events[e].fn == f->index && fl_bs_test(run, run_bit_r(a->events[e].bit)))
            fl_bs_union(out, p->ev_entries[f->unit][e], nw);
}

/* Down the calls from the functions that have bits, each bit once per function, remembering
   through which caller it came (when `from` is given); weak edges skipped when `strong`. */
static void propagate(const program *p, fl_word ***edge_end, uint8_t **pruned, fl_word **par, bool strong,
                      const ast_node **call, uint32_t *from)
{
    uint32_t ne = p->nentries, nw = fl_bs_words(ne ? ne : 1);
    fl_u32_vec work = {0};
    for (uint32_t f = 0; f < p->nfns; f++)
        if (!fl_bs_empty(par[f], nw))
            fl_vec_push(&work, f);
    while (work.len) {
        uint32_t f = work.items[--work.len];
        for (uint32_t i = 0; i < p->ncallees[f]; i++) {
            if ((strong && p->callee_weak[f][i]) || (pruned && pruned[f] && pruned[f][i]))
                continue;
            uint32_t c = p->callees[f][i];
            const fl_word *ends = edge_end && edge_end[f] ? edge_end[f][i] : NULL;
            bool grew = false;
            for (uint32_t k = 0; k < ne; k++)
                if (fl_bs_test(par[f], k) && !fl_bs_test(par[c], k) && !(ends && fl_bs_test(ends, k))) {
                    fl_bs_set(par[c], k);
                    if (call) {
                        call[(size_t)c * ne + k] = NULL;
                        from[(size_t)c * ne + k] = f;
                    }
                    grew = true;
                }
            if (grew)
                fl_vec_push(&work, c);
        }
    }
    fl_vec_free(&work);
}

/* Threads ended by a join of their global handle (facts/joined.h). An entry all of whose
   spawns store the handle in one global, and that is not started twice, is over once that
   global is joined. A function joins a handle on every path when it does so itself or calls,
   on every path, a function that does (a fixpoint over the call graph, from nothing: a cycle
   joins nothing it does not join outside it). A call made after such joins does not carry the
   ended entries to its callee (b->edge_end, for propagate). */
void pgb_build_joined(build *b, int32_t **entry_of_event)
{
    program *p = b->p;
    uint32_t ne = p->nentries;
    b->edge_end = FL_NEW_ARRAY(b->A, fl_word **, p->nfns + 1);
    /* the handles of the entries that have one */
    fl_strmap hid = {0};
    const char **handle = FL_NEW_ARRAY(b->A, const char *, ne + 1);
    bool *mixed = FL_NEW_ARRAY(b->A, bool, ne + 1);
    for (uint32_t u = 0; u < p->nunits; u++)
        for (uint32_t e = 0; e < p->units[u].acc->nevents; e++) {
            int32_t k = entry_of_event[u][e];
            const char *h = p->units[u].acc->events[e].handle;
            if (k < 0)
                continue;
            if (!h || (handle[k] && strcmp(handle[k], h) != 0))
                mixed[k] = true;
            handle[k] = h;
        }
    uint32_t nh = 0;
    int32_t *entry_h = FL_NEW_ARRAY(b->A, int32_t, ne + 1);
    for (uint32_t k = 0; k < ne; k++) {
        entry_h[k] = -1;
        if (mixed[k] || !handle[k] || p->threads[k].multiple)
            continue;
        uint32_t id = fl_strmap_intern(&hid, handle[k], nh);
        if (id == nh)
            nh++;
        entry_h[k] = (int32_t)id;
    }
    if (!nh || nh > 64) { /* one word of handles: a program ending more threads this way is rare */
        fl_strmap_free(&hid);
        return;
    }
    b->join_entry_h = entry_h;
    /* what each function joins on every path to its return */
    uint64_t *J = FL_NEW_ARRAY(b->A, uint64_t, p->nfns + 1);
    for (int round = 0, changed = 1; changed && round < 16; round++) {
        changed = 0;
        for (uint32_t id = 0; id < p->nfns; id++) {
            const pg_fn *f = &p->fns[id];
            const acc_joins *x = &p->units[f->unit].acc->fns[f->index].exit_ended;
            uint64_t j = 0;
            for (uint32_t i = 0; i < x->n; i++) {
                uint32_t h;
                if (x->j[i].handle && fl_strmap_get(&hid, x->j[i].handle, &h))
                    j |= (uint64_t)1 << h;
                int32_t t = x->j[i].callee ? pgb_resolve(b, f->unit, x->j[i].callee) : -1;
                if (t >= 0)
                    j |= J[t];
            }
            if (j != J[id]) {
                J[id] = j;
                changed = 1;
            }
        }
    }
    b->join_hid = hid;
    b->join_J = J;
    /* per call: the entries ended there; per edge: those every call along it ended */
    uint32_t nw = b->nw_ent;
    int32_t *pos = fl_xmalloc((p->nfns + 1) * sizeof *pos);
    memset(pos, 0xff, (p->nfns + 1) * sizeof *pos);
    fl_word *ended = FL_NEW_ARRAY(b->A, fl_word, nw);
    for (uint32_t f = 0; f < p->nfns; f++) {
        if (!p->ncallees[f])
            continue;
        for (uint32_t i = 0; i < p->ncallees[f]; i++)
            pos[p->callees[f][i]] = (int32_t)i;
        fl_word **ends = NULL;
        bool *seen = NULL;
        for (uint32_t i = b->cfirst[f]; i < b->cfirst[f + 1]; i++) {
            const acc_call *c = &p->units[b->cu[i]].acc->calls[b->ck[i]];
            pgb_joined_entries(b, b->cu[i], &c->ended, ended);
            uint8_t weak;
            uint32_t nt;
            const uint32_t *ts = pgb_targets_of(b, b->cu[i], b->ck[i], &nt, &weak);
            for (uint32_t t = 0; t < nt; t++) {
                int32_t e = pos[ts[t]];
                if (e < 0)
                    continue;
                if (!ends) {
                    ends = FL_NEW_ARRAY(b->A, fl_word *, p->ncallees[f]);
                    seen = fl_xcalloc(p->ncallees[f], sizeof *seen);
                }
                if (!seen[e]) {
                    seen[e] = true;
                    ends[e] = FL_NEW_ARRAY(b->A, fl_word, nw);
                    fl_bs_copy(ends[e], ended, nw);
                } else {
                    for (uint32_t w = 0; w < nw; w++)
                        ends[e][w] &= ended[w];
                }
            }
        }
        b->edge_end[f] = ends;
        free(seen);
        for (uint32_t i = 0; i < p->ncallees[f]; i++)
            pos[p->callees[f][i]] = -1;
    }
    free(pos);
}

bool pgb_joined_entries(build *b, uint32_t u, const acc_joins *joins, fl_word *out)
{
    fl_bs_zero(out, b->nw_ent);
    if (!b->join_J || !joins->n)
        return false;
    uint64_t j = 0;
    for (uint32_t m = 0; m < joins->n; m++) {
        uint32_t h;
        if (joins->j[m].handle && fl_strmap_get(&b->join_hid, joins->j[m].handle, &h))
            j |= (uint64_t)1 << h;
        int32_t t = joins->j[m].callee ? pgb_resolve(b, u, joins->j[m].callee) : -1;
        if (t >= 0)
            j |= b->join_J[t];
    }
    bool any = false;
    for (uint32_t k = 0; k < b->p->nentries && j; k++)
        if (b->join_entry_h[k] >= 0 && (j >> b->join_entry_h[k]) & 1) {
            fl_bs_set(out, k);
            any = true;
        }
    return any;
}

/* par: a function called while entries may run runs beside them, and so do its callees. */
/* The thread-specific keys the spawning side never sets: code beside a thread runs in the
   threads that spawn (main, mostly), and a thread that sets a key nowhere it runs gets NULL for
   it (`out = pthread_getspecific(key); if (!out) return;` stops there: fio's log path in main).
   A key counts as set when a setter is reachable from any function that spawns. Returns the facts
   {"t:<key>", zero} for the others, NULL when there are none. */
static acc_conds *side_tls_facts(build *b)
{
    program *p = b->p;
    fl_strmap keys = {0};
    pgb_key_vec names = {0};
    pgb_tls_keys_named(p, &keys, &names);
    acc_conds *out = NULL;
    if (names.len) {
        /* what the spawners reach */
        fl_word *side = FL_NEW_ARRAY(b->A, fl_word, b->nw_fn);
        fl_word *tmp = FL_NEW_ARRAY(b->A, fl_word, b->nw_fn);
        for (uint32_t id = 0; id < p->nfns; id++)
            if (b->fn_events[id].len) {
                pgb_reach_from(p, id, tmp, false);
                fl_bs_union(side, tmp, b->nw_fn);
            }
        bool *set = FL_NEW_ARRAY(b->A, bool, names.len + 1);
        for (uint32_t id = 0; id < p->nfns; id++) {
            if (!fl_bs_test(side, id))
                continue;
            const acc_fn *af = &p->units[p->fns[id].unit].acc->fns[p->fns[id].index];
            for (uint32_t i = 0; i < af->ntls_sets; i++) {
                uint32_t t;
                if (fl_strmap_get(&keys, af->tls_sets[i], &t))
                    set[t] = true;
            }
        }
        FL_VEC(acc_cond) facts = {0};
        for (size_t k = 0; k < names.len; k++)
            if (!set[k]) {
                acc_cond z = {names.items[k], false};
                fl_vec_push(&facts, z);
            }
        if (facts.len) {
            out = FL_NEW(b->A, acc_conds);
            out->c = fl_arena_memdup(b->A, facts.items, facts.len * sizeof *facts.items);
            out->n = (uint32_t)facts.len;
        }
        fl_vec_free(&facts);
    }
    fl_vec_free(&names);
    fl_strmap_free(&keys);
    return out;
}

/* Per function and callee edge (program.callees), whether every call along it contradicts
   `facts`: code beside a thread does not take it. NULL when no edge is pruned. */
static uint8_t **prune_edges(build *b, const acc_conds *facts)
{
    program *p = b->p;
    uint8_t **pruned = NULL;
    int32_t *slot = fl_xmalloc((p->nfns + 1) * sizeof *slot); /* callee -> its edge index in f */
    for (uint32_t f = 0; f < p->nfns; f++) {
        if (!p->ncallees[f])
            continue;
        uint8_t *keep = fl_xcalloc(p->ncallees[f], 1);
        for (uint32_t i = 0; i < p->ncallees[f]; i++)
            slot[p->callees[f][i]] = (int32_t)i;
        for (uint32_t i = b->cfirst[f]; i < b->cfirst[f + 1]; i++) {
            const acc_call *c = &p->units[b->cu[i]].acc->calls[b->ck[i]];
            if (pg_conds_contradict(&c->conds, facts))
                continue;
            uint8_t weak;
            uint32_t nt;
            const uint32_t *ts = pgb_targets_of(b, b->cu[i], b->ck[i], &nt, &weak);
            for (uint32_t j = 0; j < nt; j++)
                keep[slot[ts[j]]] = 1;
        }
        for (uint32_t i = 0; i < p->ncallees[f]; i++)
            if (!keep[i]) {
                if (!pruned)
                    pruned = FL_NEW_ARRAY(b->A, uint8_t *, p->nfns + 1);
                if (!pruned[f])
                    pruned[f] = FL_NEW_ARRAY(b->A, uint8_t, p->ncallees[f]);
                pruned[f][i] = 1;
            }
        free(keep);
    }
    free(slot);
    return pruned;
}

/* How many strong calls from entry m's root, at most, a function that starts a thread may be
   for m to count as starting it. A supervisor starts its workers in its own code or a helper
   or two away; a spawn twenty calls down (a preload worker that reaches reading a submodule's
   index through its gitlink check) is in code written for the spawning side, on a path that
   values decide, which calls alone cannot tell. */
#define NESTED_SPAWN_DEPTH 3

/* Entry m's functions within NESTED_SPAWN_DEPTH strong calls of its root, into `near` (cleared
   first): breadth-first, level by level. */
static void near_root(const program *p, uint32_t m, fl_word *near, uint32_t *queue)
{
    fl_bs_zero(near, fl_bs_words(p->nfns ? p->nfns : 1));
    uint32_t head = 0, tail = 0, root = p->threads[m].fn;
    fl_bs_set(near, root);
    queue[tail++] = root;
    for (uint32_t level = 0; level < NESTED_SPAWN_DEPTH && head < tail; level++) {
        uint32_t end = tail;
        for (; head < end; head++) {
            uint32_t f = queue[head];
            for (uint32_t i = 0; i < p->ncallees[f]; i++) {
                uint32_t c = p->callees[f][i];
                if (!p->callee_weak[f][i] && !fl_bs_test(near, c)) {
                    fl_bs_set(near, c);
                    queue[tail++] = c;
                }
            }
        }
    }
}

/* Which entry starts which: entry m runs a spawn of k (a spawn in a function m reaches; with
   `strong`, through strong calls only and near m's root), and then what k starts, and so on (a
   thread that starts a pool of workers). Each row is closed depth-first from its direct
   children; each entry is pushed at most once per row. */
static bool *starts_closed(build *b, bool strong)
{
    program *p = b->p;
    uint32_t ne = p->nentries;
    bool *st = FL_NEW_ARRAY(b->A, bool, (size_t)ne * ne + 1);
    fl_word *near = strong ? fl_xcalloc(fl_bs_words(p->nfns ? p->nfns : 1), sizeof *near) : NULL;
    uint32_t *queue = fl_xmalloc((p->nfns + ne + 1) * sizeof *queue);
    for (uint32_t m = 0; m < ne; m++) {
        if (strong)
            near_root(p, m, near, queue);
        const fl_word *reach = strong ? near : p->threads[m].reach;
        for (uint32_t u = 0; u < p->nunits; u++)
            for (uint32_t e = 0; e < p->units[u].acc->nevents; e++)
                if (fl_bs_test(reach, pg_id(p, u, p->units[u].acc->events[e].fn)))
                    for (uint32_t k = 0; k < ne; k++)
                        if (fl_bs_test(p->ev_entries[u][e], k))
                            st[(size_t)m * ne + k] = true;
    }
    free(near);
    uint32_t *stack = queue;
    for (uint32_t m = 0; m < ne; m++) {
        bool *row = st + (size_t)m * ne;
        uint32_t n = 0;
        for (uint32_t k = 0; k < ne; k++)
            if (row[k])
                stack[n++] = k;
        while (n) {
            const bool *from = st + (size_t)stack[--n] * ne;
            for (uint32_t k = 0; k < ne; k++)
                if (from[k] && !row[k]) {
                    row[k] = true;
                    stack[n++] = k;
                }
        }
    }
    free(queue);
    return st;
}

void pgb_build_starts(build *b)
{
    b->p->starts_entry = starts_closed(b, false);
    b->p->starts_strong = starts_closed(b, true);
}

/* Functions that run only in code run once per program: called, not through a pointer, not a
   thread's start, and every call of them in a once region (a pthread_once routine's call) or
   made by such a function. The greatest such set, by a worklist from the functions that are
   not. */
static bool *once_fns(build *b)
{
    program *p = b->p;
    bool *once = FL_NEW_ARRAY(b->A, bool, p->nfns + 1);
    fl_u32_vec work = {0};
    for (uint32_t id = 0; id < p->nfns; id++) {
        once[id] = p->called[id] && !b->taken[id] && p->entry_of[id] < 0;
        if (!once[id])
            fl_vec_push(&work, id);
    }
    while (work.len) {
        uint32_t f = work.items[--work.len];
        for (uint32_t i = b->cfirst[f]; i < b->cfirst[f + 1]; i++) {
            const acc_call *c = &p->units[b->cu[i]].acc->calls[b->ck[i]];
            if (c->region & ACC_ONCE)
                continue;
            uint32_t nt;
            uint8_t weak;
            const uint32_t *t = pgb_targets_of(b, b->cu[i], b->ck[i], &nt, &weak);
            for (uint32_t j = 0; j < nt; j++)
                if (once[t[j]]) {
                    once[t[j]] = false;
                    fl_vec_push(&work, t[j]);
                }
        }
    }
    fl_vec_free(&work);
    return once;
}

/* Per entry: every spawn of it runs once per program, outside loops (in a once block, or a
   function only once code calls: a logger's flusher started by the pthread_once routine that
   every writer thread passes through). */
void pgb_build_once(build *b, int32_t **entry_of_event)
{
    program *p = b->p;
    const bool *once = b->fn_once = once_fns(b);
    bool *r = b->entry_once = FL_NEW_ARRAY(b->A, bool, p->nentries + 1);
    bool *seen = fl_xcalloc(p->nentries + 1, sizeof *seen);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t e = 0; e < a->nevents; e++) {
            int32_t k = entry_of_event[u][e];
            if (k < 0)
                continue;
            bool o = (a->events[e].once || once[pg_id(p, u, a->events[e].fn)]) && !a->events[e].in_loop;
            r[k] = seen[k] ? r[k] && o : o;
            seen[k] = true;
        }
    }
    free(seen);
}

/* Threads started by threads: what an entry starts runs beside whatever the entry runs beside
   (and what that starts), and an entry that overlaps itself starts two instances of each of
   its own. With o the overlaps (an entry's own on the diagonal) and s* the nesting with each
   entry itself: a and b overlap when s*(k1, a), o(k1, k2) and s*(k2, b) for some k1, k2. Cubic
   in the entries, and only for programs where threads start threads. */
static void nested_overlap(program *p, bool *overlap, bool strong, const bool *once)
{
    uint32_t ne = p->nentries;
    const bool *st = strong ? p->starts_strong : p->starts_entry;
    bool any = false;
    for (size_t i = 0; i < (size_t)ne * ne && !any; i++)
        any = st[i];
    if (!any)
        return;
    /* t(k1, b): k1 overlaps b or an entry that starts b */
    bool *t = fl_xcalloc((size_t)ne * ne + 1, 1);
    for (uint32_t k1 = 0; k1 < ne; k1++)
        for (uint32_t k2 = 0; k2 < ne; k2++) {
            /* an entry and one it starts "overlap" from the spawn on: that is not two instances */
            bool o = k1 == k2 ? (strong ? p->threads[k1].overlaps_itself_strong : p->threads[k1].overlaps_itself)
                              : overlap[(size_t)k1 * ne + k2] && !st[(size_t)k1 * ne + k2] && !st[(size_t)k2 * ne + k1];
            if (!o)
                continue;
            t[(size_t)k1 * ne + k2] = true;
            for (uint32_t c = 0; c < ne; c++)
                if (st[(size_t)k2 * ne + c])
                    t[(size_t)k1 * ne + c] = true;
        }
    for (uint32_t a = 0; a < ne; a++)
        for (uint32_t k1 = 0; k1 < ne; k1++) {
            if (k1 != a && !st[(size_t)k1 * ne + a])
                continue;
            for (uint32_t c = 0; c < ne; c++) {
                if (!t[(size_t)k1 * ne + c])
                    continue;
                if (c != a)
                    overlap[(size_t)a * ne + c] = true;
                else if (once[a])
                    continue; /* a second instance of its starter does not start a second one */
                else if (strong)
                    p->threads[a].overlaps_itself_strong = true;
                else
                    p->threads[a].overlaps_itself = true;
            }
        }
    free(t);
}

void pgb_build_par(build *b)
{
    program *p = b->p;
    uint32_t nw = b->nw_ent, ne = p->nentries;
    p->par = FL_NEW_ARRAY(b->A, fl_word *, p->nfns);
    p->par_strong = FL_NEW_ARRAY(b->A, fl_word *, p->nfns);
    for (uint32_t id = 0; id < p->nfns; id++) {
        p->par[id] = FL_NEW_ARRAY(b->A, fl_word, nw);
        p->par_strong[id] = FL_NEW_ARRAY(b->A, fl_word, nw);
    }
    p->par_call = FL_NEW_ARRAY(b->A, const ast_node *, (size_t)p->nfns * ne);
    p->par_from = FL_NEW_ARRAY(b->A, uint32_t, (size_t)p->nfns * ne);
    p->par_call_strong = FL_NEW_ARRAY(b->A, const ast_node *, (size_t)p->nfns * ne);
    p->par_from_strong = FL_NEW_ARRAY(b->A, uint32_t, (size_t)p->nfns * ne);
    fl_word *run = FL_NEW_ARRAY(b->A, fl_word, nw);
    const acc_conds *side = p->side_facts = side_tls_facts(b);
    uint8_t **pruned = side ? prune_edges(b, side) : NULL;
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t k = 0; k < a->ncalls; k++) {
            const acc_call *c = &a->calls[k];
            if (!c->run || (side && pg_conds_contradict(&c->conds, side)))
                continue;
            uint32_t from = pg_id(p, u, c->fn);
            pg_running_entries(p, from, c->run, run);
            if (fl_bs_empty(run, nw))
                continue;
            uint8_t weak;
            uint32_t nt;
            const uint32_t *ts = pgb_targets_of(b, u, k, &nt, &weak);
            for (uint32_t i = 0; i < nt; i++) {
                uint32_t t = ts[i];
                for (uint32_t k = 0; k < ne; k++) {
                    /* the entry itself too: `main` doing its share (`worker(&a[0])`) while the
                       thread it started runs `worker(&a[1])` */
                    if (!fl_bs_test(run, k))
                        continue;
                    if (!weak && !fl_bs_test(p->par_strong[t], k)) {
                        fl_bs_set(p->par_strong[t], k);
                        p->par_call_strong[(size_t)t * ne + k] = c->call;
                        p->par_from_strong[(size_t)t * ne + k] = from;
                    }
                    if (fl_bs_test(p->par[t], k))
                        continue;
                    fl_bs_set(p->par[t], k);
                    p->par_call[(size_t)t * ne + k] = c->call;
                    p->par_from[(size_t)t * ne + k] = from;
                }
            }
        }
    }
    propagate(p, b->edge_end, pruned, p->par, false, p->par_call, p->par_from);
    propagate(p, b->edge_end, pruned, p->par_strong, true, p->par_call_strong, p->par_from_strong);
}

/* Which entries run twice at once, and which pairs run at once: an entry spawned while another
   (or itself) may be running; with every edge, or with strong ones only. */
void pgb_build_order(build *b, int32_t **entry_of_event, bool strong)
{
    program *p = b->p;
    uint32_t ne = p->nentries, nw = b->nw_ent;
    bool *overlap = FL_NEW_ARRAY(b->A, bool, ne ? ne * ne : 1);
    if (strong)
        p->overlap_strong = overlap;
    else
        p->overlap = overlap;
    const bool *fn_once = b->fn_once;
    fl_word **par = strong ? p->par_strong : p->par;
    fl_word *run = FL_NEW_ARRAY(b->A, fl_word, nw);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t e = 0; e < a->nevents; e++) {
            int32_t k2 = entry_of_event[u][e];
            if (k2 < 0)
                continue;
            uint32_t f = pg_id(p, u, a->events[e].fn);
            pg_running_entries(p, f, a->events[e].before, run);
            /* what the function's earlier calls of a wrapper hiding its thread left running */
            for (uint32_t h = 0; a->events[e].before && h < a->nevents; h++)
                if (b->hidden_entries[u][h] && a->events[h].fn == a->events[e].fn &&
                    fl_bs_test(a->events[e].before, run_bit_r(a->events[h].bit)))
                    fl_bs_union(run, b->hidden_entries[u][h], nw);
            for (uint32_t k1 = 0; k1 < ne; k1++) {
                if (k1 == (uint32_t)k2 && (a->events[e].once || fn_once[f]) && !a->events[e].in_loop)
                    continue; /* run once per program: never a second instance (unless a loop
                                 in the once code starts several) */
                if (pg_conds_contradict(&p->threads[k1].facts, &p->threads[k2].facts))
                    continue; /* started under opposite values of a mode flag: never both */
                const fl_word *reach = strong ? p->threads[k1].reach_strong : p->threads[k1].reach;
                bool runs = fl_bs_test(run, k1) || fl_bs_test(par[f], k1) || fl_bs_test(reach, f);
                if (!runs)
                    continue;
                if (k1 == (uint32_t)k2) {
                    if (strong)
                        p->threads[k1].overlaps_itself_strong = true;
                    else
                        p->threads[k1].overlaps_itself = true;
                } else {
                    overlap[k1 * ne + (uint32_t)k2] = overlap[(uint32_t)k2 * ne + k1] = true;
                }
            }
        }
    }
    nested_overlap(p, overlap, strong, b->entry_once);
}
