/* program_flags.c - what flags say of a program's threads: the mode flags their spawns saw, the
 * thread-specific keys they never set, and the flags known at each function's entry in each
 * thread (see program_impl.h; the flags themselves are facts/flags.h's). */
#include "program_impl.h"

#include <string.h>

/* Does a call or spawn made where `c` holds contradict facts f (a flag the one says is zero, the
   other non-zero)? */
bool pg_conds_contradict(const acc_conds *c, const acc_conds *f)
{
    for (uint32_t i = 0; i < c->n; i++)
        for (uint32_t j = 0; j < f->n; j++)
            if (c->c[i].nonzero != f->c[j].nonzero && strcmp(c->c[i].key, f->c[j].key) == 0)
                return true;
    return false;
}

/* The thread-specific keys ("t:<key>") the facts of some call or access name, each once: in
   `names`, and in `ids` by their index there. */
void pgb_tls_keys_named(const program *p, fl_strmap *ids, pgb_key_vec *names)
{
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t k = 0; k < a->ncalls + a->naccs; k++) {
            const acc_conds *c = k < a->ncalls ? &a->calls[k].conds : &a->accs[k - a->ncalls].conds;
            for (uint32_t i = 0; i < c->n; i++) {
                const char *key = c->c[i].key;
                uint32_t v;
                if (key[0] == 't' && key[1] == ':' && !fl_strmap_get(ids, key, &v)) {
                    fl_strmap_put(ids, key, (uint32_t)names->len);
                    fl_vec_push(names, key);
                }
            }
        }
    }
}

/* The variable a flag key is of: "g:cfg.threads" for the pseudo-flag "g:cfg.threads==1"
   (facts/access.c's keys), the key itself otherwise. */
static const char *base_key(fl_arena *A, const char *key)
{
    const char *eq = strstr(key, "==");
    return eq ? fl_arena_strndup(A, key, (size_t)(eq - key)) : key;
}

/* The length of flag `key`'s variable part: all of it, or the "var" of pseudo-flag "var==C". */
static size_t flag_var_len(const char *key)
{
    const char *eq = strstr(key, "==");
    return eq ? (size_t)(eq - key) : strlen(key);
}

/* Is `var` (a variable's key) the variable of a flag whose key starts with it, n long
   (flag_var_len)? Without making the base key. */
static bool flag_of_var(const char *var, const char *key, size_t n)
{
    return strncmp(var, key, n) == 0 && var[n] == '\0';
}

/* ---- facts at each function's entry, per thread ---------------------------------------------- */

/* Per thread, the flags known at each function's entry: what every call that enters it in that
   thread says, its caller's branches and its caller's own entry facts (`if (io_op == OP_READ)
   read_query(c);` enters read_query with io_op non-zero, and its `if (io_op != OP_IDLE) return;`
   then returns). A call whose facts contradict (`io_op` zero there) is not made in that thread.
   A flag a function writes, or that a loop's condition polls (`while (!stop)`: it changes while
   the thread runs), is not carried through it. A must problem over the thread's calls: facts
   only shrink, each function's at most once per fact, so the work is the calls times the
   facts. */
/* Flags a thread writes, kept apart: past this many, the thread keeps none of its callers' facts. */
#define TW_MAX 64

typedef struct entry_facts {
    acc_conds *at;       /* per program function: the facts on entry (valid where seen[f]) */
    bool *seen;
    uint32_t *via;       /* per function: the caller that first reached it */
    uint32_t *wfirst;    /* per function: its written flag keys are wkeys[wfirst[f] .. wfirst[f + 1]) */
    const char **wkeys;
    fl_strmap polled;
    const char *twrites[TW_MAX]; /* the flags the thread being followed writes (note_thread_writes) */
    uint32_t ntw;
    bool tw_all;         /* ... more than TW_MAX of them: take it to write every flag */
    acc_conds **fconds;  /* per unit, per call: its conds without the flags a loop polls */
    fl_u32_vec stack;
    fl_arena *A;
} entry_facts;

static void ef_setup(build *b, entry_facts *ef, const fl_strmap *tested)
{
    program *p = b->p;
    ef->A = b->A;
    ef->at = FL_NEW_ARRAY(b->A, acc_conds, p->nfns + 1);
    ef->seen = FL_NEW_ARRAY(b->A, bool, p->nfns + 1);
    ef->via = FL_NEW_ARRAY(b->A, uint32_t, p->nfns + 1);
    ef->wfirst = FL_NEW_ARRAY(b->A, uint32_t, p->nfns + 2);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t i = 0; i < a->npolled; i++)
            fl_strmap_put(&ef->polled, a->polled[i], 1);
    }
    /* each call's facts without the polled flags, once for every thread */
    ef->fconds = FL_NEW_ARRAY(b->A, acc_conds *, p->nunits + 1);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        ef->fconds[u] = FL_NEW_ARRAY(b->A, acc_conds, a->ncalls + 1);
        for (uint32_t k = 0; k < a->ncalls; k++) {
            const acc_conds *c = &a->calls[k].conds;
            uint32_t keep = 0, v;
            for (uint32_t i = 0; i < c->n; i++)
                keep += !fl_strmap_get(&ef->polled, base_key(b->A, c->c[i].key), &v);
            if (keep == c->n) {
                ef->fconds[u][k] = *c;
                continue;
            }
            acc_cond *f = keep ? FL_NEW_ARRAY(b->A, acc_cond, keep) : NULL;
            keep = 0;
            for (uint32_t i = 0; i < c->n; i++)
                if (!fl_strmap_get(&ef->polled, base_key(b->A, c->c[i].key), &v))
                    f[keep++] = c->c[i];
            ef->fconds[u][k] = (acc_conds){f, keep};
        }
    }
    /* the flags each function writes: counted, then placed */
    uint32_t v;
    for (int pass = 0; pass < 2; pass++) {
        uint32_t *fill = pass ? FL_NEW_ARRAY(b->A, uint32_t, p->nfns + 1) : NULL;
        for (uint32_t u = 0; u < p->nunits; u++) {
            const acc_unit *a = p->units[u].acc;
            for (uint32_t i = 0; i < a->naccs; i++) {
                const acc_access *x = &a->accs[i];
                if (!x->write || !fl_strmap_get(tested, x->loc, &v))
                    continue;
                uint32_t f = pg_id(p, u, x->fn);
                if (!pass)
                    ef->wfirst[f + 1]++;
                else
                    ef->wkeys[ef->wfirst[f] + fill[f]++] = x->loc;
            }
        }
        if (!pass) {
            for (uint32_t f = 0; f < p->nfns; f++)
                ef->wfirst[f + 1] += ef->wfirst[f];
            ef->wkeys = FL_NEW_ARRAY(b->A, const char *, ef->wfirst[p->nfns] + 1);
        }
    }
}

static void ef_free(entry_facts *ef)
{
    fl_strmap_free(&ef->polled);
    fl_vec_free(&ef->stack);
}

static bool writes_flag(const entry_facts *ef, uint32_t f, const char *key)
{
    size_t n = ef->wfirst[f] < ef->wfirst[f + 1] ? flag_var_len(key) : 0;
    for (uint32_t i = ef->wfirst[f]; i < ef->wfirst[f + 1]; i++)
        if (flag_of_var(ef->wkeys[i], key, n))
            return true;
    return false;
}

bool pg_conds_have(const acc_cond *c, uint32_t n, const acc_cond *x)
{
    for (uint32_t i = 0; i < n; i++)
        if (c[i].nonzero == x->nonzero && strcmp(c[i].key, x->key) == 0)
            return true;
    return false;
}

/* Keep of *at only what c[0..n) says too; false when that is all of it already. */
static bool conds_meet(fl_arena *A, acc_conds *at, const acc_cond *c, uint32_t n)
{
    uint32_t keep = 0;
    for (uint32_t k = 0; k < at->n; k++)
        keep += pg_conds_have(c, n, &at->c[k]);
    if (keep == at->n)
        return false;
    acc_cond *both = keep ? FL_NEW_ARRAY(A, acc_cond, keep) : NULL;
    keep = 0;
    for (uint32_t k = 0; k < at->n; k++)
        if (pg_conds_have(c, n, &at->c[k]))
            both[keep++] = at->c[k];
    *at = (acc_conds){both, keep};
    return true;
}

/* Does the thread being followed write the flag of `key` somewhere (ef->twrites)? Then what its
   caller said of it may not hold past a call: `if (mode) h();` where h calls set_idle() before
   g() tests `mode` again. */
static bool thread_writes(const entry_facts *ef, const char *key)
{
    if (ef->tw_all)
        return true;
    size_t n = ef->ntw ? flag_var_len(key) : 0;
    for (uint32_t i = 0; i < ef->ntw; i++)
        if (flag_of_var(ef->twrites[i], key, n))
            return true;
    return false;
}

/* The flags the functions of a thread's (first, unpruned) reach write, into ef->twrites. */
static void note_thread_writes(const program *p, entry_facts *ef, const fl_word *reach)
{
    ef->ntw = 0;
    ef->tw_all = false;
    for (uint32_t f = 0; f < p->nfns; f++)
        if (fl_bs_test(reach, f))
            for (uint32_t i = ef->wfirst[f]; i < ef->wfirst[f + 1]; i++) {
                bool seen = false;
                for (uint32_t j = 0; j < ef->ntw && !seen; j++)
                    seen = strcmp(ef->twrites[j], ef->wkeys[i]) == 0;
                if (!seen && ef->ntw < TW_MAX)
                    ef->twrites[ef->ntw++] = ef->wkeys[i];
                else if (!seen)
                    ef->tw_all = true;
            }
}

/* f's entry facts that neither f nor the thread changes: what holds at each of its calls.
   Into out (scratch, at most max). */
static uint32_t kept_facts(const entry_facts *ef, uint32_t f, acc_cond *out, uint32_t max)
{
    uint32_t k = 0;
    const acc_conds *in = &ef->at[f];
    for (uint32_t i = 0; i < in->n && k < max; i++)
        /* (polled flags never get here: the calls' facts are without them, and spawns' are of
           flags that keep their value) */
        if (!writes_flag(ef, f, in->c[i].key) && !thread_writes(ef, in->c[i].key))
            out[k++] = in->c[i];
    return k;
}

/* The facts a call makes with: its own, and its function's kept facts (kept_facts); false when
   they contradict (the call is not made). Into out (scratch, at most max). */
static bool call_facts(const acc_conds *call, const acc_cond *kept, uint32_t nkept, acc_cond *out, uint32_t max,
                       uint32_t *n)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < call->n && k < max; i++)
        out[k++] = call->c[i];
    for (uint32_t i = 0; i < nkept && k < max; i++) {
        const acc_cond *x = &kept[i];
        acc_cond flip = {x->key, !x->nonzero};
        if (pg_conds_have(out, k, &flip))
            return false;
        if (!pg_conds_have(out, k, x))
            out[k++] = *x;
    }
    *n = k;
    return true;
}

/* A thread's reach (strong: through strong calls only) from its function, under the facts its
   spawns give it and those its calls make on the way; the facts at each function's entry are
   kept in th->known[strong]. */
static void reach_with_facts(build *b, entry_facts *ef, pg_thread *th, bool strong)
{
    program *p = b->p;
    const uint32_t *first = b->cfirst, *cu = b->cu, *ck = b->ck;
    fl_word *reach = strong ? th->reach_strong : th->reach;
    fl_bs_zero(reach, b->nw_fn);
    memset(ef->seen, 0, p->nfns * sizeof *ef->seen);
    fl_bs_set(reach, th->fn);
    ef->seen[th->fn] = true;
    ef->via[th->fn] = th->fn;
    ef->at[th->fn] = th->facts;
    fl_vec_push(&ef->stack, th->fn);
    acc_cond scratch[32], kept[64];
    while (ef->stack.len) {
        uint32_t from = ef->stack.items[--ef->stack.len];
        uint32_t nkept = first[from] < first[from + 1] ? kept_facts(ef, from, kept, 64) : 0;
        for (uint32_t i = first[from]; i < first[from + 1]; i++) {
            const acc_call *c = &p->units[cu[i]].acc->calls[ck[i]];
            const acc_conds *fc = &ef->fconds[cu[i]][ck[i]];
            uint32_t nf = 0;
            if (pg_conds_contradict(&c->conds, &th->facts) ||
                ((fc->n || ef->at[from].n) && !call_facts(fc, kept, nkept, scratch, 32, &nf)))
                continue;
            uint8_t weak;
            uint32_t nt;
            const uint32_t *ts = pgb_targets_of(b, cu[i], ck[i], &nt, &weak);
            for (uint32_t j = 0; j < nt; j++) {
                uint32_t to = ts[j];
                if (strong && weak)
                    continue;
                if (ef->seen[to] && !ef->at[to].n)
                    continue; /* nothing left to lose */
                if (!ef->seen[to]) {
                    ef->seen[to] = true;
                    ef->via[to] = from;
                    fl_bs_set(reach, to);
                    ef->at[to] = (acc_conds){nf ? fl_arena_memdup(b->A, scratch, nf * sizeof *scratch) : NULL, nf};
                    fl_vec_push(&ef->stack, to);
                    continue;
                }
                /* what both say */
                if (conds_meet(b->A, &ef->at[to], scratch, nf))
                    fl_vec_push(&ef->stack, to);
            }
        }
    }
    /* keep the facts of the functions that have some, sorted by function */
    pg_entry *e = &th->known[strong];
    uint32_t n = 0;
    for (uint32_t f = 0; f < p->nfns; f++)
        n += ef->seen[f] && ef->at[f].n;
    e->n = n;
    /* how each function was first reached, for the reports' paths: the call that reached it was
       made under facts that only grew fewer, so it is still made */
    if (strong && n) {
        th->via_strong = FL_NEW_ARRAY(b->A, uint32_t, p->nfns + 1);
        for (uint32_t f = 0; f < p->nfns; f++)
            th->via_strong[f] = ef->seen[f] ? ef->via[f] : UINT32_MAX;
    }
    e->fn = n ? FL_NEW_ARRAY(b->A, uint32_t, n) : NULL;
    e->facts = n ? FL_NEW_ARRAY(b->A, acc_conds, n) : NULL;
    n = 0;
    for (uint32_t f = 0; f < p->nfns; f++)
        if (ef->seen[f] && ef->at[f].n) {
            e->fn[n] = f;
            e->facts[n++] = ef->at[f];
        }
}

/* What every call of each function says of the flags on entry to it, whoever makes it: the
   constants all its calls pass for parameters it tests (`log_line(1)` everywhere), with the
   flags each caller tested. A function some call reaches without saying (through a pointer,
   with a variable) gets none; so do thread entries and uncalled functions. */
void pgb_build_called_with(build *b)
{
    program *p = b->p;
    acc_conds *w = p->called_with = FL_NEW_ARRAY(b->A, acc_conds, p->nfns + 1);
    bool *seen = FL_NEW_ARRAY(b->A, bool, p->nfns + 1);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t k = 0; k < a->ncalls; k++) {
            const acc_call *c = &a->calls[k];
            uint8_t weak;
            uint32_t nt;
            const uint32_t *ts = pgb_targets_of(b, u, k, &nt, &weak);
            for (uint32_t j = 0; j < nt; j++) {
                uint32_t t = ts[j];
                if (!seen[t]) {
                    seen[t] = true;
                    w[t] = p->entry_of[t] >= 0 ? (acc_conds){NULL, 0} : c->conds;
                    continue;
                }
                conds_meet(b->A, &w[t], c->conds.c, c->conds.n);
            }
        }
    }
}

const acc_conds *pg_entry_facts(const program *p, uint32_t k, uint32_t fn, bool strong)
{
    const pg_entry *e = &p->threads[k].known[strong];
    uint32_t lo = 0, hi = e->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (e->fn[mid] < fn)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < e->n && e->fn[lo] == fn ? &e->facts[lo] : NULL;
}

/* Mode flags: a thread started where a flag that keeps its value while threads run was tested
   (`else if (!aio) spawn(uring_fn)`) does not take the branches of the code it runs that test it
   the other way (`if (aio) setup_aio(s)` in the setup every thread calls): its reach is found
   again, without the calls made only there. A flag keeps its value when every write to it is in
   `main` before it starts a thread, or while no other thread exists (facts/access.h regions). */
void pgb_prune_by_flags(build *b, int32_t **entry_of_event, pg_thread *th, uint32_t nth)
{
    program *p = b->p;
    fl_strmap unstable = {0}, tested = {0}, tls = {0};
    bool any = false;
    pgb_key_vec tls_keys = {0}; /* thread-specific keys some call's or access's facts name */
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        /* (the variable of a pseudo-flag "v==C" too: its writes are v's) */
        for (uint32_t e = 0; e < a->nevents; e++) {
            for (uint32_t i = 0; i < a->events[e].conds.n; i++, any = true)
                fl_strmap_put(&tested, base_key(b->A, a->events[e].conds.c[i].key), 1);
            any |= a->events[e].arg_facts.n > 0; /* (what spawns' arguments say: arg_seen) */
        }
        /* and the flags of calls, which a thread's calls carry to their callees */
        for (uint32_t k = 0; k < a->ncalls; k++)
            for (uint32_t i = 0; i < a->calls[k].conds.n; i++, any = true)
                fl_strmap_put(&tested, base_key(b->A, a->calls[k].conds.c[i].key), 1);
    }
    pgb_tls_keys_named(p, &tls, &tls_keys);
    if (!any && !tls_keys.len) {
        fl_strmap_free(&tested);
        fl_strmap_free(&tls);
        return;
    }
    /* who sets each thread-specific key (to something that may not be NULL) */
    fl_word **setters = FL_NEW_ARRAY(b->A, fl_word *, tls_keys.len + 1);
    for (uint32_t id = 0; id < p->nfns && tls_keys.len; id++) {
        const acc_fn *af = &p->units[p->fns[id].unit].acc->fns[p->fns[id].index];
        for (uint32_t i = 0; i < af->ntls_sets; i++) {
            uint32_t t;
            if (!fl_strmap_get(&tls, af->tls_sets[i], &t))
                continue;
            if (!setters[t])
                setters[t] = FL_NEW_ARRAY(b->A, fl_word, b->nw_fn);
            fl_bs_set(setters[t], id);
        }
    }
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t i = 0; i < a->naccs; i++) {
            const acc_access *x = &a->accs[i];
            uint32_t v;
            if (!x->write || !fl_strmap_get(&tested, x->loc, &v))
                continue;
            bool in_main = strcmp(a->tu->funcs[x->fn]->name, "main") == 0 && !x->after_start;
            if (!in_main && !(x->region & ACC_SINGLE))
                fl_strmap_put(&unstable, x->loc, 1);
        }
    }
    entry_facts ef = {0};
    ef_setup(b, &ef, &tested);
    for (uint32_t t = 0; t < nth; t++) {
        /* the facts of every spawn of this entry, on flags that keep their value; what every
           spawn's argument says (arg_all), and what any one's says (arg_seen) */
        FL_VEC(acc_cond) facts = {0};
        FL_VEC(acc_cond) seen = {0}, all = {0};
        bool first_spawn = true;
        for (uint32_t u = 0; u < p->nunits; u++) {
            const acc_unit *a = p->units[u].acc;
            for (uint32_t e = 0; e < a->nevents; e++) {
                if (entry_of_event[u][e] != (int32_t)t)
                    continue;
                const acc_conds *c = &a->events[e].conds, *g = &a->events[e].arg_facts;
                uint32_t v;
                for (uint32_t i = 0; i < g->n; i++)
                    if (!pg_conds_have(seen.items, (uint32_t)seen.len, &g->c[i]))
                        fl_vec_push(&seen, g->c[i]);
                if (first_spawn) {
                    /* the spawner's own thread-specific values are not the thread's */
                    for (uint32_t i = 0; i < c->n; i++)
                        if (!fl_strmap_get(&unstable, base_key(b->A, c->c[i].key), &v) && c->c[i].key[0] != 't')
                            fl_vec_push(&facts, c->c[i]);
                    for (uint32_t i = 0; i < g->n; i++)
                        fl_vec_push(&all, g->c[i]);
                    first_spawn = false;
                    continue;
                }
                size_t keep = 0;
                for (size_t j = 0; j < facts.len; j++)
                    if (pg_conds_have(c->c, c->n, &facts.items[j]))
                        facts.items[keep++] = facts.items[j];
                facts.len = keep;
                keep = 0;
                for (size_t j = 0; j < all.len; j++)
                    if (pg_conds_have(g->c, g->n, &all.items[j]))
                        all.items[keep++] = all.items[j];
                all.len = keep;
            }
        }
        /* a thread that sets a thread-specific key nowhere it runs gets NULL for it */
        for (size_t k = 0; k < tls_keys.len; k++) {
            bool sets = false;
            for (uint32_t w = 0; setters[k] && w < b->nw_fn && !sets; w++)
                sets = (setters[k][w] & th[t].reach[w]) != 0;
            if (!sets) {
                acc_cond z = {tls_keys.items[k], false};
                fl_vec_push(&facts, z);
            }
        }
        acc_conds f = {facts.len ? fl_arena_memdup(b->A, facts.items, facts.len * sizeof *facts.items) : NULL,
                       (uint32_t)facts.len};
        th[t].facts = f;
        th[t].arg_seen = (acc_conds){seen.len ? fl_arena_memdup(b->A, seen.items, seen.len * sizeof *seen.items) : NULL,
                                     (uint32_t)seen.len};
        th[t].arg_all = (acc_conds){all.len ? fl_arena_memdup(b->A, all.items, all.len * sizeof *all.items) : NULL,
                                    (uint32_t)all.len};
        fl_vec_free(&seen);
        fl_vec_free(&all);
        note_thread_writes(p, &ef, th[t].reach_strong);
        for (int strong = 0; strong < 2; strong++)
            reach_with_facts(b, &ef, &th[t], strong);
        fl_vec_free(&facts);
    }
    ef_free(&ef);
    fl_vec_free(&tls_keys);
    fl_strmap_free(&tls);
    fl_strmap_free(&unstable);
    fl_strmap_free(&tested);
}

