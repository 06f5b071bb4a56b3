/* guarded_by.c - GUARDED_BY proposals from the locks held at accesses (see suggest.h). */
#include "suggest.h"
#include "edits.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/strmap.h"
#include "../base/vec.h"
#include "../base/xalloc.h"
#include "../diag/diag.h"
#include "../facts/guards.h"
#include "../ir/lvalue.h"

#define MAX_EXCEPTIONS 5

typedef struct cand {
    const char *lock;     /* "f:mu" / "g:stats_mutex" */
    uint32_t support;     /* accesses holding it */
    uint32_t chances;     /* accesses in functions that lock it */
    uint32_t writes;      /* writes holding it: a lock no write holds guards nothing */
} cand;

typedef struct decl {
    const gd_access *first;
    FL_VEC(const gd_access *) acc;
    bool annotated;
} decl;

static cand *tally(decl *d, uint32_t *ncand)
{
    FL_VEC(cand) cs = {0};
    for (size_t i = 0; i < d->acc.len; i++) {
        const gd_access *a = d->acc.items[i];
        for (uint32_t t = 0; t < a->ntaken; t++) {
            cand *c = NULL;
            for (size_t k = 0; k < cs.len && !c; k++)
                if (!strcmp(cs.items[k].lock, a->taken[t]))
                    c = &cs.items[k];
            if (!c) {
                fl_vec_push(&cs, ((cand){a->taken[t], 0, 0, 0}));
                c = &cs.items[cs.len - 1];
            }
            c->chances++;
            for (uint32_t h = 0; h < a->nheld; h++)
                if (!strcmp(a->held[h], a->taken[t])) {
                    c->support++;
                    c->writes += a->write;
                }
        }
    }
    *ncand = (uint32_t)cs.len;
    return cs.items;
}

static bool holds(const gd_access *a, const char *lock, bool held)
{
    const char **arr = held ? a->held : a->taken;
    uint32_t n = held ? a->nheld : a->ntaken;
    for (uint32_t i = 0; i < n; i++)
        if (!strcmp(arr[i], lock))
            return true;
    return false;
}

static const char *what(const gd_access *a, char *buf, size_t n)
{
    if (a->record)
        snprintf(buf, n, "%s`%s` of `%s`%s", a->pointee ? "what " : "", a->name, a->record,
                 a->pointee ? " points to" : "");
    else
        snprintf(buf, n, "%s`%s`%s", a->pointee ? "what " : "", a->name, a->pointee ? " points to" : "");
    return buf;
}

/* The annotation a proposal for a's declaration makes. */
static const char *kind(const gd_access *a)
{
    return a->pointee ? "PT_GUARDED_BY" : "GUARDED_BY";
}

/* ---- the edit ------------------------------------------------------------------------------- */

/* Where the declaration `name` written at sp can take an annotation after its name: the text there
   is the name, and a `;`, `=` or `,` follows (not an array, a bit-field, a function pointer's
   declarator, nor a field a macro declares). */
static bool annotatable(const char *text, size_t len, fl_span sp, const char *name, const ast_type *type)
{
    size_t n = strlen(name);
    if (!text || sp.end > len || sp.end - sp.begin != n || memcmp(text + sp.begin, name, n) != 0)
        return false;
    const ast_type *t = ast_type_strip((ast_type *)type);
    if (t && (t->kind == TYPE_ARRAY || t->kind == TYPE_FUNCTION))
        return false;
    size_t i = sp.end;
    while (i < len && (text[i] == ' ' || text[i] == '\t'))
        i++;
    return i < len && (text[i] == ';' || text[i] == '=' || text[i] == ',');
}

/* Attach the edit that annotates the declaration (and includes fearless.h once per file, where the
   file does not yet), when the declaration's text allows it. */
static void add_edit(diag *g, const gd_access *f, const char *lock, diag_sink *sink, fl_u32_vec *included)
{
    fl_srcmap *sm = diag_sink_srcmap(sink);
    size_t len = 0;
    const char *text = fl_span_valid(f->decl_span) ? fl_srcmap_text(sm, f->decl_span.file, &len) : NULL;
    if (!annotatable(text, len, f->decl_span, f->name, f->type))
        return;
    char repl[512];
    snprintf(repl, sizeof repl, "%s FL_%s(%s)", f->name, kind(f), lock);
    diag_help_replace(g, f->decl_span, repl, "annotate it: `%s`", repl);
    sg_include_edit(g, f->decl_span.file, text, len, included);
}

/* A proposal: a declaration and its lock. */
typedef struct proposal {
    decl *d;
    cand c;
} proposal;



/* Proposals that share one place of declaration (fields a macro declares, all at its use) and one
   lock are one diagnostic. */
static void propose(const proposal *ps, size_t n, diag_sink *sink, fl_u32_vec *included)
{
    const gd_access *f = ps[0].d->first;
    char lkbuf[256];
    const char *lk = gd_lock_text(ps[0].c.lock, lkbuf, sizeof lkbuf);
    char obj[256];
    uint32_t support = 0, chances = 0;
    for (size_t i = 0; i < n; i++)
        support += ps[i].c.support, chances += ps[i].c.chances;
    diag *g;
    if (n == 1) {
        what(f, obj, sizeof obj);
        if (f->pointee)
            g = diag_new(LVL_NOTE, NULL, SUGGEST_CHECK, "%s is guarded by `%s`: annotate `%s` PT_GUARDED_BY(%s)", obj,
                         lk, f->name, lk);
        else
            g = diag_new(LVL_NOTE, NULL, SUGGEST_CHECK, "%s is guarded by `%s`: annotate it GUARDED_BY(%s)", obj, lk,
                         lk);
    } else {
        fl_strbuf names = {0};
        for (size_t i = 0; i < n; i++)
            fl_sb_printf(&names, "%s`%s`", i ? (i + 1 == n ? " and " : ", ") : "", ps[i].d->first->name);
        g = diag_new(LVL_NOTE, NULL, SUGGEST_CHECK, "%s%s%s%s%s are guarded by `%s`: annotate them %s(%s)",
                     f->pointee ? "what " : "", fl_sb_str(&names), f->record ? " of `" : "", f->record ? f->record : "",
                     f->record ? (f->pointee ? "` point to" : "`") : (f->pointee ? " point to" : ""), lk, kind(f),
                     lk);
        fl_sb_free(&names);
    }
    diag_primary(g, f->decl_span, "%u of %u accesses in functions that lock `%s` hold %s", support, chances, lk,
                 n == 1 ? "it" : "them");
    uint32_t shown = 0, outside = 0;
    for (size_t p = 0; p < n; p++)
        for (size_t i = 0; i < ps[p].d->acc.len; i++) {
            const gd_access *a = ps[p].d->acc.items[i];
            const cand *c = &ps[p].c;
            /* held, or handed to a callee: not an access the checks will report */
            if (holds(a, c->lock, true) || a->by_address)
                continue;
            if (!holds(a, c->lock, false)) {
                /* a function that never locks it: its callers may hold it */
                if (outside++ < MAX_EXCEPTIONS)
                    diag_note_at(g, a->at->span,
                                 "%s`%s`%s %s here in `%s`, which never locks `%s`: unless every caller holds it "
                                 "(REQUIRES(%s) on `%s`), another likely bug",
                                 a->pointee ? "what " : "", a->name, a->pointee ? " points to" : "",
                                 a->write ? "written" : "read", a->fn, lk, lk, a->fn);
                continue;
            }
            if (shown++ < MAX_EXCEPTIONS)
                diag_note_at(g, a->at->span,
                             "%s`%s`%s %s here without `%s` in `%s`, which locks it elsewhere: the likely bug",
                             a->pointee ? "what " : "", a->name, a->pointee ? " points to" : "",
                             a->write ? "written" : "read", lk, a->fn);
        }
    if (shown > MAX_EXCEPTIONS)
        diag_note(g, "and %u more accesses without `%s` in functions that lock it", shown - MAX_EXCEPTIONS, lk);
    if (outside > MAX_EXCEPTIONS)
        diag_note(g, "and %u more in functions that never lock `%s`", outside - MAX_EXCEPTIONS, lk);
    diag_help(g, "declare %s with %s(%s) (fearless.h), or with the project's own macro for Clang's %s",
              n == 1 ? "it" : "each", kind(f), lk, f->pointee ? "pt_guarded_by" : "guarded_by");
    if (n == 1)
        add_edit(g, f, lk, sink, included);
    diag_sink_add(sink, g);
}

static void why_not(decl *d, const char *reason, const char *lock, diag_sink *sink)
{
    char obj[256], lk[256];
    diag *g = diag_new(LVL_NOTE, NULL, SUGGEST_CHECK, "no GUARDED_BY for %s: %s%s%s%s", what(d->first, obj, sizeof obj),
                       reason, lock ? " `" : "", lock ? gd_lock_text(lock, lk, sizeof lk) : "", lock ? "`" : "");
    diag_primary(g, d->first->decl_span, NULL);
    diag_sink_add(sink, g);
}

/* The lock to propose for d (copied to *out), or false. `shared`: the records some unit allocates
   or holds in a global. */
static bool judge(decl *d, const fl_strmap *shared, cand *out, diag_sink *sink, bool verbose)
{
    if (d->annotated)
        return false; /* the contract is written: unguarded-access checks it */
    if (gd_self_synchronized(d->first->type)) {
        if (verbose && d->acc.len > 1)
            why_not(d, "its type synchronizes itself (it holds a lock, or atomic counters only), so which accesses "
                       "need a lock around it is its users' design",
                    NULL, sink);
        return false;
    }
    bool written = false;
    for (size_t i = 0; i < d->acc.len && !written; i++)
        written = d->acc.items[i]->write;
    if (!written) { /* set up before it is shared (or by an initializer), then only read */
        if (verbose && d->acc.len > 1)
            why_not(d, "it is never written once it is shared, so nothing needs to guard it", NULL, sink);
        return false;
    }
    uint32_t n;
    cand *cs = tally(d, &n);
    const cand *best = NULL;
    for (uint32_t i = 0; i < n; i++) {
        const cand *c = &cs[i];
        /* a lock no write holds guards nothing (reads under it happen to hold it): prefer one
           that some write holds */
        bool cw = c->writes > 0, bw = best && best->writes > 0;
        if (best && bw && !cw)
            continue;
        if (!best || (cw && !bw) || c->support > best->support ||
            (c->support == best->support && c->chances < best->chances) ||
            (c->support == best->support && c->chances == best->chances && strcmp(c->lock, best->lock) < 0))
            best = c;
    }
    bool ok = best && best->support >= 2 &&
              best->support >= SUGGEST_AGREE_PER_EXCEPTION * (best->chances - best->support);
    uint32_t ignored;
    bool explained = false;
    uint32_t lock_file;
    if (ok && gd_static_lock_file(best->lock, &lock_file) && lock_file != d->first->decl_span.file) {
        /* a header's struct (or another file's) under a .c file's static lock: the declaration
           cannot see the lock to name it */
        if (verbose)
            why_not(d, "the declaration cannot name the lock, `static` in another file:", best->lock, sink);
        ok = false;
        explained = true;
    }
    if (ok && !best->writes) {
        /* read under the lock, but written only without it: set up before it is shared (a
           constructor, an init function), or written under something else */
        if (verbose)
            why_not(d, "no write of it holds", best->lock, sink);
        ok = false;
        explained = true;
    }
    if (ok && d->first->rec_key && best->lock[0] == 'g' && !fl_strmap_get(shared, d->first->rec_key, &ignored)) {
        /* a field under a global lock, of a record nothing allocates or keeps in a global: the
           layout of a packet or of a buffer on the stack, read while the lock happens to be held */
        if (verbose)
            why_not(d, "no object of its struct is allocated or global anywhere in the run, so nothing shares it "
                       "under",
                    best->lock, sink);
        ok = false;
        explained = true;
    }
    if (ok)
        *out = *best;
    else if (verbose && !explained && best && best->support >= 1) {
        if (best->support < 2)
            why_not(d, "one access only holds", best->lock, sink);
        else
            why_not(d, "too many accesses in functions that lock it do not hold", best->lock, sink);
    }
    free(cs);
    return ok;
}

/* ---- REQUIRES for the helpers the proposals counted through their callers ------------------------- */

typedef struct helper {
    const ast_func *fn;
    const char *expr;     /* the lock as the function names it (`s->mu`) */
    const char *guarded;  /* a declaration it touches under it, for the message; or NULL: */
    const char *via;      /* the helper it calls, which requires it (as via_expr) */
    const char *via_expr;
    const char *key;      /* fn's key and the lock in its frame (gd_call, gd_entry) */
    const char *frame;
} helper;

typedef FL_VEC(helper) helper_vec;

static int by_helper(const void *x, const void *y)
{
    const helper *a = x, *b = y;
    if (a->fn->span.file != b->fn->span.file)
        return a->fn->span.file < b->fn->span.file ? -1 : 1;
    if (a->fn->span.begin != b->fn->span.begin)
        return a->fn->span.begin < b->fn->span.begin ? -1 : 1;
    return strcmp(a->expr, b->expr);
}

/* The helper's lock is another file's `static` one: the helper's file cannot name it (its callers
   hold it for their own reasons, as vlog.c holds its log_file_mutex around a general module). */
static bool foreign_static(const helper *h)
{
    uint32_t lock_file;
    return gd_static_lock_file(h->frame, &lock_file) && lock_file != h->fn->span.file;
}

static void propose_requires(helper *hs, size_t n, diag_sink *sink, fl_u32_vec *included)
{
    if (n > 1)
        qsort(hs, n, sizeof *hs, by_helper);
    for (size_t i = 0; i < n; i++) {
        if ((i && hs[i].fn == hs[i - 1].fn && !strcmp(hs[i].expr, hs[i - 1].expr)) || !sg_writable(hs[i].expr) ||
            foreign_static(&hs[i]))
            continue;
        const helper *h = &hs[i];
        diag *g = diag_new(LVL_NOTE, NULL, SUGGEST_REQUIRES_CHECK,
                           "every call of `%s` holds `%s`: annotate it REQUIRES(%s)", h->fn->name, h->expr, h->expr);
        if (h->guarded) {
            diag_primary(g, h->fn->name_span, "`%s` touches `%s` without locking `%s` itself", h->fn->name,
                         h->guarded, h->expr);
            diag_note(g, "with GUARDED_BY on what it touches, the checks ask its callers to hold the lock instead");
        } else {
            diag_primary(g, h->fn->name_span, "`%s` calls `%s` without locking `%s` itself", h->fn->name, h->via,
                         h->expr);
            diag_note(g, "with REQUIRES(%s) on `%s`, the checks ask its callers to hold the lock instead", h->via_expr,
                      h->via);
        }
        char contract[512];
        snprintf(contract, sizeof contract, "REQUIRES(%s)", h->expr);
        sg_contract_edit(g, h->fn, contract, sink, included);
        diag_sink_add(sink, g);
    }
}

/* ---- SYNC for the records that guard themselves --------------------------------------------- */

/* Whether field f of rec is accounted for: the lock, a field that synchronizes itself or is
   const, one already annotated guarded, or one proposed guarded by a sibling (`proposed` holds
   those declarations' keys). */
static bool field_covered(fl_arena *A, const ast_type *rec, const ast_field *f, const fl_strmap *proposed)
{
    if (!f->name)
        return false; /* an unnamed member: its own fields would need the same look */
    if (gd_is_lock_type(f->type) || gd_self_synchronized(f->type) || lv_field_const(f))
        return true;
    const ast_type *t = f->type;
    for (int guard = 0; t && t->kind == TYPE_TYPEDEF && guard < 16; guard++)
        t = t->inner;
    if (t && t->kind == TYPE_ATOMIC)
        return true;
    for (uint32_t i = 0; i < f->annots.n; i++)
        if (!strncmp(f->annots.texts[i], "guarded_by:", 11))
            return true;
    uint32_t ignored;
    return fl_strmap_get(proposed, fl_arena_sprintf(A, "f:%u:%u:%s", rec->span.file, rec->span.begin, f->name),
                         &ignored);
}

/* A record with its own lock, every other field of which is guarded by a sibling lock (proposed
   or annotated) or synchronizes itself, is Sync as Rust's Mutex<T> is: propose SYNC on it. */
static void propose_sync(fl_arena *A, const proposal *ps, size_t n, diag_sink *sink, fl_u32_vec *included)
{
    fl_strmap proposed = {0}, seen = {0};
    for (size_t i = 0; i < n; i++)
        if (ps[i].d->first->rec_type && ps[i].c.lock[0] == 'f')
            fl_strmap_put(&proposed, ps[i].d->first->decl, 1);
    for (size_t i = 0; i < n; i++) {
        const ast_type *rec = ps[i].d->first->rec_type;
        uint32_t ignored;
        if (!rec || ps[i].c.lock[0] != 'f' || fl_strmap_get(&seen, ps[i].d->first->rec_key, &ignored))
            continue;
        fl_strmap_put(&seen, ps[i].d->first->rec_key, 1);
        if (rec->flags & (TYPE_F_SYNC | TYPE_F_NOT_SYNC | TYPE_F_SYSTEM | TYPE_F_UNION) || !fl_span_valid(rec->span))
            continue;
        uint32_t guarded = 0;
        bool all = rec->nfields > 0;
        for (uint32_t f = 0; f < rec->nfields && all; f++) {
            all = field_covered(A, rec, &rec->fields[f], &proposed);
            guarded += all && fl_strmap_get(&proposed,
                                            fl_arena_sprintf(A, "f:%u:%u:%s", rec->span.file, rec->span.begin,
                                                             rec->fields[f].name),
                                            &ignored);
        }
        if (!all || guarded < 2)
            continue;
        char lk[256];
        gd_lock_text(ps[i].c.lock, lk, sizeof lk);
        diag *g = diag_new(LVL_NOTE, NULL, SUGGEST_SYNC_CHECK,
                           "`%s` guards itself: every field is guarded by its own lock or synchronizes itself: "
                           "annotate it SYNC",
                           rec->name);
        diag_primary(g, rec->span, "%u of its fields are guarded by `%s`, the others are locks, atomic or const",
                     guarded, lk);
        diag_note(g, "with it, the type stays Sync (shareable between threads) whatever its fields become");
        const char *tag = strchr(rec->name, ' ') ? strchr(rec->name, ' ') + 1 : rec->name;
        fl_srcmap *sm = diag_sink_srcmap(sink);
        size_t len = 0;
        const char *text = fl_srcmap_text(sm, rec->span.file, &len);
        size_t tn = strlen(tag);
        if (text && rec->span.end <= len && rec->span.end - rec->span.begin == tn &&
            !memcmp(text + rec->span.begin, tag, tn)) {
            diag_help_replace(g, (fl_span){rec->span.file, rec->span.begin, rec->span.begin}, "FL_SYNC ",
                              "annotate it: `%.*s FL_SYNC %s`", (int)(strchr(rec->name, ' ') ? tag - rec->name - 1 : 0),
                              rec->name, tag);
            sg_include_edit(g, rec->span.file, text, len, included);
        } else
            diag_help(g, "annotate its declaration with SYNC");
        diag_sink_add(sink, g);
    }
    fl_strmap_free(&proposed);
    fl_strmap_free(&seen);
}

static bool same_place(const proposal *a, const proposal *b)
{
    fl_span x = a->d->first->decl_span, y = b->d->first->decl_span;
    const char *ra = a->d->first->record, *rb = b->d->first->record;
    return x.file == y.file && x.begin == y.begin && !strcmp(a->c.lock, b->c.lock) &&
           a->d->first->pointee == b->d->first->pointee &&
           (ra == rb || (ra && rb && !strcmp(ra, rb)));
}

static int by_place(const void *x, const void *y)
{
    const proposal *a = x, *b = y;
    fl_span p = a->d->first->decl_span, q = b->d->first->decl_span;
    if (p.file != q.file)
        return p.file < q.file ? -1 : 1;
    if (p.begin != q.begin)
        return p.begin < q.begin ? -1 : 1;
    int c = strcmp(a->c.lock, b->c.lock);
    return c ? c : strcmp(a->d->first->name, b->d->first->name);
}

/* ---- locks held on entry: a fixed point over the calls of the run ---------------------------- */

#define ENTRY_ROUNDS 8

typedef struct fn_entry {
    bool top;             /* not computed yet: every lock (the start of a must-analysis) */
    bool fixed;           /* nothing to compute: no call in the run, or its address is taken */
    FL_VEC(const char *) locks;
    FL_VEC(const gd_call *) calls; /* the calls of it */
} fn_entry;

typedef struct entries {
    fl_strmap index;
    FL_VEC(fn_entry) fns;
    fl_arena *A;
} entries;

static fn_entry *entry_of(entries *e, const char *key, bool add)
{
    uint32_t k;
    if (fl_strmap_get(&e->index, key, &k))
        return &e->fns.items[k];
    if (!add)
        return NULL;
    fl_strmap_put(&e->index, key, (uint32_t)e->fns.len);
    fn_entry z = {0};
    z.top = true;
    fl_vec_push(&e->fns, z);
    return &e->fns.items[e->fns.len - 1];
}

static bool has(const fn_entry *f, const char *l)
{
    for (size_t i = 0; i < f->locks.len; i++)
        if (!strcmp(f->locks.items[i], l))
            return true;
    return false;
}

/* One round: each function's locks, the intersection over its calls of what the caller holds
   there (itself, or on its own entry) in the callee's frame. True when something changed. */
static bool entry_round(entries *e)
{
    bool changed = false;
    FL_VEC(const char *) acc = {0}, one = {0};
    for (size_t f = 0; f < e->fns.len; f++) {
        fn_entry *fe = &e->fns.items[f];
        if (fe->fixed)
            continue;
        bool any = false; /* a call whose caller is not TOP */
        acc.len = 0;
        for (size_t c = 0; c < fe->calls.len; c++) {
            const gd_call *call = fe->calls.items[c];
            fn_entry *ce = entry_of(e, call->caller, false);
            if (ce && ce->top && !ce->fixed)
                continue; /* TOP: every lock; the intersection stays as it is */
            one.len = 0;
            for (uint32_t h = 0; h < call->nheld; h++) {
                const char *t = gd_translate(e->A, call, call->held[h]);
                if (t)
                    fl_vec_push(&one, t);
            }
            for (size_t h = 0; ce && h < ce->locks.len; h++) {
                /* the caller's entry locks are in its parameters' frame: "P<i>|..." */
                const char *t = gd_translate(e->A, call, ce->locks.items[h]);
                if (t)
                    fl_vec_push(&one, t);
            }
            if (!any) {
                for (size_t k = 0; k < one.len; k++)
                    fl_vec_push(&acc, one.items[k]);
                any = true;
            } else {
                size_t w = 0;
                for (size_t k = 0; k < acc.len; k++) {
                    bool in = false;
                    for (size_t m = 0; m < one.len && !in; m++)
                        in = !strcmp(acc.items[k], one.items[m]);
                    if (in)
                        acc.items[w++] = acc.items[k];
                }
                acc.len = w;
            }
        }
        if (!any)
            continue; /* every caller still TOP */
        bool same = !fe->top && acc.len == fe->locks.len;
        for (size_t k = 0; same && k < acc.len; k++)
            same = has(fe, acc.items[k]);
        if (!same) {
            fe->top = false;
            fe->locks.len = 0;
            for (size_t k = 0; k < acc.len; k++)
                if (!has(fe, acc.items[k]))
                    fl_vec_push(&fe->locks, acc.items[k]);
            changed = true;
        }
    }
    fl_vec_free(&acc);
    fl_vec_free(&one);
    return changed;
}

static void entries_build(entries *e, gd_calls *const *calls, uint32_t n)
{
    for (uint32_t u = 0; u < n; u++)
        for (uint32_t i = 0; i < calls[u]->ndefined; i++)
            entry_of(e, calls[u]->defined[i], true);
    for (uint32_t u = 0; u < n; u++)
        for (uint32_t i = 0; i < calls[u]->n; i++) {
            fn_entry *f = entry_of(e, calls[u]->calls[i].callee, false);
            if (f)
                fl_vec_push(&f->calls, &calls[u]->calls[i]);
        }
    for (uint32_t u = 0; u < n; u++)
        for (uint32_t i = 0; i < calls[u]->ntaken; i++) {
            fn_entry *f = entry_of(e, calls[u]->taken[i], false);
            if (f)
                f->fixed = true;
        }
    for (size_t f = 0; f < e->fns.len; f++)
        if (!e->fns.items[f].calls.len)
            e->fns.items[f].fixed = true;
    for (size_t f = 0; f < e->fns.len; f++)
        if (e->fns.items[f].fixed)
            e->fns.items[f].top = false;
    for (int r = 0; r < ENTRY_ROUNDS && entry_round(e); r++)
        ;
    for (size_t f = 0; f < e->fns.len; f++)
        if (e->fns.items[f].top) { /* reached by no call from outside a cycle: nothing known */
            e->fns.items[f].top = false;
            e->fns.items[f].locks.len = 0;
        }
}

static const char **entry_lookup(void *ctx, const char *key, uint32_t *n)
{
    fn_entry *f = entry_of(ctx, key, false);
    *n = f ? (uint32_t)f->locks.len : 0;
    return f && f->locks.len ? f->locks.items : NULL;
}

static void entries_free(entries *e)
{
    for (size_t f = 0; f < e->fns.len; f++) {
        fl_vec_free(&e->fns.items[f].locks);
        fl_vec_free(&e->fns.items[f].calls);
    }
    fl_vec_free(&e->fns);
    fl_strmap_free(&e->index);
}

/* REQUIRES climbs the calls: a caller of a helper that requires a lock, which does not take it
   itself but whose every caller holds it, requires it too (else the checks would report its call of
   the helper once the helper is annotated). A worklist over (function, lock) pairs, each once. */
static void requires_callers(entries *e, helper_vec *hs)
{
    fl_strmap seen = {0};
    for (size_t i = 0; i < hs->len; i++)
        fl_strmap_put(&seen, fl_arena_sprintf(e->A, "%s\x02%s", hs->items[i].key, hs->items[i].frame), 1);
    for (size_t i = 0; i < hs->len; i++) {
        helper h = hs->items[i];
        fn_entry *fe = entry_of(e, h.key, false);
        for (size_t c = 0; fe && c < fe->calls.len; c++) {
            const gd_call *call = fe->calls.items[c];
            bool own = false;
            for (uint32_t k = 0; k < call->nheld && !own; k++) {
                const char *t = gd_translate(e->A, call, call->held[k]);
                own = t && !strcmp(t, h.frame);
            }
            fn_entry *ce = own ? NULL : entry_of(e, call->caller, false);
            for (size_t k = 0; ce && k < ce->locks.len; k++) {
                const char *y = ce->locks.items[k], *t = gd_translate(e->A, call, y);
                if (!t || strcmp(t, h.frame))
                    continue;
                uint32_t ignored;
                const char *key = fl_arena_sprintf(e->A, "%s\x02%s", call->caller, y);
                const char *expr = gd_frame_text(e->A, call->caller_fn, y);
                if (expr && !fl_strmap_get(&seen, key, &ignored)) {
                    fl_strmap_put(&seen, key, 1);
                    fl_vec_push(hs, ((helper){call->caller_fn, expr, NULL, h.fn->name, h.expr, call->caller, y}));
                }
                break;
            }
        }
    }
    fl_strmap_free(&seen);
}

void suggest_guarded_by(const sg_unit *units, uint32_t n, diag_sink *sink, bool verbose, fl_u32_vec *included,
                        bool guarded, bool requires, bool sync)
{
    gd_calls **calls = fl_xcalloc(n + 1, sizeof *calls);
    for (uint32_t u = 0; u < n; u++)
        calls[u] = gd_calls_build(units[u].arena, units[u].tu, units[u].cfgs, units[u].locks, units[u].file);
    entries ent = {{0}, {0}, n ? units[0].arena : NULL};
    entries_build(&ent, calls, n);
    gd_entry lookup = {entry_lookup, &ent};
    fl_strmap index = {0}, shared = {0};
    FL_VEC(decl) decls = {0};
    for (uint32_t u = 0; u < n; u++) {
        const sg_unit *su = &units[u];
        gd_unit *g = gd_unit_build(su->arena, su->tu, su->cfgs, su->locks, su->file, &lookup);
        for (uint32_t i = 0; i < g->nshared; i++)
            fl_strmap_put(&shared, g->shared_records[i], 1);
        for (uint32_t i = 0; i < g->n; i++) {
            const gd_access *a = &g->acc[i];
            uint32_t k = fl_strmap_intern(&index, a->decl, (uint32_t)decls.len);
            if (k == decls.len)
                fl_vec_push(&decls, ((decl){a, {0}, false}));
            decl *d = &decls.items[k];
            d->annotated |= a->annotated;
            fl_vec_push(&d->acc, a);
        }
    }
    FL_VEC(proposal) ps = {0};
    for (size_t k = 0; k < decls.len; k++) {
        proposal p = {&decls.items[k], {0}};
        if (judge(p.d, &shared, &p.c, sink, verbose))
            fl_vec_push(&ps, p);
    }
    /* PT_GUARDED_BY where the pointer itself is stable: when it is proposed GUARDED_BY too (or
       annotated), reading it already asks for the lock at every access through it */
    fl_strmap proposed = {0};
    for (size_t i = 0; i < ps.len; i++)
        fl_strmap_put(&proposed, ps.items[i].d->first->decl, 1);
    size_t w = 0;
    for (size_t i = 0; i < ps.len; i++) {
        const gd_access *f = ps.items[i].d->first;
        uint32_t k;
        if (f->pointee && fl_strmap_get(&index, f->decl + 1, &k) &&
            (decls.items[k].annotated || fl_strmap_get(&proposed, f->decl + 1, &k)))
            continue;
        ps.items[w++] = ps.items[i];
    }
    ps.len = w;
    fl_strmap_free(&proposed);
    if (ps.len)
        qsort(ps.items, ps.len, sizeof *ps.items, by_place);
    for (size_t i = 0, j; i < ps.len; i = j) {
        for (j = i + 1; j < ps.len && same_place(&ps.items[i], &ps.items[j]); j++)
            ;
        if (guarded)
            propose(ps.items + i, j - i, sink, included);
    }
    helper_vec hs = {0};
    for (size_t i = 0; i < ps.len; i++) {
        const decl *d = ps.items[i].d;
        for (size_t k = 0; k < d->acc.len; k++) {
            const gd_access *a = d->acc.items[k];
            for (uint32_t e = 0; e < a->nentry; e++)
                if (!strcmp(a->entry[e], ps.items[i].c.lock))
                    fl_vec_push(&hs, ((helper){a->func, a->entry_expr[e], a->name, NULL, NULL, a->fkey,
                                               a->entry_frame[e]}));
        }
    }
    if (!requires)
        hs.len = 0;
    requires_callers(&ent, &hs);
    propose_requires(hs.items, hs.len, sink, included);
    if (sync)
        propose_sync(ent.A, ps.items, ps.len, sink, included);
    fl_vec_free(&hs);
    fl_vec_free(&ps);
    for (size_t k = 0; k < decls.len; k++)
        fl_vec_free(&decls.items[k].acc);
    fl_vec_free(&decls);
    fl_strmap_free(&index);
    fl_strmap_free(&shared);
    entries_free(&ent);
    free(calls);
}
