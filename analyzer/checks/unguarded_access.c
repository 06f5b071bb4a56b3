/* unguarded_access.c - unguarded-access (FL0202): the lock discipline the annotations state,
 * checked in each function the way Clang's -Wthread-safety does, on fearless's locksets:
 *
 *  (a) a field or global annotated guarded_by:m (FL_GUARDED_BY, or clang's guarded_by read
 *      from the source) read or written where m is not held on every path;
 *  (b) the object a pt_guarded_by:m pointer points to, read or written likewise;
 *  (c) a call to a function annotated requires:m / requires_shared:m without m;
 *  (d) a call to a function annotated excludes:m with m held on every path.
 *
 * m is resolved relative to the object: `a->balance` with `balance` guarded by sibling field
 * `lock` needs `a->lock`; a name that is no sibling field is a global. For calls, m is resolved
 * through the callee's parameter names against the arguments (`account_add(a, 5)` with
 * requires:acct->lock needs `a->lock`). Writes need the exclusive side; reads accept the shared
 * side. Held on entry: the function's own requires/requires_shared/release (locks.h does the
 * same for the engine's locks).
 *
 * Precision: only accesses whose object and lock can both be named as places (ir/place.h) are
 * checked; an annotation argument we cannot resolve, a function marked
 * no_thread_safety_analysis, objects the function allocated itself (still private to it:
 * constructors) and local structs are skipped. Reported when the lock is not held on every
 * path (the annotation is an explicit contract, as in Clang); a note says when it is held on
 * some paths only. Not judged either: a lock that a try_acquire helper or an acquire/release
 * annotation locks.h did not turn into a lock site may take (its lockset would be wrong there),
 * and every access of a function that acquires or releases a lock we cannot name. A global
 * lock that annotations name but no body of the unit mentions is a stand-in variable per name:
 * only the function's own REQUIRES holds it. --verbose explains what is skipped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/vec.h"
#include "../diag/diag.h"
#include "../facts/locks.h"
#include "../ir/lvalue.h"
#include "../ir/place.h"
#include "registry.h"

#define CHECK_NAME "unguarded-access"
#define CHECK_CODE "FL0202"

typedef lv_kind acc_kind;
#define ACC_NONE LV_NONE
#define ACC_READ LV_READ
#define ACC_WRITE LV_WRITE

/* what an access needs */
typedef struct need {
    ast_node *at;       /* the access or call */
    acc_kind kind;      /* read (shared side suffices) or write (exclusive) */
    int what;           /* 0 guarded field/global, 1 pointee of pt_guarded, 2 requires call, 3 excludes call */
    place obj;          /* the object accessed (what 0/1) */
    place lock;         /* the lock */
    const char *decl_name; /* the field's or global's name (0/1), the callee's (2/3) */
    const char *lock_text; /* the annotation's argument as written */
    fl_span decl_span;  /* where the guarded declaration (or callee) is */
} need;

typedef FL_VEC(need) need_vec;

typedef struct held_lock {
    place p;
    bool shared;
} held_lock;

typedef struct ua {
    check_ctx *c;
    const ast_func *fn;
    need_vec needs;
    FL_VEC(ast_var *) fresh; /* locals holding memory this function allocated */
    /* locks that calls may take or drop outside what locks.h models: try_acquire helpers, and
       acquire/release annotations it could not resolve (a prototype whose parameter names only
       the annotation knows); accesses needing them are not judged */
    FL_VEC(place) tries;
    const lock_fn *lf;
    ast_node *unknown_lock_call; /* an acquire/release of a lock we cannot name: judge nothing */
    held_lock own[8];        /* locks held on entry by the function's own annotations */
    uint32_t nown;
    FL_VEC(ast_var *) named; /* stand-ins for globals only annotations name (named_global) */
    /* the types of the member expressions met (lvalue_type), by node: open addressing */
    const ast_node **tk;
    ast_type **tv;
    uint32_t tcap, tlen;
} ua;

/* ---- types along a place's path ---- */

/* ---- the type of a member chain, from the inside out ---- */

static uint32_t node_slot(const ua *a, const ast_node *n)
{
    uint32_t h = (uint32_t)(((uintptr_t)n >> 4) * 2654435761u) & (a->tcap - 1);
    while (a->tk[h] && a->tk[h] != n)
        h = (h + 1) & (a->tcap - 1);
    return h;
}

static void memo_type(ua *a, const ast_node *n, ast_type *t)
{
    if (2 * (a->tlen + 1) > a->tcap) {
        uint32_t old = a->tcap;
        const ast_node **ok = a->tk;
        ast_type **ov = a->tv;
        a->tcap = old ? 2 * old : 64;
        a->tk = fl_xcalloc(a->tcap, sizeof *a->tk);
        a->tv = fl_xcalloc(a->tcap, sizeof *a->tv);
        for (uint32_t i = 0; i < old; i++)
            if (ok[i]) {
                uint32_t h = node_slot(a, ok[i]);
                a->tk[h] = ok[i], a->tv[h] = ov[i];
            }
        free(ok);
        free(ov);
    }
    uint32_t h = node_slot(a, n);
    if (!a->tk[h])
        a->tlen++;
    a->tk[h] = n, a->tv[h] = t;
}

/* The type of the object a member expression's base denotes once dereferenced for `->`: the
   record `p->next` selects from. Computed from the innermost base of a chain outwards and
   remembered per member node, so that `p->next->next->...` costs one step per member in all
   (place_of and last_field walk the whole path from every member of it). NULL when unknown. */
static ast_type *member_record(ua *a, ast_node *member)
{
    FL_VEC(ast_node *) chain = {0};
    ast_node *cur = member;
    ast_type *t = NULL;
    bool known = false;
    for (;;) {
        if (cur->kind == AST_MEMBER && cur->nkids == 1) {
            if (a->tcap && a->tk[node_slot(a, cur)] == cur && cur != member) {
                t = a->tv[node_slot(a, cur)];
                known = true;
                break;
            }
            fl_vec_push(&chain, cur);
            cur = ast_strip_casts(cur->kids[0]);
            if (!cur)
                break;
            continue;
        }
        if (cur->kind == AST_REF && cur->var) {
            t = cur->var->type;
            known = true;
        }
        break;
    }
    /* chain[len - 1] is the innermost member: its base's type is t */
    ast_type *rec = NULL;
    for (size_t i = chain.len; i-- > 0;) {
        ast_node *m = chain.items[i];
        ast_type *r = known ? ast_type_strip(t) : NULL;
        if (r && (m->flags & AST_F_ARROW))
            r = r->kind == TYPE_POINTER || r->kind == TYPE_ARRAY ? ast_type_strip(r->inner) : NULL;
        ast_field *f = r && m->name ? lv_field_of(r, m->name, strlen(m->name)) : NULL;
        if (m == member)
            rec = r;
        t = f ? f->type : NULL;
        known = t != NULL;
        memo_type(a, m, t); /* the type of the member's value */
    }
    fl_vec_free(&chain);
    return rec;
}

/* True when member's field certainly carries no annotation (its record is known and the field
   has none): nothing to check there. */
static bool plain_member(ua *a, ast_node *member)
{
    ast_type *rec = member_record(a, member);
    ast_field *f = rec && member->name ? lv_field_of(rec, member->name, strlen(member->name)) : NULL;
    return f && !f->annots.n;
}

/* The annotation's argument after `kind:` among texts, or NULL. */
static const char *annot_arg(ast_annots an, const char *kind)
{
    size_t k = strlen(kind);
    for (uint32_t i = 0; i < an.n; i++)
        if (strncmp(an.texts[i], kind, k) == 0 && an.texts[i][k] == ':')
            return an.texts[i] + k + 1;
    return NULL;
}

static bool has_text(ast_annots an, const char *text)
{
    for (uint32_t i = 0; i < an.n; i++)
        if (strcmp(an.texts[i], text) == 0)
            return true;
    return false;
}

/* trimmed copy of [s, s+n) */
static const char *trim_dup(fl_arena *A, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return fl_arena_strndup(A, s, n);
}

static bool is_ident(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* Globals that annotations name but no function body of the unit mentions (OVS's
   rstp-state-machines.c is all OVS_REQUIRES(rstp_mutex) and never locks it): one stand-in
   variable per name while a function is checked, so that a requirement and the function's own
   REQUIRES compare equal. Such a lock is never taken in the unit; only a REQUIRES can hold it. */
static ast_var *named_global(ua *a, const char *m)
{
    for (size_t i = 0; i < a->named.len; i++)
        if (strcmp(a->named.items[i]->name, m) == 0)
            return a->named.items[i];
    ast_var *v = FL_NEW(a->c->arena, ast_var);
    v->name = fl_arena_strdup(a->c->arena, m);
    v->storage = STORAGE_GLOBAL;
    v->index = UINT32_MAX;
    fl_vec_push(&a->named, v);
    return v;
}

/* A bare name that is no parameter of these: a global. */
static bool global_name(const char *m, ast_var *const *params, uint32_t np)
{
    if (!is_ident(m))
        return false;
    for (uint32_t i = 0; params && i < np; i++)
        if (params[i] && params[i]->name && strcmp(params[i]->name, m) == 0)
            return false;
    return true;
}

/* The lock an annotation argument `m` names for an object at `obj` whose last step is a field
   of record `rec` (NULL for a global): a sibling field, else a global of the unit. */
static place lock_for(ua *a, place obj, ast_type *rec, const char *m)
{
    fl_arena *A = a->c->arena;
    place none = {NULL, NULL};
    if (rec && is_ident(m) && lv_field_of(rec, m, strlen(m))) {
        /* the object's path without its last field step, plus .m */
        const char *last = NULL;
        for (const char *s = obj.path; *s; s += place_step_len(s))
            if (*s == '.')
                last = s;
        if (!last)
            return none;
        return (place){obj.root, fl_arena_sprintf(A, "%.*s.%s", (int)(last - obj.path), obj.path, m)};
    }
    lock_effect le = {0};
    if (!locks_parse_annot_arg(A, a->c->tu, m, NULL, 0, NULL, &le) || le.param >= 0 || !le.global)
        return global_name(m, NULL, 0) ? (place){named_global(a, m), ""} : none;
    return (place){le.global, le.path};
}

/* ---- collecting the accesses ---- */

static bool is_fresh(ua *a, const ast_var *v)
{
    for (size_t i = 0; i < a->fresh.len; i++)
        if (a->fresh.items[i] == v)
            return true;
    return false;
}

static bool private_object(ua *a, place obj)
{
    return lv_private(obj, (ast_var *const *)a->fresh.items, a->fresh.len);
}

static void verbose_note(ua *a, fl_span at, const char *fmt, const char *x, const char *y)
{
    if (!a->c->verbose)
        return;
    diag *n = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME, fmt, x, y);
    diag_primary(n, at, NULL);
    diag_sink_add(a->c->sink, n);
}

/* An lvalue node naming a guarded field or global: record what it needs. */
static void guarded_lvalue(ua *a, ast_node *n, acc_kind k)
{
    /* an array read as a value decays to its address: no access (as `&a[0]`); this also
       covers OVS's ARRAY_SIZE, whose typeof operands the AST keeps */
    if (k == ACC_NONE || k == LV_ADDR_CONST || (k == ACC_READ && (n->ty & TY_ARRAY)))
        return;
    fl_arena *A = a->c->arena;
    if (n->kind == AST_REF) {
        ast_var *v = n->var;
        if (!v || !v->annots.n || (v->storage != STORAGE_GLOBAL && v->storage != STORAGE_STATIC_LOCAL))
            return;
        const char *m = annot_arg(v->annots, "guarded_by");
        if (!m)
            return;
        place obj = {v, ""};
        place lk = lock_for(a, obj, NULL, m);
        if (!lk.root) {
            verbose_note(a, n->span, "not checking this access: the lock `%s` guarding `%s` is not known here", m,
                         v->name);
            return;
        }
        fl_vec_push(&a->needs, ((need){n, k, 0, obj, lk, v->name, m, v->span}));
        return;
    }
    if (n->kind != AST_MEMBER || plain_member(a, n))
        return;
    place obj = place_of(A, n);
    ast_type *rec;
    ast_field *f;
    if (!obj.root || !lv_last_field(obj, &rec, &f) || !f->annots.n)
        return;
    const char *m = annot_arg(f->annots, "guarded_by");
    if (!m || private_object(a, obj))
        return;
    place lk = lock_for(a, obj, rec, m);
    if (!lk.root) {
        verbose_note(a, n->span, "not checking this access: the lock `%s` guarding `%s` is not known here", m,
                     f->name);
        return;
    }
    fl_vec_push(&a->needs, ((need){n, k, 0, obj, lk, f->name, m, f->span}));
}

/* `*p`, `p->x`, `p[i]` where p is a pt_guarded_by pointer (field or global). */
static void guarded_pointee(ua *a, ast_node *deref, ast_node *ptr, acc_kind k)
{
    if (k == ACC_NONE || k == LV_ADDR_CONST)
        return;
    fl_arena *A = a->c->arena;
    ast_node *p = ast_strip_casts(ptr);
    if (!p)
        return;
    const char *m = NULL, *name = NULL;
    fl_span decl = fl_span_none();
    place obj = {NULL, NULL};
    ast_type *rec = NULL;
    if (p->kind == AST_REF && p->var && (p->var->storage == STORAGE_GLOBAL || p->var->storage == STORAGE_STATIC_LOCAL)) {
        m = annot_arg(p->var->annots, "pt_guarded_by");
        obj = (place){p->var, ""};
        name = p->var->name;
        decl = p->var->span;
    } else if (p->kind == AST_MEMBER) {
        ast_field *f;
        if (plain_member(a, p))
            return;
        obj = place_of(A, p);
        if (!obj.root || !lv_last_field(obj, &rec, &f) || !f->annots.n)
            return;
        m = annot_arg(f->annots, "pt_guarded_by");
        name = f->name;
        decl = f->span;
        if (m && private_object(a, obj))
            return;
    }
    if (!m)
        return;
    place lk = lock_for(a, obj, rec, m);
    if (!lk.root) {
        verbose_note(a, deref->span, "not checking this access: the lock `%s` guarding what `%s` points to is not known here",
                     m, name);
        return;
    }
    fl_vec_push(&a->needs, ((need){deref, k, 1, obj, lk, name, m, decl}));
}

static void visit_lvalue(void *ctx, ast_node *n, lv_kind k)
{
    guarded_lvalue(ctx, n, k);
}

static void visit_pointee(void *ctx, ast_node *deref, ast_node *ptr, lv_kind k)
{
    guarded_pointee(ctx, deref, ptr, k);
}

static void visit_fresh(void *ctx, ast_var *v)
{
    ua *a = ctx;
    fl_vec_push(&a->fresh, v);
}

static place canon(const cfg *g, place p);

/* Calls to functions whose annotations require or exclude locks (what 2/3), and trylock-style
   helpers (try_acquire: their success branch is not tracked; what 4 only collects the lock). */
/* Where the callee's annotation i is written, for the label; the callee's name when the
   annotation's place is unknown or collapsed to a point (attributes nested in macros). */
static fl_span annot_span(const ast_callee *c, uint32_t i)
{
    if (c->annots.spans && fl_span_valid(c->annots.spans[i]) && c->annots.spans[i].end > c->annots.spans[i].begin + 1)
        return c->annots.spans[i];
    return c->span;
}

static void call_needs(ua *a, ast_node *call)
{
    const ast_callee *c = call->callee;
    if (!c || !c->annots.n)
        return;
    fl_arena *A = a->c->arena;
    for (uint32_t i = 0; i < c->annots.n; i++) {
        const char *t = c->annots.texts[i];
        int what;
        acc_kind k;
        const char *args;
        if (strncmp(t, "requires:", 9) == 0)
            what = 2, k = ACC_WRITE, args = t + 9;
        else if (strncmp(t, "try_acquire:", 12) == 0 || strncmp(t, "try_acquire_shared:", 19) == 0)
            what = 4, k = ACC_NONE, args = strchr(t, ':') + 1;
        else if (strncmp(t, "acquire:", 8) == 0 || strncmp(t, "acquire_shared:", 15) == 0 ||
                 strncmp(t, "release:", 8) == 0) {
            what = 5, k = ACC_NONE, args = strchr(t, ':') + 1;
        }
        else if (strncmp(t, "requires_shared:", 16) == 0)
            what = 2, k = ACC_READ, args = t + 16;
        else if (strncmp(t, "excludes:", 9) == 0)
            what = 3, k = ACC_WRITE, args = t + 9;
        else
            continue;
        /* A contract written on a declaration further down the file than the call (a prototype
           without it came first) does not apply to the call, as for Clang's analysis. */
        if ((what == 2 || what == 3) && c->annots.spans && fl_span_valid(c->annots.spans[i]) &&
            c->annots.spans[i].file == call->span.file && c->annots.spans[i].begin > call->span.end) {
            verbose_note(a, call->span,
                         "not checking this call against `%s`'s %s: the contract is written further down the file; "
                         "at the call, only a declaration without it is seen",
                         c->name, what == 2 ? "REQUIRES" : "EXCLUDES");
            continue;
        }
        /* the callee's parameters as variables, for locks_parse_annot_arg */
        ast_var **params = ast_callee_param_vars(A, c, false);
        bool first = true;
        while (*args) {
            const char *e = strchr(args, ',');
            size_t n = e ? (size_t)(e - args) : strlen(args);
            const char *one = trim_dup(A, args, n);
            args = e ? e + 1 : args + n;
            if (what == 4 && first) {
                first = false;
                continue; /* the success value */
            }
            lock_effect le = {0};
            bool ok = locks_parse_annot_arg(A, a->c->tu, one, params, c->nparams, NULL, &le);
            /* the annotation may be written on the definition, whose parameters are named
               differently from the prototype's */
            if (!ok && c->def && c->def->nparams == c->nparams)
                ok = locks_parse_annot_arg(A, a->c->tu, one, c->def->params, c->def->nparams, NULL, &le);
            if (!ok && what != 5 && global_name(one, params, c->nparams) &&
                (!c->def || global_name(one, c->def->params, c->def->nparams))) {
                le = (lock_effect){.param = -1, .global = named_global(a, one), .path = ""};
                ok = true;
            }
            if (!ok) {
                if (what == 5)
                    a->unknown_lock_call = call; /* some lock changes here: judge nothing after */
                verbose_note(a, call->span, "not checking this call: the lock `%s` that `%s` names is not known here",
                             one, c->name);
                continue;
            }
            place lk;
            if (le.param < 0) {
                lk = (place){le.global, le.path};
            } else {
                if ((uint32_t)le.param + 1 >= call->nkids)
                    continue;
                ast_node *arg = call->kids[1 + le.param];
                /* compose the path from the argument's value, as locks.c does for helpers */
                ast_node *x = ast_strip_casts(arg);
                if (le.path[0] == '*' && x && x->kind == AST_UNARY && x->op == UN_ADDR_OF && x->nkids == 1)
                    lk = place_append(A, place_of(A, x->kids[0]), le.path + 1);
                else
                    lk = place_append(A, place_of(A, arg), le.path);
                if (lk.root && what == 2 && lk.path[0] != '*' && lk.root->storage == STORAGE_LOCAL)
                    continue; /* a lock inside a local object: being set up, not shared yet */
                if (lk.root && what == 2 && lk.root->storage == STORAGE_LOCAL && is_fresh(a, lk.root))
                    continue;
            }
            if (!lk.root && what == 5)
                a->unknown_lock_call = call;
            if (!lk.root) {
                verbose_note(a, call->span, "not checking this call: the lock `%s` that `%s` names cannot be named here",
                             one, c->name);
                continue;
            }
            if (what == 5 || what == 4) {
                /* modelled by locks.h when it has a site for this call on this very lock (its
                   computed summary of a body may name an inner lock: OVS's `l->lock`; a try
                   helper acquires on the branch its annotation's success value says) */
                place cl = canon(a->c->g, lk);
                bool modelled = false;
                for (uint32_t s = 0; a->lf && s < a->lf->nsites && !modelled; s++)
                    modelled = a->lf->sites[s].call == call &&
                               place_equal(canon(a->c->g, a->lf->locks[a->lf->sites[s].lock].where), cl);
                if (!modelled)
                    fl_vec_push(&a->tries, cl);
            } else {
                bool dup = false;
                for (size_t q = 0; q < a->needs.len && !dup; q++)
                    dup = a->needs.items[q].at == call && a->needs.items[q].what == what &&
                          place_equal(a->needs.items[q].lock, lk);
                if (!dup)
                    fl_vec_push(&a->needs, ((need){call, k, what, {NULL, NULL}, lk, c->name, one,
                                                  annot_span(c, i)}));
            }
        }
    }
}

static void calls(ua *a, ast_node *root)
{
    FL_VEC(ast_node *) st = {0};
    if (root)
        fl_vec_push(&st, root);
    while (st.len) {
        ast_node *n = st.items[--st.len];
        if (n->kind == AST_CALL)
            call_needs(a, n);
        for (uint16_t i = n->nkids; i-- > 0;)
            if (n->kids[i])
                fl_vec_push(&st, n->kids[i]);
    }
    fl_vec_free(&st);
}

/* ---- the function's own annotations: locks held on entry ---- */

/* An argument of the function's own contract that names no parameter (by the definition's names
   or a prototype's) and no global: the contract would silently check nothing. */
static void names_nothing(ua *a, const char *annot, fl_span where, const char *arg)
{
    size_t kn = strcspn(annot, ":");
    char kind[32];
    size_t i;
    for (i = 0; i < kn && i + 1 < sizeof kind; i++)
        kind[i] = annot[i] >= 'a' && annot[i] <= 'z' ? (char)(annot[i] - 'a' + 'A') : annot[i];
    kind[i] = 0;
    diag *d = diag_new(LVL_WARNING, CHECK_CODE, CHECK_NAME,
                       "the %s of `%s` names `%s`, which is no parameter of it and no global: that lock is not "
                       "checked",
                       kind, a->fn->name, arg);
    diag_primary(d, fl_span_valid(where) ? where : a->fn->name_span, NULL);
    diag_help(d, "name the lock through a parameter of `%s` (as its definition or any prototype calls it) or a "
                 "global",
              a->fn->name);
    diag_sink_add(a->c->sink, d);
}

static void own_locks(ua *a)
{
    const ast_callee *self = a->fn->self;
    if (!self)
        return;
    for (uint32_t i = 0; i < self->annots.n; i++) {
        const char *t = self->annots.texts[i];
        bool shared;
        const char *args;
        if (strncmp(t, "requires:", 9) == 0)
            shared = false, args = t + 9;
        else if (strncmp(t, "release:", 8) == 0)
            shared = false, args = t + 8;
        else if (strncmp(t, "requires_shared:", 16) == 0)
            shared = true, args = t + 16;
        else
            continue;
        while (*args && a->nown < sizeof a->own / sizeof *a->own) {
            const char *e = strchr(args, ',');
            size_t n = e ? (size_t)(e - args) : strlen(args);
            const char *one = trim_dup(a->c->arena, args, n);
            args = e ? e + 1 : args + n;
            lock_effect le = {0};
            if (!locks_parse_fn_annot_arg(a->c->arena, a->c->tu, one, a->fn, &le)) {
                if (!global_name(one, a->fn->params, a->fn->nparams)) {
                    names_nothing(a, t, self->annots.spans ? self->annots.spans[i] : fl_span_none(), one);
                    continue;
                }
                le = (lock_effect){.param = -1, .global = named_global(a, one), .path = ""};
            }
            place p = le.param >= 0 ? place_append(a->c->arena, (place){a->fn->params[le.param], ""}, le.path)
                                    : (place){le.global, le.path};
            if (p.root)
                a->own[a->nown++] = (held_lock){p, shared};
        }
    }
}

/* ---- judging ---- */

static place canon(const cfg *g, place p)
{
    if (p.root && p.root->storage == STORAGE_LOCAL && p.path[0] == '*') {
        ast_var *orig = locks_copy_of(g, p.root);
        if (orig)
            p.root = orig;
    }
    return p;
}

typedef enum held_state { HELD_NO, HELD_SOME, HELD_SHARED, HELD_YES } held_state;

/* Is lk held before element (b, e)? HELD_YES exclusive on every path, HELD_SHARED on every path
   but (on some) only for reading, HELD_SOME on some paths only, HELD_NO on none. */
static held_state held_at(ua *a, const lock_fn *lf, const locks_cursor *lc, place lk, bool st_valid,
                          uint32_t *site_out)
{
    const fl_word *st = lc->st;
    *site_out = UINT32_MAX;
    place raw = lk;
    lk = canon(a->c->g, lk);
    if (lf && st_valid)
        for (uint32_t l = 0; l < lf->nlocks; l++) {
            if (!place_equal(lf->locks[l].where, lk))
                continue;
            if (!locks_must_held(st, l)) {
                if (fl_bs_test(st, locks_bit_h(l)))
                    return HELD_SOME;
                /* not taken on any path; the function's own requires_shared (which the engine
                   does not model) still holds on entry */
                for (uint32_t o = 0; o < a->nown; o++)
                    if (a->own[o].shared && place_equal(a->own[o].p, lk) && fl_bs_test(st, locks_bit_e(l)) &&
                        !fl_bs_test(st, locks_bit_u(l)))
                        return HELD_SHARED;
                return HELD_NO;
            }
            uint32_t last[8];
            uint32_t nl = locks_cursor_last_sites(lc, l, last, 8);
            bool shared = false;
            for (uint32_t i = 0; i < nl && i < 8; i++)
                if (lock_op_shared(lf->sites[last[i]].op)) {
                    shared = true;
                    *site_out = last[i];
                }
            if (!nl)
                for (uint32_t o = 0; o < a->nown; o++)
                    if (a->own[o].shared && place_equal(a->own[o].p, lk))
                        shared = true;
            return shared ? HELD_SHARED : HELD_YES;
        }
    for (uint32_t o = 0; o < a->nown; o++)
        if (place_equal(a->own[o].p, lk) || place_equal(a->own[o].p, raw))
            return a->own[o].shared ? HELD_SHARED : HELD_YES;
    return HELD_NO;
}

/* No caller could hold lk when the function starts: it is `main` or a thread's start function
   (nothing calls them with a lock held), or lk is an object of its own (a local). REQUIRES
   would be no way out then. */
static bool no_caller_holds(const ua *a, place lk)
{
    const lock_unit *u = a->c->fx->locks;
    return (a->fn->name && !strcmp(a->fn->name, "main")) || (u && locks_unit_thread_start(u, a->fn->index)) ||
           (lk.root && lk.root->storage == STORAGE_LOCAL && lk.path[0] != '*');
}

static void report(ua *a, const need *nd, held_state h, const lock_fn *lf, uint32_t shared_site)
{
    fl_arena *A = a->c->arena;
    const char *lname = place_str(A, nd->lock);
    const char *fname = a->fn->name;
    diag *d;
    if (nd->what == 3) {
        d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` is called while `%s` is held, which it excludes",
                     nd->decl_name, lname);
        diag_primary(d, nd->at->span, "`%s` called here with `%s` held", nd->decl_name, lname);
        diag_secondary(d, nd->decl_span, "`%s` is declared to be called without `%s` held (EXCLUDES)",
                       nd->decl_name, nd->lock_text);
        diag_note(d, "a function that excludes a lock usually takes it itself: calling it with the lock held "
                     "deadlocks");
        diag_help(d, "unlock `%s` before calling `%s`", lname, nd->decl_name);
        diag_sink_add(a->c->sink, d);
        return;
    }
    bool write = nd->kind == ACC_WRITE;
    const char *how = h == HELD_SHARED ? "only for reading" : NULL;
    if (nd->what == 2) {
        const char *side = write ? "" : " (at least for reading)";
        if (how)
            d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "calling `%s` requires `%s` held exclusively", nd->decl_name,
                         lname);
        else
            d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "calling `%s` requires holding `%s`%s", nd->decl_name,
                         lname, side);
        if (how)
            diag_primary(d, nd->at->span, "`%s` called here while `%s` is held only for reading", nd->decl_name, lname);
        else
            diag_primary(d, nd->at->span, "`%s` called here without holding `%s`", nd->decl_name, lname);
        diag_secondary(d, nd->decl_span, "`%s` is declared to require `%s` (REQUIRES%s)", nd->decl_name,
                       nd->lock_text, write ? "" : "_SHARED");
    } else {
        const char *obj = nd->what == 1 ? fl_arena_sprintf(A, "what `%s` points to", place_str(A, nd->obj))
                                        : fl_arena_sprintf(A, "`%s`", place_str(A, nd->obj));
        const char *verb = write ? "written" : "read";
        if (how) {
            d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "%s is written while `%s` is held only for reading", obj,
                         lname);
            diag_primary(d, nd->at->span, "%s is written here while `%s` is held only for reading", obj, lname);
        } else {
            d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "%s is %s without holding `%s`", obj, verb, lname);
            diag_primary(d, nd->at->span, "%s is %s here without holding `%s`", obj, verb, lname);
        }
        if (nd->what == 1)
            diag_secondary(d, nd->decl_span, "what `%s` points to is guarded by `%s` here", nd->decl_name,
                           nd->lock_text);
        else
            diag_secondary(d, nd->decl_span, "`%s` is guarded by `%s` here", nd->decl_name, nd->lock_text);
    }
    if (how && lf && shared_site != UINT32_MAX)
        diag_secondary(d, lf->sites[shared_site].call->span, "`%s` locked for reading here", lname);
    if (h == HELD_SOME)
        diag_note(d, "`%s` is held on some paths to here but not on all of them; the annotation asks for it on "
                     "every path",
                  lname);
    if (how)
        diag_help(d, "take the write side of `%s` here", lname);
    else if (no_caller_holds(a, nd->lock))
        diag_help(d, "lock `%s` around this %s", lname, nd->what == 2 ? "call" : "access");
    else
        diag_help(d, "lock `%s` around this %s, or annotate `%s` with REQUIRES(%s)", lname,
                  nd->what == 2 ? "call" : "access", fname, lname);
    diag_sink_add(a->c->sink, d);
}

static int need_cmp_node(const void *x, const void *y)
{
    const need *a = x, *b = y;
    return (uintptr_t)a->at < (uintptr_t)b->at ? -1 : (uintptr_t)a->at > (uintptr_t)b->at;
}

void check_unguarded_access(check_ctx *ctx)
{
    const lock_unit *u = ctx->fx->locks;
    if (!ctx->fn)
        return;
    if (!ctx->g || !ctx->fn->body)
        return;
    if (ctx->fn->self && has_text(ctx->fn->self->annots, "no_thread_safety_analysis"))
        return;
    ua a = {0};
    a.c = ctx;
    a.fn = ctx->fn;
    /* fresh allocations first: the walk below meets declarations before their uses, but an
       assignment may come in any order; one cheap pre-pass over the function's variables */
    a.lf = u ? locks_unit_fn(u, ctx->fn->index) : NULL;
    lv_visitor v = {visit_lvalue, visit_pointee, visit_fresh, NULL, &a};
    lv_walk(ctx->fn->body, LV_READ, &v);
    calls(&a, ctx->fn->body);
    free(a.tk); /* the member types: only the walk asks */
    free(a.tv);
    if (a.needs.len && a.unknown_lock_call) {
        verbose_note(&a, a.unknown_lock_call->span,
                     "not checking `%s`: this call %s", ctx->fn->name,
                     "acquires or releases a lock that cannot be named here");
        a.needs.len = 0;
    }
    if (!a.needs.len) {
        fl_vec_free(&a.needs); /* emptied just above, but holding what it had */
        fl_vec_free(&a.fresh);
        fl_vec_free(&a.tries);
        fl_vec_free(&a.named);
        return;
    }
    own_locks(&a);
    const lock_fn *lf = a.lf;
    const cfg *g = ctx->g;
    qsort(a.needs.items, a.needs.len, sizeof *a.needs.items, need_cmp_node);
    fl_word *st = lf ? fl_arena_alloc(ctx->arena, (lf->nwords ? lf->nwords : 1) * sizeof *st) : NULL;
    /* each access in CFG order, with the lockset before it */
    for (uint32_t r = 0; r < g->nrpo; r++) {
        uint32_t bi = g->rpo[r];
        const cfg_block *b = &g->blocks[bi];
        bool valid = false;
        locks_cursor lc = {0};
        for (uint32_t i = 0; i < b->nelems; i++) {
            ast_node *n = b->elems[i].node;
            if (b->elems[i].kind != CFG_EXPR || !n)
                continue;
            need key = {.at = n};
            need *hit = bsearch(&key, a.needs.items, a.needs.len, sizeof *a.needs.items, need_cmp_node);
            if (!hit)
                continue;
            while (hit > a.needs.items && hit[-1].at == n)
                hit--;
            if (lf) {
                if (!valid) {
                    locks_cursor_start(&lc, lf, bi, st);
                    valid = true;
                }
                locks_cursor_to(&lc, i);
            }
            for (; hit < a.needs.items + a.needs.len && hit->at == n; hit++) {
                uint32_t ss;
                held_state h = held_at(&a, lf, &lc, hit->lock, valid, &ss);
                if (hit->what == 3) {
                    if (h == HELD_YES || h == HELD_SHARED)
                        report(&a, hit, h, lf, ss);
                } else if (h == HELD_NO || h == HELD_SOME || (h == HELD_SHARED && hit->kind == ACC_WRITE)) {
                    bool tried = false;
                    place lk = canon(g, hit->lock);
                    for (size_t t = 0; t < a.tries.len && !tried; t++)
                        tried = place_equal(a.tries.items[t], lk);
                    if (tried)
                        verbose_note(&a, n->span, "not reporting: `%s` may be held here: %s",
                                     place_str(ctx->arena, hit->lock),
                                     "a trylock helper or an annotated lock helper takes it in ways not tracked");
                    else
                        report(&a, hit, h, lf, ss);
                }
            }
        }
    }
    fl_vec_free(&a.needs);
    fl_vec_free(&a.fresh);
    fl_vec_free(&a.tries);
    fl_vec_free(&a.named);
}
