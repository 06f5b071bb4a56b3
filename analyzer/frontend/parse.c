/* parse.c - libclang parsing, clang's errors as diagnostics, and conversion to our ast.
 *
 * The conversion is on the critical path (the whole analysis must stay close to libclang's own
 * parse time), so it visits every body cursor exactly once, asks libclang for strings only where
 * the ast keeps one (names, literals, variable types), caches per-declaration answers in small
 * hash tables keyed by canonical cursors, and keeps children on shared stacks instead of
 * allocating per node.
 */
#include "parse.h"

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/vec.h"
#include "../base/xalloc.h"

struct fe_index {
    CXIndex cx;
};

struct fe_unit {
    CXTranslationUnit tu;
    fl_arena *arena;
    fl_srcmap *sm;
    char *directory;   /* the job's working directory, to resolve relative file names */
    CXFile main_cxfile;
    uint32_t main_file;
    ast_tu *ast;       /* NULL until fe_unit_ast */
};

/* ---- the index --------------------------------------------------------------------------- */

fe_index *fe_index_new(void)
{
    fe_index *ix = fl_xcalloc(1, sizeof *ix);
    /* No PCH exclusion, and libclang must not print diagnostics itself: they go to the sink. */
    ix->cx = clang_createIndex(0, 0);
    return ix;
}

void fe_index_free(fe_index *ix)
{
    if (!ix)
        return;
    clang_disposeIndex(ix->cx);
    free(ix);
}

/* ---- files: CXFile -> srcmap id and contents ------------------------------------------------ */

/* Callee declarations and record types pull in names from many headers: 64 slots keep the
   misses (a realpath and a srcmap scan each) rare. */
#define FILE_SLOTS 64

typedef struct file_slot {
    CXFile file;
    uint32_t id;
    const char *text; /* clang's buffer, valid while the unit lives; NULL until asked */
    size_t len;
    bool have_text;
} file_slot;

/* Interning in the srcmap is a linear scan over paths, so remember the few files seen last. */
typedef struct filemap {
    CXTranslationUnit tu;
    fl_srcmap *sm;
    const char *dir;
    file_slot slots[FILE_SLOTS];
    unsigned n, next, last;
} filemap;

static char *take_string(CXString s)
{
    const char *c = clang_getCString(s);
    char *out = fl_xstrdup(c ? c : "");
    clang_disposeString(s);
    return out;
}

/* The absolute path of a file clang opened (heap). */
static char *file_abs_path(CXFile f, const char *dir)
{
    char *p = take_string(clang_File_tryGetRealPathName(f));
    if (*p)
        return p;
    free(p);
    char *name = take_string(clang_getFileName(f));
    if (name[0] != '/' && dir && *dir) {
        char *joined = fl_xasprintf("%s/%s", dir, name);
        free(name);
        name = joined;
    }
    char *real = realpath(name, NULL);
    if (real) {
        /* realpath allocates with malloc; hand back an fl_x* string for uniform freeing. */
        char *out = fl_xstrdup(real);
        free(real);
        free(name);
        return out;
    }
    return name;
}

static uint32_t intern_file(fl_srcmap *sm, CXFile f, const char *dir)
{
    char *abs = file_abs_path(f, dir);
    char *disp = fe_display_path(abs);
    uint32_t id = fl_srcmap_intern(sm, disp);
    free(disp);
    free(abs);
    return id;
}

static file_slot *fm_slot(filemap *fm, CXFile f)
{
    if (fm->n && fm->slots[fm->last].file == f)
        return &fm->slots[fm->last];
    for (unsigned i = 0; i < fm->n; i++)
        if (fm->slots[i].file == f) {
            fm->last = i;
            return &fm->slots[i];
        }
    unsigned i;
    if (fm->n < FILE_SLOTS)
        i = fm->n++;
    else {
        i = fm->next;
        fm->next = (fm->next + 1) % FILE_SLOTS;
    }
    fm->slots[i] = (file_slot){f, intern_file(fm->sm, f, fm->dir), NULL, 0, false};
    fm->last = i;
    return &fm->slots[i];
}

static const char *fm_text(filemap *fm, file_slot *s, size_t *len)
{
    if (!s->have_text) {
        s->text = clang_getFileContents(fm->tu, s->file, &s->len);
        s->have_text = true;
    }
    *len = s->text ? s->len : 0;
    return s->text;
}

/* ---- parsing and clang's errors ------------------------------------------------------------ */

static const char *error_reason(enum CXErrorCode ec)
{
    switch (ec) {
    case CXError_Crashed:
        return "libclang crashed";
    case CXError_InvalidArguments:
        return "invalid arguments";
    case CXError_ASTReadError:
        return "cannot read the AST file";
    default:
        return "libclang failed";
    }
}

/* Span of a diagnostic location (as clang prints it: macro arguments where written, macro
   bodies at the expansion), widened to the diagnostic's first range when that range holds it. */
static fl_span diag_span(filemap *fm, CXSourceLocation loc, CXSourceRange r, bool have_range)
{
    CXFile f = NULL;
    unsigned off = 0;
    clang_getFileLocation(loc, &f, NULL, NULL, &off);
    if (!f)
        return fl_span_none();
    file_slot *slot = fm_slot(fm, f);
    size_t len;
    const char *text = fm_text(fm, slot, &len);
    /* One byte at the location, but nothing past the end ("expected '}'" at end of file). */
    fl_span sp = {slot->id, off, text && off >= len ? off : off + 1};
    if (have_range) {
        CXFile fb = NULL, fe = NULL;
        unsigned b = 0, e = 0;
        clang_getFileLocation(clang_getRangeStart(r), &fb, NULL, NULL, &b);
        clang_getFileLocation(clang_getRangeEnd(r), &fe, NULL, NULL, &e);
        if (fb && fe && clang_File_isEqual(fb, f) && clang_File_isEqual(fe, f) && b <= off && off < e)
            sp.begin = b, sp.end = e;
    }
    return sp;
}

static fl_span diag_loc_span(filemap *fm, CXDiagnostic d)
{
    bool have_range = clang_getDiagnosticNumRanges(d) > 0;
    CXSourceRange r = have_range ? clang_getDiagnosticRange(d, 0) : clang_getNullRange();
    return diag_span(fm, clang_getDiagnosticLocation(d), r, have_range);
}

/* Turn clang's errors into diagnostics; true if there was any. */
static bool report_errors(CXTranslationUnit tu, filemap *fm, diag_sink *sink)
{
    bool any = false;
    unsigned n = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic cd = clang_getDiagnostic(tu, i);
        if (clang_getDiagnosticSeverity(cd) < CXDiagnostic_Error) {
            clang_disposeDiagnostic(cd);
            continue;
        }
        any = true;
        char *msg = take_string(clang_getDiagnosticSpelling(cd));
        diag *d = diag_new(LVL_ERROR, NULL, NULL, "%s", msg);
        free(msg);
        d->from_clang = true;
        fl_span sp = diag_loc_span(fm, cd);
        if (fl_span_valid(sp))
            diag_primary(d, sp, NULL);
        /* The set belongs to the diagnostic: not disposed separately. */
        CXDiagnosticSet kids = clang_getChildDiagnostics(cd);
        unsigned nk = kids ? clang_getNumDiagnosticsInSet(kids) : 0;
        for (unsigned k = 0; k < nk; k++) {
            CXDiagnostic ck = clang_getDiagnosticInSet(kids, k);
            char *note = take_string(clang_getDiagnosticSpelling(ck));
            diag_note_at(d, diag_loc_span(fm, ck), "%s", note);
            free(note);
            clang_disposeDiagnostic(ck);
        }
        diag_sink_add(sink, d);
        clang_disposeDiagnostic(cd);
    }
    return any;
}

static CXFile main_cxfile(CXTranslationUnit tu, const fe_job *job)
{
    CXFile f = job->file ? clang_getFile(tu, job->file) : NULL;
    if (!f) {
        char *name = take_string(clang_getTranslationUnitSpelling(tu));
        f = clang_getFile(tu, name);
        free(name);
    }
    return f;
}

fe_unit *fe_parse(fe_index *ix, const fe_job *job, fl_srcmap *sm, diag_sink *sink)
{
    CXTranslationUnit tu = NULL;
    struct CXUnsavedFile unsaved = {job->file, job->contents, (unsigned long)job->contents_len};
    enum CXErrorCode ec = clang_parseTranslationUnit2FullArgv(
        ix->cx, NULL, (const char *const *)job->argv, (int)job->argc, job->contents ? &unsaved : NULL,
        job->contents ? 1 : 0, CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles, &tu);
    if (ec != CXError_Success || !tu) {
        char *disp = fe_display_path(job->file ? job->file : "<unknown>");
        diag_sink_add(sink, diag_new(LVL_ERROR, NULL, NULL, "unable to parse '%s': %s", disp,
                                     error_reason(ec)));
        free(disp);
        if (tu)
            clang_disposeTranslationUnit(tu);
        return NULL;
    }
    filemap fm = {.tu = tu, .sm = sm, .dir = job->directory};
    CXFile mf = job->contents ? main_cxfile(tu, job) : NULL;
    if (mf) /* not on disk: the renderers read it from the map */
        fl_srcmap_set_contents(sm, fm_slot(&fm, mf)->id, job->contents, job->contents_len);
    if (report_errors(tu, &fm, sink)) {
        clang_disposeTranslationUnit(tu);
        return NULL;
    }
    fe_unit *u = fl_xcalloc(1, sizeof *u);
    u->tu = tu;
    u->arena = fl_arena_new();
    u->sm = sm;
    u->directory = fl_xstrdup(job->directory);
    u->main_cxfile = main_cxfile(tu, job);
    if (u->main_cxfile)
        u->main_file = fm_slot(&fm, u->main_cxfile)->id;
    else {
        char *disp = fe_display_path(job->file ? job->file : "<unknown>");
        u->main_file = fl_srcmap_intern(sm, disp);
        free(disp);
    }
    return u;
}

void fe_unit_release_clang(fe_unit *u)
{
    if (u && u->tu) {
        clang_disposeTranslationUnit(u->tu);
        u->tu = NULL;
    }
}

void fe_unit_free(fe_unit *u)
{
    if (!u)
        return;
    fe_unit_release_clang(u);
    fl_arena_free(u->arena);
    free(u->directory);
    free(u);
}

/* ---- cursor-keyed hash table ------------------------------------------------------------- */

typedef struct cmap_ent {
    CXCursor key;
    void *val; /* NULL: empty slot */
} cmap_ent;

typedef struct cmap {
    cmap_ent *e;
    size_t cap, n; /* cap is a power of two */
} cmap;

static void cmap_put(cmap *m, CXCursor k, void *v);

static void cmap_grow(cmap *m)
{
    cmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->e = fl_xcalloc(m->cap, sizeof *m->e);
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.e[i].val)
            cmap_put(m, old.e[i].key, old.e[i].val);
    free(old.e);
}

static void *cmap_get(const cmap *m, CXCursor k)
{
    if (!m->cap)
        return NULL;
    size_t mask = m->cap - 1;
    for (size_t i = clang_hashCursor(k) & mask;; i = (i + 1) & mask) {
        if (!m->e[i].val)
            return NULL;
        if (clang_equalCursors(m->e[i].key, k))
            return m->e[i].val;
    }
}

static void cmap_put(cmap *m, CXCursor k, void *v)
{
    if ((m->n + 1) * 2 > m->cap)
        cmap_grow(m);
    size_t mask = m->cap - 1;
    for (size_t i = clang_hashCursor(k) & mask;; i = (i + 1) & mask) {
        if (!m->e[i].val) {
            m->e[i] = (cmap_ent){k, v};
            m->n++;
            return;
        }
        if (clang_equalCursors(m->e[i].key, k)) {
            m->e[i].val = v;
            return;
        }
    }
}

static void cmap_free(cmap *m)
{
    free(m->e);
    *m = (cmap){0};
}

/* ---- the converter ------------------------------------------------------------------------ */

/* Distinct declarations of one function that bodies referred to, kept to merge annotations:
   a prototype in a header may carry FL_MOVE that the definition lacks, or the reverse. */
#define FN_MAX_REFS 4

typedef struct fninfo {
    CXCursor decl;    /* as first referenced */
    const char *name; /* arena */
    int noreturn;     /* -1: not computed yet */
    ast_callee *callee; /* filled in by finish_callees once every body is converted */
    CXCursor refs[FN_MAX_REFS];
    unsigned nrefs;
} fninfo;

/* Key of a type that has no declaration of its own (pointer, array, atomic, builtin...). */
typedef struct tkey {
    uint8_t kind;          /* ast_type_kind */
    uint16_t flags;        /* TYPE_F_CONST */
    const ast_type *inner;
    long long extra;       /* array size, builtin CXTypeKind */
    const char *str;       /* spelling, for the kinds told apart only by it (enums, functions) */
} tkey;

typedef struct tmap_ent {
    tkey k;
    ast_type *v; /* NULL: empty slot */
} tmap_ent;

typedef struct tmap {
    tmap_ent *e;
    size_t cap, n;
} tmap;

typedef struct conv {
    fe_unit *u;
    fl_arena *a;
    filemap fm;
    /* Children of the cursors being converted, every level stacked in one buffer. */
    FL_VEC(CXCursor) cs;
    /* Converted kids waiting for their parent node. */
    FL_VEC(ast_node *) ns;
    /* Variables of the open scopes, innermost last; scope_base: start of the innermost. */
    FL_VEC(ast_var *) scope_vars;
    size_t scope_base; /* SIZE_MAX: no scope open */
    FL_VEC(ast_var *) fnvars;
    FL_VEC(ast_var *) globals;
    cmap vars; /* canonical VarDecl/ParmDecl -> ast_var */
    cmap fns;  /* canonical FunctionDecl -> fninfo */
    FL_VEC(fninfo *) fnlist; /* every fninfo, in creation order */
    /* The unit's types: records and typedefs by canonical declaration (qualified views of them
       apart), the others by structure. */
    cmap tdecl, tdecl_const;
    tmap tother;
    /* Const views of records/typedefs, completed from their unqualified type at the end (the
       unqualified one may still be under construction when the view is made). */
    FL_VEC(ast_type *) views;
    /* Annotation texts and spans being collected for one declaration. */
    FL_VEC(const char *) atexts;
    FL_VEC(fl_span) aspans;
    /* The function named by the last function reference converted, so a call can tell whether
       its callee is that reference without asking libclang again. */
    fninfo *last_fn;
    ast_node *last_fn_node;
    uint32_t ntypes; /* ast_type ids handed out */
} conv;

/* Clang's SourceLocation raw encoding marks macro locations with the top bit; CXSourceLocation
   and CXSourceRange carry that raw encoding in int_data. Reading the bit avoids asking for the
   spelling location of every node just to learn whether it comes from a macro. */
#define RAW_MACRO_BIT 0x80000000u

static ast_node *conv_node(conv *cv, CXCursor c);
static void loc_after_first_kid(conv *cv, ast_node *n);
static ast_type *type_of(conv *cv, CXType t);
static ast_type *param_type(conv *cv, CXType t);
static ast_annots decl_annots(conv *cv, const CXCursor *ds, unsigned nd, fl_span *spans_out);
static uint16_t param_flags_of(ast_annots an);

static char *arena_string(fl_arena *a, CXString s)
{
    const char *c = clang_getCString(s);
    char *out = fl_arena_strdup(a, c ? c : "");
    clang_disposeString(s);
    return out;
}

static enum CXChildVisitResult collect_cb(CXCursor c, CXCursor parent, CXClientData data)
{
    conv *cv = data;
    fl_vec_push(&cv->cs, c);
    return CXChildVisit_Continue;
}

/* Push c's children on cv->cs; returns where they start (they end at cv->cs.len). */
static size_t collect_kids(conv *cv, CXCursor c)
{
    size_t base = cv->cs.len;
    clang_visitChildren(c, collect_cb, cv);
    return base;
}

/* Expansion file offset of a location; false when it is in no file. */
static bool exp_offset(conv *cv, CXSourceLocation l, file_slot **slot, unsigned *off)
{
    CXFile f = NULL;
    clang_getExpansionLocation(l, &f, NULL, NULL, off);
    if (!f)
        return false;
    *slot = fm_slot(&cv->fm, f);
    return true;
}

/* Span of a cursor's range. Code written as a macro argument is shown where the argument is
   written (clang_getFileLocation, as clang's own diagnostics do); code from a macro's body has
   no place of its own in the file, so it gets the whole expansion (the macro invocation). */
static fl_span range_span(conv *cv, CXSourceRange r)
{
    CXSourceLocation lb = clang_getRangeStart(r), le = clang_getRangeEnd(r);
    CXFile fb = NULL, fe = NULL;
    unsigned b, e;
    clang_getFileLocation(lb, &fb, NULL, NULL, &b);
    clang_getFileLocation(le, &fe, NULL, NULL, &e);
    if (fb && fe && e > b && clang_File_isEqual(fb, fe))
        return (fl_span){fm_slot(&cv->fm, fb)->id, b, e};
    file_slot *s;
    if (!exp_offset(cv, lb, &s, &b))
        return fl_span_none();
    uint32_t id = s->id;
    file_slot *s2;
    if (!exp_offset(cv, le, &s2, &e) || s2->id != id || e < b)
        e = b;
    return (fl_span){id, b, e};
}

static uint16_t ty_flags(CXType t)
{
    if (t.kind == CXType_Invalid)
        return 0;
    CXType c = clang_getCanonicalType(t);
    uint16_t f = 0;
    if (clang_isConstQualifiedType(c))
        f |= TY_CONST;
    if (clang_isVolatileQualifiedType(c))
        f |= TY_VOLATILE;
    switch (c.kind) {
    case CXType_Void:
        f |= TY_VOID;
        break;
    case CXType_Enum:
        f |= TY_INT;
        break;
    case CXType_Float: case CXType_Double: case CXType_LongDouble: case CXType_Float128:
    case CXType_Half: case CXType_Float16: case CXType_BFloat16: case CXType_Ibm128:
    case CXType_Complex:
        f |= TY_FLOAT;
        break;
    case CXType_Pointer: case CXType_BlockPointer:
        f |= TY_POINTER;
        break;
    case CXType_ConstantArray: case CXType_IncompleteArray: case CXType_VariableArray:
    case CXType_DependentSizedArray:
        f |= TY_ARRAY;
        break;
    case CXType_Record:
        f |= TY_RECORD;
        break;
    case CXType_FunctionProto: case CXType_FunctionNoProto:
        f |= TY_FUNCTION;
        break;
    case CXType_Atomic:
        f |= TY_ATOMIC | ty_flags(clang_Type_getValueType(c));
        break;
    case CXType_Elaborated:
        f |= ty_flags(clang_Type_getNamedType(c));
        break;
    default:
        if (c.kind >= CXType_Bool && c.kind <= CXType_Int128)
            f |= TY_INT;
        break;
    }
    return f;
}

/* A node with kind, span, loc, macro flag and (for expressions) type. */
static ast_node *mk(conv *cv, ast_kind k, CXCursor c)
{
    ast_node *n = FL_NEW(cv->a, ast_node);
    n->kind = (uint8_t)k;
    CXSourceRange r = clang_getCursorExtent(c);
    n->span = range_span(cv, r);
    CXSourceLocation l = clang_getCursorLocation(c);
    n->loc = n->span.begin;
    if (l.int_data != r.begin_int_data) {
        file_slot *s;
        unsigned off;
        if (exp_offset(cv, l, &s, &off) && s->id == n->span.file)
            n->loc = off;
    }
    if (l.int_data & RAW_MACRO_BIT)
        n->flags |= AST_F_IN_MACRO;
    if (clang_isExpression(c.kind))
        n->ty = ty_flags(clang_getCursorType(c));
    return n;
}

/* Give n the kids pushed on cv->ns since nbase. A node holds at most UINT16_MAX kids; longer
   lists (huge initializers) are split into AST_OTHER groups, which keep the order. */
static void take_kids(conv *cv, ast_node *n, size_t nbase)
{
    size_t k = cv->ns.len - nbase;
    if (k > UINT16_MAX) {
        size_t groups = (k + UINT16_MAX - 1) / UINT16_MAX;
        ast_node **g = FL_NEW_ARRAY(cv->a, ast_node *, groups);
        for (size_t i = 0; i < groups; i++) {
            size_t from = i * UINT16_MAX, cnt = k - from < UINT16_MAX ? k - from : UINT16_MAX;
            g[i] = FL_NEW(cv->a, ast_node);
            g[i]->kind = AST_OTHER;
            g[i]->span = n->span;
            g[i]->loc = n->loc;
            g[i]->nkids = (uint16_t)cnt;
            g[i]->kids = fl_arena_memdup(cv->a, &cv->ns.items[nbase + from], cnt * sizeof(ast_node *));
        }
        n->nkids = (uint16_t)groups;
        n->kids = g;
    } else {
        n->nkids = (uint16_t)k;
        n->kids = k ? fl_arena_memdup(cv->a, &cv->ns.items[nbase], k * sizeof(ast_node *)) : NULL;
    }
    cv->ns.len = nbase;
}

/* Convert every child of c (dropping those that are not statements or expressions) as n's kids. */
static void conv_all_kids(conv *cv, CXCursor c, ast_node *n)
{
    size_t nb = cv->ns.len;
    size_t b = collect_kids(cv, c), k = cv->cs.len - b;
    for (size_t i = 0; i < k; i++) {
        ast_node *kid = conv_node(cv, cv->cs.items[b + i]);
        if (kid)
            fl_vec_push(&cv->ns, kid);
    }
    cv->cs.len = b;
    take_kids(cv, n, nb);
}

/* Convert only c's last child (the operand of a cast, after the type) as n's only kid. */
static void conv_last_kid(conv *cv, CXCursor c, ast_node *n)
{
    size_t b = collect_kids(cv, c), k = cv->cs.len - b;
    ast_node *kid = k ? conv_node(cv, cv->cs.items[b + k - 1]) : NULL;
    cv->cs.len = b;
    if (kid) {
        n->kids = FL_NEW_ARRAY(cv->a, ast_node *, 1);
        n->kids[0] = kid;
        n->nkids = 1;
    }
}

/* ---- scopes and variables ---- */

static size_t scope_open(conv *cv)
{
    size_t old = cv->scope_base;
    cv->scope_base = cv->scope_vars.len;
    return old;
}

static ast_scope *scope_close(conv *cv, size_t old)
{
    ast_scope *s = FL_NEW(cv->a, ast_scope);
    size_t n = cv->scope_vars.len - cv->scope_base;
    s->nvars = (uint32_t)n;
    s->vars = n ? fl_arena_memdup(cv->a, &cv->scope_vars.items[cv->scope_base], n * sizeof(ast_var *)) : NULL;
    cv->scope_vars.len = cv->scope_base;
    cv->scope_base = old;
    return s;
}

static void scope_add(conv *cv, ast_var *v)
{
    if (cv->scope_base != SIZE_MAX)
        fl_vec_push(&cv->scope_vars, v);
}

static bool is_ident_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
}

/* The span of a declaration's name: the name token where it is written, else (macro) the
   declaration's expansion. */
static fl_span name_span(conv *cv, CXCursor d, const char *name)
{
    CXSourceLocation l = clang_getCursorLocation(d);
    file_slot *s;
    unsigned off;
    if (!(l.int_data & RAW_MACRO_BIT) && exp_offset(cv, l, &s, &off))
        return (fl_span){s->id, off, off + (uint32_t)strlen(name)};
    return range_span(cv, clang_getCursorExtent(d));
}

static ast_var *new_var(conv *cv, CXCursor d, ast_storage st)
{
    ast_var *v = FL_NEW(cv->a, ast_var);
    v->name = arena_string(cv->a, clang_getCursorSpelling(d));
    CXType t = clang_getCursorType(d);
    v->type_name = arena_string(cv->a, clang_getTypeSpelling(t));
    v->ty = ty_flags(t);
    if (st == STORAGE_PARAM) {
        v->type = param_type(cv, t);
        /* libclang gives a parameter's type as written; `int a[]` is a pointer all the same,
           and naming it does not take the address of an array of this function. */
        if (v->type->kind == TYPE_POINTER && (v->ty & (TY_ARRAY | TY_FUNCTION)))
            v->ty = TY_POINTER;
    } else
        v->type = type_of(cv, t);
    v->storage = st;
    v->span = name_span(cv, d, v->name);
    v->annots = decl_annots(cv, &d, 1, NULL);
    /* The parameter's own annotations; merged over the function's other declarations once
       every body is converted (finish_callees). */
    if (st == STORAGE_PARAM)
        v->param_flags = param_flags_of(v->annots);
    return v;
}

static void add_fn_var(conv *cv, ast_var *v)
{
    v->index = (uint32_t)cv->fnvars.len;
    fl_vec_push(&cv->fnvars, v);
}

/* The ast_var of a file-scope (or block-scope extern) variable, created on first use. */
static ast_var *global_var(conv *cv, CXCursor d)
{
    CXCursor canon = clang_getCanonicalCursor(d);
    ast_var *v = cmap_get(&cv->vars, canon);
    if (v)
        return v;
    /* Point at the definition when the unit has one: that is where users look. */
    CXCursor def = clang_getCursorDefinition(canon);
    CXCursor at = clang_Cursor_isNull(def) ? canon : def;
    v = new_var(cv, at, clang_getCursorTLSKind(at) != CXTLS_None ? STORAGE_THREAD_LOCAL : STORAGE_GLOBAL);
    if (clang_getCursorLinkage(at) == CXLinkage_Internal)
        v->flags |= AST_VAR_INTERNAL;
    if (!clang_Cursor_isNull(def))
        v->flags |= AST_VAR_DEFINED;
    if (!clang_Cursor_isNull(def) && !clang_equalCursors(def, canon)) {
        CXCursor ds[2] = {def, canon};
        v->annots = decl_annots(cv, ds, 2, NULL);
    }
    v->index = (uint32_t)cv->globals.len;
    fl_vec_push(&cv->globals, v);
    cmap_put(&cv->vars, canon, v);
    return v;
}

/* ---- clang's thread-safety attributes ----
 *
 * guarded_by(mu), exclusive_locks_required(a, b)... reach libclang as CXCursor_UnexposedAttr
 * children without their arguments, so they are read back from the source text: the spelling
 * location of the attribute points at its name (`guarded_by`), inside a macro definition when a
 * project spells it through one (OVS_GUARDED_BY(mutex)). Then the arguments written there are
 * macro parameters, and the values are at the expansion site: the parameters of the enclosing
 * `#define NAME(params)` are replaced by the invocation's arguments, when the expansion site
 * invokes that same macro. Anything else that cannot be read exactly yields no text: a missing
 * annotation costs a finding, a wrong one would cost a false alarm. Only attribute cursors pay
 * for this (a few per thousand declarations). */

/* clang's spellings (legacy and capability names) and the fearless text kind they become */
static const struct { const char *attr, *kind; } clang_ts_attrs[] = {
    {"guarded_by", "guarded_by"},
    {"pt_guarded_by", "pt_guarded_by"},
    {"requires_capability", "requires"},
    {"exclusive_locks_required", "requires"},
    {"requires_shared_capability", "requires_shared"},
    {"shared_locks_required", "requires_shared"},
    {"acquire_capability", "acquire"},
    {"exclusive_lock_function", "acquire"},
    {"acquire_shared_capability", "acquire_shared"},
    {"shared_lock_function", "acquire_shared"},
    {"release_capability", "release"},
    {"release_shared_capability", "release"},
    {"release_generic_capability", "release"},
    {"unlock_function", "release"},
    {"locks_excluded", "excludes"},
    {"try_acquire_capability", "try_acquire"},
    {"exclusive_trylock_function", "try_acquire"},
    {"try_acquire_shared_capability", "try_acquire_shared"},
    {"shared_trylock_function", "try_acquire_shared"},
};

static bool is_space_ch(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v'; }

/* Skip blanks and backslash-newlines from `i`. */
static size_t skip_blank(const char *t, size_t len, size_t i)
{
    while (i < len) {
        if (is_space_ch(t[i]))
            i++;
        else if (t[i] == '\\' && i + 1 < len && (t[i + 1] == '\n' || t[i + 1] == '\r'))
            i += 2;
        else
            break;
    }
    return i;
}

/* The parenthesized text starting at t[i] == '(': its inside as [*b, *e), the index after ')'
   returned; 0 when unbalanced (or absurdly long: not an attribute argument list). */
static size_t paren_group(const char *t, size_t len, size_t i, size_t *b, size_t *e)
{
    if (i >= len || t[i] != '(')
        return 0;
    int depth = 0;
    for (size_t j = i; j < len && j < i + 1024; j++) {
        if (t[j] == '(')
            depth++;
        else if (t[j] == ')' && --depth == 0) {
            *b = i + 1;
            *e = j;
            return j + 1;
        }
    }
    return 0;
}

/* Split [b, e) at top-level commas into at most `max` trimmed pieces; the count, or -1. */
#define TS_MAX_ARGS 16
static int split_args(const char *t, size_t b, size_t e, size_t *ab, size_t *ae, int max)
{
    int n = 0, depth = 0;
    size_t s = b;
    for (size_t j = b; j <= e; j++) {
        if (j < e && (t[j] == '(' || t[j] == '['))
            depth++;
        else if (j < e && (t[j] == ')' || t[j] == ']'))
            depth--;
        else if (j == e || (t[j] == ',' && depth == 0)) {
            if (n == max)
                return -1;
            size_t x = skip_blank(t, e, s), y = j;
            while (y > x && (is_space_ch(t[y - 1]) || t[y - 1] == '\\'))
                y--;
            ab[n] = x;
            ae[n] = y;
            n++;
            s = j + 1;
        }
    }
    return n;
}

/* The parameters of the `#define NAME(params)` whose replacement list contains offset `off`,
   if any: name as [*nb, *ne), parameter k as [pb[k], pe[k]); the parameter count, -1 when `off`
   is not inside a function-like macro definition. */
static int enclosing_define(const char *t, size_t off, size_t *nb, size_t *ne, size_t *pb, size_t *pe)
{
    /* start of the logical line: back over lines ending in a backslash */
    size_t ls = off;
    for (int guard = 0; guard < 64; guard++) {
        while (ls > 0 && t[ls - 1] != '\n')
            ls--;
        if (ls >= 2 && t[ls - 2] == '\\')
            ls--;
        else if (ls >= 3 && t[ls - 2] == '\r' && t[ls - 3] == '\\')
            ls -= 2;
        else
            break;
    }
    size_t i = skip_blank(t, off, ls);
    if (i >= off || t[i] != '#')
        return -1;
    i = skip_blank(t, off, i + 1);
    if (off - i < 6 || memcmp(t + i, "define", 6) != 0 || is_ident_char(t[i + 6]))
        return -1;
    i = skip_blank(t, off, i + 6);
    *nb = i;
    while (i < off && is_ident_char(t[i]))
        i++;
    *ne = i;
    if (*ne == *nb || i >= off || t[i] != '(')
        return -1; /* object-like: its replacement has no parameters */
    size_t b, e;
    if (!paren_group(t, off, i, &b, &e))
        return -1;
    return split_args(t, b, e, pb, pe, TS_MAX_ARGS);
}

/* Append [b, e) to buf with blank runs collapsed to one space. */
static void put_collapsed(char *buf, size_t cap, size_t *k, const char *t, size_t b, size_t e)
{
    for (size_t j = b; j < e && *k + 1 < cap; j++) {
        if (is_space_ch(t[j]) || (t[j] == '\\' && j + 1 < e && (t[j + 1] == '\n' || t[j + 1] == '\r'))) {
            j = skip_blank(t, e, j) - 1;
            if (*k && buf[*k - 1] != ' ')
                buf[(*k)++] = ' ';
        } else {
            buf[(*k)++] = t[j];
        }
    }
}

/* The fearless text ("requires:a, b") of one thread-safety attribute cursor, or NULL. */
static const char *clang_ts_text(conv *cv, CXCursor c)
{
    CXSourceLocation loc = clang_getRangeStart(clang_getCursorExtent(c));
    CXFile f = NULL;
    unsigned off = 0;
    clang_getSpellingLocation(loc, &f, NULL, NULL, &off);
    if (!f)
        return NULL;
    size_t len;
    const char *t = fm_text(&cv->fm, fm_slot(&cv->fm, f), &len);
    if (!t || off >= len || !is_ident_char(t[off]))
        return NULL;
    size_t nb = off, ne = off;
    while (ne < len && is_ident_char(t[ne]))
        ne++;
    size_t name_end = ne;
    /* __guarded_by__ is guarded_by */
    if (ne - nb > 4 && t[nb] == '_' && t[nb + 1] == '_' && t[ne - 1] == '_' && t[ne - 2] == '_')
        nb += 2, ne -= 2;
    const char *kind = NULL;
    for (size_t i = 0; i < sizeof clang_ts_attrs / sizeof *clang_ts_attrs && !kind; i++)
        if (strlen(clang_ts_attrs[i].attr) == ne - nb && !memcmp(t + nb, clang_ts_attrs[i].attr, ne - nb))
            kind = clang_ts_attrs[i].kind;
    if (!kind) {
        /* the one argument-less attribute that matters: the function opts out of the analysis */
        static const char nts[] = "no_thread_safety_analysis";
        if (ne - nb == sizeof nts - 1 && !memcmp(t + nb, nts, ne - nb))
            return "no_thread_safety_analysis";
        return NULL;
    }
    size_t ab, ae;
    if (!paren_group(t, len, skip_blank(t, len, name_end), &ab, &ae))
        return NULL; /* no arguments: `this` in C++, nothing we can name in C */
    size_t xb[TS_MAX_ARGS], xe[TS_MAX_ARGS];
    int nx = split_args(t, ab, ae, xb, xe, TS_MAX_ARGS);
    if (nx <= 0 || (nx == 1 && xb[0] == xe[0]))
        return NULL;

    /* Inside a macro definition: map its parameters to the invocation's arguments. */
    size_t dnb, dne, pb[TS_MAX_ARGS], pe[TS_MAX_ARGS];
    int np = (loc.int_data & RAW_MACRO_BIT) ? enclosing_define(t, off, &dnb, &dne, pb, pe) : -1;
    const char *u = NULL; /* the invocation's text */
    size_t ub[TS_MAX_ARGS], ue[TS_MAX_ARGS];
    int nu = 0;
    if (np > 0) {
        CXFile ef = NULL;
        unsigned eoff = 0;
        clang_getExpansionLocation(loc, &ef, NULL, NULL, &eoff);
        size_t ulen;
        u = ef ? fm_text(&cv->fm, fm_slot(&cv->fm, ef), &ulen) : NULL;
        size_t b, e;
        if (!u || eoff + (dne - dnb) > ulen || memcmp(u + eoff, t + dnb, dne - dnb) != 0 ||
            (eoff + (dne - dnb) < ulen && is_ident_char(u[eoff + (dne - dnb)])) ||
            !paren_group(u, ulen, skip_blank(u, ulen, eoff + (dne - dnb)), &b, &e))
            u = NULL; /* expanded through another macro: the values are not at hand */
        else if ((nu = split_args(u, b, e, ub, ue, TS_MAX_ARGS)) < 0)
            u = NULL;
    }

    char buf[512];
    size_t k = 0;
    k += (size_t)snprintf(buf, sizeof buf, "%s:", kind);
    for (int a = 0; a < nx; a++) {
        if (a && k + 2 < sizeof buf)
            buf[k++] = ',', buf[k++] = ' ';
        /* token by token: identifiers may be parameters of the enclosing macro */
        for (size_t j = xb[a]; j < xe[a];) {
            if (!is_ident_char(t[j])) {
                size_t j2 = j + 1;
                while (j2 < xe[a] && !is_ident_char(t[j2]))
                    j2++;
                put_collapsed(buf, sizeof buf, &k, t, j, j2);
                j = j2;
                continue;
            }
            size_t j2 = j;
            while (j2 < xe[a] && is_ident_char(t[j2]))
                j2++;
            int p = -1;
            for (int q = 0; q < np && p < 0; q++)
                if (pe[q] - pb[q] == j2 - j && !memcmp(t + pb[q], t + j, j2 - j))
                    p = q;
            bool va = j2 - j == 11 && !memcmp(t + j, "__VA_ARGS__", 11);
            if (va && np > 0 && pe[np - 1] - pb[np - 1] == 3 && !memcmp(t + pb[np - 1], "...", 3))
                p = np - 1;
            if (p < 0) {
                if (va)
                    return NULL;
                put_collapsed(buf, sizeof buf, &k, t, j, j2);
            } else if (!u) {
                return NULL; /* a parameter whose value we cannot see */
            } else if (va) {
                if (p >= nu)
                    return NULL;
                for (int q = p; q < nu; q++) {
                    if (q > p && k + 2 < sizeof buf)
                        buf[k++] = ',', buf[k++] = ' ';
                    put_collapsed(buf, sizeof buf, &k, u, ub[q], ue[q]);
                }
            } else {
                if (p >= nu)
                    return NULL;
                put_collapsed(buf, sizeof buf, &k, u, ub[p], ue[p]);
            }
            j = j2;
        }
    }
    if (k + 1 >= sizeof buf)
        return NULL; /* truncated */
    buf[k] = '\0';
    return fl_arena_strdup(cv->a, buf);
}

/* ---- annotations ---- */

#define ANNOT_PREFIX "fearless:"
#define ANNOT_PREFIX_LEN (sizeof ANNOT_PREFIX - 1)

static enum CXChildVisitResult annot_cb(CXCursor c, CXCursor parent, CXClientData data)
{
    conv *cv = data;
    if (c.kind == CXCursor_UnexposedAttr) {
        /* clang's own thread-safety attributes, in the same texts */
        const char *t = clang_ts_text(cv, c);
        bool dup = !t;
        for (size_t i = 0; i < cv->atexts.len && !dup; i++)
            dup = !strcmp(cv->atexts.items[i], t);
        if (!dup) {
            fl_vec_push(&cv->atexts, t);
            fl_vec_push(&cv->aspans, range_span(cv, clang_getCursorExtent(c)));
        }
        return CXChildVisit_Continue;
    }
    if (c.kind != CXCursor_AnnotateAttr)
        return CXChildVisit_Continue;
    CXString s = clang_getCursorSpelling(c);
    const char *t = clang_getCString(s);
    if (t && !strncmp(t, ANNOT_PREFIX, ANNOT_PREFIX_LEN)) {
        t += ANNOT_PREFIX_LEN;
        /* Clang copies inherited attributes onto later declarations: keep each text once. */
        bool dup = false;
        for (size_t i = 0; i < cv->atexts.len && !dup; i++)
            dup = !strcmp(cv->atexts.items[i], t);
        if (!dup) {
            fl_vec_push(&cv->atexts, fl_arena_strdup(cv->a, t));
            /* An attribute written through a macro spans the macro's use: where users look. */
            fl_vec_push(&cv->aspans, range_span(cv, clang_getCursorExtent(c)));
        }
    }
    clang_disposeString(s);
    return CXChildVisit_Continue;
}

/* The fearless annotations on the declarations ds[0..nd) of one entity, merged, in the order
   met. With spans_out, their spans go there (an array of at least as many entries as texts;
   the caller sizes it with ANNOT_MAX). clang_Cursor_hasAttrs spares the visit of declarations
   without attributes, which is nearly all of them. Not reentrant: the collection buffers are
   shared, and nothing below visits types. */
#define ANNOT_MAX 16
static ast_annots decl_annots(conv *cv, const CXCursor *ds, unsigned nd, fl_span *spans_out)
{
    cv->atexts.len = cv->aspans.len = 0;
    for (unsigned i = 0; i < nd; i++) {
        bool seen = clang_Cursor_isNull(ds[i]);
        for (unsigned j = 0; j < i && !seen; j++)
            seen = clang_equalCursors(ds[i], ds[j]);
        if (!seen && clang_Cursor_hasAttrs(ds[i]))
            clang_visitChildren(ds[i], annot_cb, cv);
    }
    ast_annots an = {0};
    if (!cv->atexts.len)
        return an;
    an.n = (uint32_t)cv->atexts.len;
    an.texts = fl_arena_memdup(cv->a, cv->atexts.items, an.n * sizeof *an.texts);
    if (cv->aspans.len == an.n)
        an.spans = fl_arena_memdup(cv->a, cv->aspans.items, an.n * sizeof *an.spans);
    if (spans_out)
        for (size_t i = 0; i < cv->aspans.len && i < ANNOT_MAX; i++)
            spans_out[i] = cv->aspans.items[i];
    return an;
}

static uint16_t param_flags_of(ast_annots an)
{
    uint16_t f = 0;
    for (uint32_t i = 0; i < an.n; i++) {
        const char *t = an.texts[i];
        if (!strcmp(t, "move"))
            f |= PARAM_MOVE;
        else if (!strcmp(t, "sends"))
            f |= PARAM_SENDS | PARAM_MOVE;
        else if (!strcmp(t, "thread_fn"))
            f |= PARAM_THREAD_FN;
        else if (!strcmp(t, "thread_arg"))
            f |= PARAM_THREAD_ARG;
        else if (!strcmp(t, "thread_handle"))
            f |= PARAM_THREAD_HANDLE;
        else if (!strcmp(t, "joins"))
            f |= PARAM_JOINS;
    }
    return f;
}

/* TYPE_F_SEND... from a record's or typedef's annotations; annot_span: the first of them. */
static void type_annots(conv *cv, ast_type *ty, const CXCursor *ds, unsigned nd)
{
    fl_span spans[ANNOT_MAX];
    ty->annots = decl_annots(cv, ds, nd, spans);
    for (uint32_t i = 0; i < ty->annots.n; i++) {
        const char *t = ty->annots.texts[i];
        uint16_t f = !strcmp(t, "send") ? TYPE_F_SEND
                     : !strcmp(t, "sync") ? TYPE_F_SYNC
                     : !strcmp(t, "not_send") ? TYPE_F_NOT_SEND
                     : !strcmp(t, "not_sync") ? TYPE_F_NOT_SYNC : 0;
        if (!f)
            continue;
        if (!(ty->flags & (TYPE_F_SEND | TYPE_F_SYNC | TYPE_F_NOT_SEND | TYPE_F_NOT_SYNC)) && i < ANNOT_MAX)
            ty->annot_span = spans[i];
        ty->flags |= f;
    }
}

/* ---- the type table ---- */

static size_t tkey_hash(const tkey *k)
{
    size_t h = (size_t)k->kind * 0x9e3779b97f4a7c15u ^ (size_t)k->flags * 0x85ebca6bu ^
               (size_t)(uintptr_t)k->inner * 31u ^ (size_t)k->extra * 0xc2b2ae35u;
    if (k->str)
        for (const char *p = k->str; *p; p++)
            h = h * 131u + (unsigned char)*p;
    return h ^ (h >> 17);
}

static bool tkey_eq(const tkey *a, const tkey *b)
{
    return a->kind == b->kind && a->flags == b->flags && a->inner == b->inner && a->extra == b->extra &&
           (a->str == b->str || (a->str && b->str && !strcmp(a->str, b->str)));
}

static void tmap_put(tmap *m, const tkey *k, ast_type *v);

static void tmap_grow(tmap *m)
{
    tmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->e = fl_xcalloc(m->cap, sizeof *m->e);
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.e[i].v)
            tmap_put(m, &old.e[i].k, old.e[i].v);
    free(old.e);
}

static ast_type *tmap_get(const tmap *m, const tkey *k)
{
    if (!m->cap)
        return NULL;
    size_t mask = m->cap - 1;
    for (size_t i = tkey_hash(k) & mask;; i = (i + 1) & mask) {
        if (!m->e[i].v)
            return NULL;
        if (tkey_eq(&m->e[i].k, k))
            return m->e[i].v;
    }
}

/* k->str must live as long as the map (arena). */
static void tmap_put(tmap *m, const tkey *k, ast_type *v)
{
    if ((m->n + 1) * 2 > m->cap)
        tmap_grow(m);
    size_t mask = m->cap - 1;
    for (size_t i = tkey_hash(k) & mask;; i = (i + 1) & mask) {
        if (!m->e[i].v) {
            m->e[i] = (tmap_ent){*k, v};
            m->n++;
            return;
        }
        if (tkey_eq(&m->e[i].k, k)) {
            m->e[i].v = v;
            return;
        }
    }
}

/* A type's spelling for messages. Clang names unnamed records by where they are,
   "struct (unnamed at /abs/path/x.h:12:5)"; the type's span says that better, so keep
   "struct (unnamed)". */
static const char *type_spelling(conv *cv, CXType t)
{
    char *s = arena_string(cv->a, clang_getTypeSpelling(t));
    for (char *p = s; (p = strchr(p, '(')) != NULL; p++) {
        if (strncmp(p, "(unnamed", 8) && strncmp(p, "(anonymous", 10))
            continue;
        char *at = strstr(p, " at "), *close = at ? strchr(at, ')') : NULL;
        if (at && close && !memchr(p, ')', (size_t)(at - p)))
            memmove(at, close, strlen(close) + 1);
    }
    return s;
}

static ast_type *new_type(conv *cv, ast_type_kind kind, uint16_t flags, const char *name)
{
    ast_type *ty = FL_NEW(cv->a, ast_type);
    ty->kind = (uint8_t)kind;
    ty->flags = flags;
    ty->name = name;
    ty->span = fl_span_none();
    ty->annot_span = fl_span_none();
    ty->id = cv->ntypes++;
    return ty;
}

/* A structural type: found by key, else made (name from clang) and registered. The key's
   string, when set, must be in the arena. */
static ast_type *structural(conv *cv, tkey *k, CXType t, ast_type_kind kind)
{
    ast_type *ty = tmap_get(&cv->tother, k);
    if (ty)
        return ty;
    ty = new_type(cv, kind, k->flags, k->str ? k->str : type_spelling(cv, t));
    ty->inner = (ast_type *)k->inner;
    tmap_put(&cv->tother, k, ty);
    return ty;
}

static bool is_identifier(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!is_ident_char(*s))
            return false;
    return true;
}

/* The span of a record's or typedef's name in its declaration; the declaration's location for
   unnamed ones. */
static fl_span decl_name_span(conv *cv, CXCursor d)
{
    CXString s = clang_getCursorSpelling(d);
    const char *name = clang_getCString(s);
    fl_span sp;
    if (name && is_identifier(name))
        sp = name_span(cv, d, name);
    else {
        file_slot *slot;
        unsigned off;
        sp = exp_offset(cv, clang_getCursorLocation(d), &slot, &off) ? (fl_span){slot->id, off, off}
                                                                     : fl_span_none();
    }
    clang_disposeString(s);
    return sp;
}

/* The const-qualified view of a record or typedef: its own ast_type (pointer identity keeps
   `const struct job` apart from `struct job`), completed from `base` at the end of the unit. */
static ast_type *const_view(conv *cv, CXCursor canon, ast_type *base)
{
    ast_type *v = cmap_get(&cv->tdecl_const, canon);
    if (v)
        return v;
    v = new_type(cv, (ast_type_kind)base->kind, TYPE_F_CONST, fl_arena_sprintf(cv->a, "const %s", base->name));
    cmap_put(&cv->tdecl_const, canon, v);
    fl_vec_push(&cv->views, v);
    fl_vec_push(&cv->views, base);
    return v;
}

static enum CXVisitorResult field_cb(CXCursor c, CXClientData data)
{
    conv *cv = data;
    fl_vec_push(&cv->cs, c);
    return CXVisit_Continue;
}

static ast_type *record_type(conv *cv, CXType t, bool is_const)
{
    CXCursor decl = clang_getTypeDeclaration(t);
    CXCursor canon = clang_getCanonicalCursor(decl);
    ast_type *ty = cmap_get(&cv->tdecl, canon);
    if (!ty) {
        ty = new_type(cv, TYPE_RECORD, canon.kind == CXCursor_UnionDecl ? TYPE_F_UNION : 0,
                      type_spelling(cv, clang_getCursorType(canon)));
        /* Registered before the fields are converted: `struct node *next` finds it. */
        cmap_put(&cv->tdecl, canon, ty);
        CXCursor def = clang_getCursorDefinition(canon);
        bool complete = !clang_Cursor_isNull(def);
        CXCursor ds[3] = {complete ? def : decl, canon, decl};
        type_annots(cv, ty, ds, 3);
        ty->span = decl_name_span(cv, complete ? def : canon);
        if (!complete)
            ty->flags |= TYPE_F_INCOMPLETE;
        else {
            size_t b = cv->cs.len;
            clang_Type_visitFields(clang_getCursorType(def), field_cb, cv);
            size_t k = cv->cs.len - b;
            ty->nfields = (uint32_t)k;
            ty->fields = k ? FL_NEW_ARRAY(cv->a, ast_field, k) : NULL;
            for (size_t i = 0; i < k; i++) {
                CXCursor f = cv->cs.items[b + i];
                ast_field *fd = &ty->fields[i];
                fd->name = arena_string(cv->a, clang_getCursorSpelling(f));
                fd->span = decl_name_span(cv, f);
                /* An anonymous struct/union member: libclang spells the field by its type. */
                if (!is_identifier(fd->name))
                    fd->name = "";
                fd->annots = decl_annots(cv, &f, 1, NULL);
                /* May convert other records, which push their fields above ours. */
                fd->type = type_of(cv, clang_getCursorType(f));
            }
            cv->cs.len = b;
        }
    }
    return is_const ? const_view(cv, canon, ty) : ty;
}

static ast_type *typedef_type(conv *cv, CXType t, bool is_const)
{
    CXCursor decl = clang_getTypeDeclaration(t);
    CXCursor canon = clang_getCanonicalCursor(decl);
    ast_type *ty = cmap_get(&cv->tdecl, canon);
    if (!ty) {
        ty = new_type(cv, TYPE_TYPEDEF, 0, arena_string(cv->a, clang_getCursorSpelling(canon)));
        cmap_put(&cv->tdecl, canon, ty);
        CXCursor ds[2] = {decl, canon};
        type_annots(cv, ty, ds, 2);
        ty->span = decl_name_span(cv, decl);
        ty->inner = type_of(cv, clang_getTypedefDeclUnderlyingType(decl));
    }
    return is_const ? const_view(cv, canon, ty) : ty;
}

/* The unit's ast_type for t, made on first use. Sugar clang adds (elaboration `struct x`,
   attributes, parentheses) is looked through; typedefs are kept as layers. */
static ast_type *type_of(conv *cv, CXType t)
{
    bool is_const = false;
    for (int guard = 0; guard < 16; guard++) {
        if (t.kind == CXType_Invalid)
            break;
        if (clang_isConstQualifiedType(t))
            is_const = true;
        if (t.kind == CXType_Elaborated)
            t = clang_Type_getNamedType(t);
        else if (t.kind == CXType_Attributed || t.kind == CXType_BTFTagAttributed)
            t = clang_Type_getModifiedType(t);
        else if (t.kind == CXType_Unexposed) {
            /* typeof, decayed parameters and other sugar libclang does not expose */
            CXType c = clang_getCanonicalType(t);
            if (c.kind == CXType_Unexposed || c.kind == CXType_Invalid)
                break;
            t = c;
        } else
            break;
    }
    uint16_t cf = is_const ? TYPE_F_CONST : 0;
    tkey k = {.flags = cf};
    switch (t.kind) {
    case CXType_Typedef:
        return typedef_type(cv, t, is_const);
    case CXType_Record:
        return record_type(cv, t, is_const);
    case CXType_Pointer:
    case CXType_BlockPointer:
        k.kind = TYPE_POINTER;
        k.inner = type_of(cv, clang_getPointeeType(t));
        return structural(cv, &k, t, TYPE_POINTER);
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
    case CXType_VariableArray:
    case CXType_DependentSizedArray:
        k.kind = TYPE_ARRAY;
        k.inner = type_of(cv, clang_getArrayElementType(t));
        k.extra = clang_getArraySize(t);
        return structural(cv, &k, t, TYPE_ARRAY);
    case CXType_Atomic:
        k.kind = TYPE_ATOMIC;
        k.inner = type_of(cv, clang_Type_getValueType(t));
        return structural(cv, &k, t, TYPE_ATOMIC);
    case CXType_Void:
        k.kind = TYPE_VOID;
        return structural(cv, &k, t, TYPE_VOID);
    case CXType_Enum:
    case CXType_FunctionProto:
    case CXType_FunctionNoProto:
        /* told apart by their spelling only (enums are scalars for the checks) */
        k.kind = t.kind == CXType_Enum ? TYPE_SCALAR : TYPE_FUNCTION;
        k.str = type_spelling(cv, t);
        return structural(cv, &k, t, (ast_type_kind)k.kind);
    default:
        if ((t.kind >= CXType_Bool && t.kind <= CXType_Int128) ||
            (t.kind >= CXType_Float && t.kind <= CXType_LongDouble) || t.kind == CXType_Float128 ||
            t.kind == CXType_Half || t.kind == CXType_Float16 || t.kind == CXType_BFloat16 ||
            t.kind == CXType_Ibm128) {
            k.kind = TYPE_SCALAR;
            k.extra = t.kind;
            return structural(cv, &k, t, TYPE_SCALAR);
        }
        k.kind = TYPE_OTHER;
        k.str = type_spelling(cv, t);
        return structural(cv, &k, t, TYPE_OTHER);
    }
}

/* The spelling of the pointer an array or function type written as a parameter decays to:
   "int[]" -> "int *", "int[2][4]" -> "int (*)[4]", "void (*[2])(int)" -> "void (**)(int)",
   "void (int)" -> "void (*)(int)". Only for messages: identity comes from the key. */
static const char *decayed_spelling(conv *cv, const char *sp, bool function)
{
    const char *open = strchr(sp, function ? '(' : '[');
    if (!open)
        return fl_arena_sprintf(cv->a, "%s *", sp);
    if (function)
        return fl_arena_sprintf(cv->a, "%.*s(*)%s", (int)(open - sp), sp, open);
    const char *close = strchr(open, ']');
    if (!close)
        return fl_arena_sprintf(cv->a, "%s *", sp);
    close++;
    bool inside = open > sp && (open[-1] == '*' || open[-1] == '(');
    bool more = *close == '[';
    size_t head = (size_t)(open - sp);
    while (!inside && head && sp[head - 1] == ' ')
        head--;
    return fl_arena_sprintf(cv->a, "%.*s%s%s", (int)head, sp, inside ? "*" : more ? " (*)" : " *", close);
}

/* The type of a parameter declared with type t: arrays and functions decay to pointers. */
static ast_type *param_type(conv *cv, CXType t)
{
    CXType c = clang_getCanonicalType(t);
    bool function = c.kind == CXType_FunctionProto || c.kind == CXType_FunctionNoProto;
    bool array = c.kind == CXType_ConstantArray || c.kind == CXType_IncompleteArray ||
                 c.kind == CXType_VariableArray || c.kind == CXType_DependentSizedArray;
    if (!function && !array)
        return type_of(cv, t);
    /* The element as written when t is the array itself, else (typedef of an array) the
       canonical one. */
    bool written = t.kind == c.kind;
    tkey k = {.kind = TYPE_POINTER};
    k.inner = function ? type_of(cv, t) : type_of(cv, clang_getArrayElementType(written ? t : c));
    ast_type *ty = tmap_get(&cv->tother, &k);
    if (ty)
        return ty;
    ty = new_type(cv, TYPE_POINTER, 0, decayed_spelling(cv, type_spelling(cv, written || function ? t : c), function));
    ty->inner = (ast_type *)k.inner;
    tmap_put(&cv->tother, &k, ty);
    return ty;
}

/* Complete the const views from their unqualified types, now that every one is complete. */
static void finish_views(conv *cv)
{
    for (size_t i = 0; i + 1 < cv->views.len; i += 2) {
        ast_type *v = cv->views.items[i], *base = cv->views.items[i + 1];
        v->flags = base->flags | TYPE_F_CONST;
        v->inner = base->inner;
        v->fields = base->fields;
        v->nfields = base->nfields;
        v->span = base->span;
        v->annot_span = base->annot_span;
        v->annots = base->annots;
    }
}

/* ---- functions: names and noreturn ---- */

static fninfo *fn_info(conv *cv, CXCursor d)
{
    CXCursor canon = clang_getCanonicalCursor(d);
    fninfo *fi = cmap_get(&cv->fns, canon);
    if (!fi) {
        fi = FL_NEW(cv->a, fninfo);
        fi->decl = d;
        fi->name = arena_string(cv->a, clang_getCursorSpelling(d));
        fi->noreturn = -1;
        fi->callee = FL_NEW(cv->a, ast_callee);
        fi->callee->name = fi->name;
        cmap_put(&cv->fns, canon, fi);
        fl_vec_push(&cv->fnlist, fi);
    }
    return fi;
}

/* Remember a declaration of fi that a body (or the unit's definition) refers to. */
static void fn_ref(fninfo *fi, CXCursor d)
{
    for (unsigned i = 0; i < fi->nrefs; i++)
        if (clang_equalCursors(fi->refs[i], d))
            return;
    if (fi->nrefs < FN_MAX_REFS)
        fi->refs[fi->nrefs++] = d;
}

static bool word_at(const char *t, size_t len, size_t off, const char *w)
{
    size_t n = strlen(w);
    return off + n <= len && memcmp(t + off, w, n) == 0 && (off + n == len || !is_ident_char(t[off + n]));
}

static enum CXChildVisitResult noreturn_attr_cb(CXCursor c, CXCursor parent, CXClientData data)
{
    conv *cv = ((void **)data)[0];
    bool *found = ((void **)data)[1];
    if (c.kind != CXCursor_UnexposedAttr)
        return CXChildVisit_Continue;
    CXFile f = NULL;
    unsigned off = 0;
    clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(c)), &f, NULL, NULL, &off);
    if (!f)
        return CXChildVisit_Continue;
    size_t len;
    const char *t = fm_text(&cv->fm, fm_slot(&cv->fm, f), &len);
    if (t && (word_at(t, len, off, "_Noreturn") || word_at(t, len, off, "noreturn") ||
              word_at(t, len, off, "__noreturn__"))) {
        *found = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

static bool compute_noreturn(conv *cv, fninfo *fi)
{
    static const char *const known[] = {
        "exit", "_exit", "_Exit", "quick_exit", "abort", "pthread_exit", "thrd_exit",
        "__assert_fail", "__assert_perror_fail", "__assert", "__builtin_unreachable",
        "__builtin_trap", "longjmp", "siglongjmp", "_longjmp", "err", "errx", "verr", "verrx",
        "__stack_chk_fail",
    };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (!strcmp(fi->name, known[i]))
            return true;
    /* __attribute__((noreturn)) is part of the function type, and clang spells it there. */
    CXString s = clang_getTypeSpelling(clang_getCursorType(fi->decl));
    const char *ts = clang_getCString(s);
    bool r = ts && strstr(ts, "noreturn");
    clang_disposeString(s);
    if (r)
        return true;
    /* _Noreturn and [[noreturn]] are declaration attributes, visible (inherited ones too) as
       unexposed attribute children; recognize them by their spelling. */
    bool found = false;
    void *data[2] = {cv, &found};
    clang_visitChildren(fi->decl, noreturn_attr_cb, data);
    return found;
}

static bool fn_noreturn(conv *cv, fninfo *fi)
{
    if (fi->noreturn < 0)
        fi->noreturn = compute_noreturn(cv, fi);
    return fi->noreturn > 0;
}

/* ---- called functions ---- */

/* Fill in fi's ast_callee, merging what every declaration met says (clang copies annotations
   onto later redeclarations, not onto earlier ones a call may have resolved to). */
static void finish_callee(conv *cv, fninfo *fi)
{
    ast_callee *ce = fi->callee;
    CXCursor canon = clang_getCanonicalCursor(fi->decl);
    CXCursor ds[FN_MAX_REFS + 2];
    unsigned nd = 0;
    for (unsigned i = 0; i < fi->nrefs; i++)
        ds[nd++] = fi->refs[i];
    if (!nd)
        ds[nd++] = fi->decl;
    ds[nd++] = canon;
    CXCursor def = clang_getCursorDefinition(canon);
    if (!clang_Cursor_isNull(def))
        ds[nd++] = def;

    /* The parameters as declared by the first declaration with a prototype (`int f();` says
       nothing about them). */
    CXCursor shape = fi->decl;
    for (unsigned i = 0; i < nd && clang_getCursorType(shape).kind != CXType_FunctionProto; i++)
        if (clang_getCursorType(ds[i]).kind == CXType_FunctionProto)
            shape = ds[i];
    CXType ft = clang_getCursorType(shape);
    int np = ft.kind == CXType_FunctionProto ? clang_Cursor_getNumArguments(shape) : 0;
    ce->nparams = np > 0 ? (uint32_t)np : 0;
    ce->variadic = clang_isFunctionTypeVariadic(ft) == 1;
    ce->noreturn = fn_noreturn(cv, fi);
    ce->is_static = clang_getCursorLinkage(canon) == CXLinkage_Internal;
    ce->span = name_span(cv, fi->decl, fi->name);
    ce->annots = decl_annots(cv, ds, nd, NULL);
    ce->result = type_of(cv, clang_getResultType(ft));
    if (ce->nparams) {
        ce->param_flags = FL_NEW_ARRAY(cv->a, uint16_t, ce->nparams);
        ce->param_types = FL_NEW_ARRAY(cv->a, ast_type *, ce->nparams);
        ce->param_names = FL_NEW_ARRAY(cv->a, const char *, ce->nparams);
    }
    for (uint32_t i = 0; i < ce->nparams; i++) {
        CXCursor ps[FN_MAX_REFS + 2];
        unsigned nps = 0;
        for (unsigned j = 0; j < nd; j++)
            if (clang_Cursor_getNumArguments(ds[j]) == np)
                ps[nps++] = clang_Cursor_getArgument(ds[j], i);
        ce->param_flags[i] = param_flags_of(decl_annots(cv, ps, nps, NULL));
        /* the first declaration's names first: annotations sit on the prototype in the header,
           and name its parameters, which the definition may rename */
        CXCursor cp = clang_Cursor_getNumArguments(canon) == np ? clang_Cursor_getArgument(canon, i)
                                                               : clang_getNullCursor();
        for (unsigned j = 0; j <= nps && !ce->param_names[i]; j++) {
            CXCursor pc = j == 0 ? cp : ps[j - 1];
            if (clang_Cursor_isNull(pc))
                continue;
            CXString ns = clang_getCursorSpelling(pc);
            const char *nm = clang_getCString(ns);
            if (nm && *nm)
                ce->param_names[i] = fl_arena_strdup(cv->a, nm);
            clang_disposeString(ns);
        }
        ce->param_types[i] = param_type(cv, clang_getCursorType(clang_Cursor_getArgument(shape, i)));
    }
}

/* Every callee's fields, then the parameters of the unit's definitions get the merged flags. */
static void finish_callees(conv *cv, ast_tu *tu)
{
    for (size_t i = 0; i < cv->fnlist.len; i++)
        finish_callee(cv, cv->fnlist.items[i]);
    tu->ncallees = (uint32_t)cv->fnlist.len;
    tu->callees = tu->ncallees ? FL_NEW_ARRAY(cv->a, ast_callee *, tu->ncallees) : NULL;
    for (size_t i = 0; i < cv->fnlist.len; i++) {
        tu->callees[i] = cv->fnlist.items[i]->callee;
        tu->callees[i]->index = (uint32_t)i;
    }
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        ast_func *fn = tu->funcs[i];
        if (fn->self->nparams != fn->nparams)
            continue; /* K&R definitions */
        for (uint32_t p = 0; p < fn->nparams; p++)
            fn->params[p]->param_flags |= fn->self->param_flags[p];
    }
}

/* ---- expressions ---- */

static ast_node *conv_declref(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_REF, c);
    CXCursor ref = clang_getCursorReferenced(c);
    switch (ref.kind) {
    case CXCursor_VarDecl:
    case CXCursor_ParmDecl: {
        ast_var *v = cmap_get(&cv->vars, clang_getCanonicalCursor(ref));
        if (!v && ref.kind == CXCursor_VarDecl)
            v = global_var(cv, ref); /* locals are registered at their declaration, before use */
        if (v) {
            n->var = v;
            n->name = v->name;
            if (v->ty & TY_ARRAY)
                v->flags |= AST_VAR_ADDRESS_TAKEN; /* sizeof operands are never converted */
        } else
            n->name = arena_string(cv->a, clang_getCursorSpelling(ref));
        break;
    }
    case CXCursor_FunctionDecl: {
        fninfo *fi = fn_info(cv, ref);
        fn_ref(fi, ref);
        n->name = fi->name;
        n->flags |= AST_F_FUNC_REF;
        n->callee = fi->callee;
        cv->last_fn = fi;
        cv->last_fn_node = n;
        break;
    }
    case CXCursor_EnumConstantDecl:
        n->name = arena_string(cv->a, clang_getCursorSpelling(ref));
        n->flags |= AST_F_ENUM_REF;
        if (clang_getEnumConstantDeclValue(ref) == 0)
            n->flags |= AST_F_ENUM_ZERO;
        break;
    default:
        n->name = arena_string(cv->a, clang_getCursorSpelling(c));
        break;
    }
    return n;
}

static ast_node *conv_call(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_CALL, c);
    size_t nb = cv->ns.len;
    size_t b = collect_kids(cv, c), k = cv->cs.len - b;
    for (size_t i = 0; i < k; i++) {
        if (i == 0)
            cv->last_fn_node = NULL;
        ast_node *kid = conv_node(cv, cv->cs.items[b + i]);
        if (i == 0) {
            ast_node *callee = ast_strip_casts(kid);
            if (callee && callee == cv->last_fn_node) {
                n->name = cv->last_fn->name;
                n->callee = cv->last_fn->callee;
                if (fn_noreturn(cv, cv->last_fn))
                    n->flags |= AST_F_NORETURN;
            }
        }
        if (kid)
            fl_vec_push(&cv->ns, kid);
    }
    cv->cs.len = b;
    take_kids(cv, n, nb);
    return n;
}

static ast_node *conv_member(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_MEMBER, c);
    n->name = arena_string(cv->a, clang_getCursorSpelling(c));
    size_t nb = cv->ns.len;
    size_t b = collect_kids(cv, c), k = cv->cs.len - b;
    if (k) {
        CXCursor base = cv->cs.items[b];
        /* The raw base still has its implicit conversions, so an array base shows as a decayed
           pointer, as `->` requires. */
        if (clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer)
            n->flags |= AST_F_ARROW;
        for (size_t i = 0; i < k; i++) {
            ast_node *kid = conv_node(cv, cv->cs.items[b + i]);
            if (kid)
                fl_vec_push(&cv->ns, kid);
        }
    }
    cv->cs.len = b;
    take_kids(cv, n, nb);
    return n;
}

/* The variable whose storage an lvalue designates (through `.`, indexing of arrays, parens
   and casts), or NULL. */
static ast_var *lvalue_root(ast_node *e)
{
    for (;;) {
        e = ast_strip_casts(e);
        if (!e)
            return NULL;
        if (e->kind == AST_MEMBER && !(e->flags & AST_F_ARROW) && e->nkids == 1)
            e = e->kids[0];
        else if (e->kind == AST_INDEX && e->nkids == 2 && e->kids[0] && (e->kids[0]->ty & TY_ARRAY))
            e = e->kids[0];
        else
            return (e->kind == AST_REF || e->kind == AST_COMPOUND_LIT) ? e->var : NULL;
    }
}

static ast_unop map_unop(enum CXUnaryOperatorKind k)
{
    switch (k) {
    case CXUnaryOperator_PostInc: return UN_POST_INC;
    case CXUnaryOperator_PostDec: return UN_POST_DEC;
    case CXUnaryOperator_PreInc: return UN_PRE_INC;
    case CXUnaryOperator_PreDec: return UN_PRE_DEC;
    case CXUnaryOperator_AddrOf: return UN_ADDR_OF;
    case CXUnaryOperator_Deref: return UN_DEREF;
    case CXUnaryOperator_Plus: return UN_PLUS;
    case CXUnaryOperator_Minus: return UN_MINUS;
    case CXUnaryOperator_Not: return UN_NOT;
    case CXUnaryOperator_LNot: return UN_LNOT;
    case CXUnaryOperator_Real: return UN_REAL;
    case CXUnaryOperator_Imag: return UN_IMAG;
    case CXUnaryOperator_Extension: return UN_EXTENSION;
    default: return UN_OTHER;
    }
}

static ast_binop map_binop(enum CXBinaryOperatorKind k)
{
    switch (k) {
    case CXBinaryOperator_Mul: return BIN_MUL;
    case CXBinaryOperator_Div: return BIN_DIV;
    case CXBinaryOperator_Rem: return BIN_REM;
    case CXBinaryOperator_Add: return BIN_ADD;
    case CXBinaryOperator_Sub: return BIN_SUB;
    case CXBinaryOperator_Shl: return BIN_SHL;
    case CXBinaryOperator_Shr: return BIN_SHR;
    case CXBinaryOperator_LT: return BIN_LT;
    case CXBinaryOperator_GT: return BIN_GT;
    case CXBinaryOperator_LE: return BIN_LE;
    case CXBinaryOperator_GE: return BIN_GE;
    case CXBinaryOperator_EQ: return BIN_EQ;
    case CXBinaryOperator_NE: return BIN_NE;
    case CXBinaryOperator_And: return BIN_AND;
    case CXBinaryOperator_Xor: return BIN_XOR;
    case CXBinaryOperator_Or: return BIN_OR;
    case CXBinaryOperator_LAnd: return BIN_LAND;
    case CXBinaryOperator_LOr: return BIN_LOR;
    case CXBinaryOperator_Assign: return BIN_ASSIGN;
    case CXBinaryOperator_MulAssign: return BIN_MUL_ASSIGN;
    case CXBinaryOperator_DivAssign: return BIN_DIV_ASSIGN;
    case CXBinaryOperator_RemAssign: return BIN_REM_ASSIGN;
    case CXBinaryOperator_AddAssign: return BIN_ADD_ASSIGN;
    case CXBinaryOperator_SubAssign: return BIN_SUB_ASSIGN;
    case CXBinaryOperator_ShlAssign: return BIN_SHL_ASSIGN;
    case CXBinaryOperator_ShrAssign: return BIN_SHR_ASSIGN;
    case CXBinaryOperator_AndAssign: return BIN_AND_ASSIGN;
    case CXBinaryOperator_XorAssign: return BIN_XOR_ASSIGN;
    case CXBinaryOperator_OrAssign: return BIN_OR_ASSIGN;
    case CXBinaryOperator_Comma: return BIN_COMMA;
    default: return BIN_OTHER;
    }
}

static ast_node *conv_unary(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_UNARY, c);
    n->op = (uint8_t)map_unop(clang_getCursorUnaryOperatorKind(c));
    conv_all_kids(cv, c, n);
    if (n->op == UN_POST_INC || n->op == UN_POST_DEC)
        loc_after_first_kid(cv, n);
    if (n->op == UN_ADDR_OF && n->nkids == 1) {
        ast_var *v = lvalue_root(n->kids[0]);
        if (v)
            v->flags |= AST_VAR_ADDRESS_TAKEN;
    }
    return n;
}

/* Length of the literal token at t[off..len): a number or a (prefixed) character/string
   literal. Used only for literals spelled inside macro definitions, whose extent is the macro
   use. */
static size_t literal_token_len(const char *t, size_t len, size_t off)
{
    size_t i = off;
    while (i < len && is_ident_char(t[i]))
        i++; /* digits, or a prefix like L / u8 */
    if (i < len && (t[i] == '"' || t[i] == '\'')) {
        char q = t[i++];
        while (i < len && t[i] != q && t[i] != '\n') {
            if (t[i] == '\\' && i + 1 < len)
                i++;
            i++;
        }
        return (i < len ? i + 1 : i) - off;
    }
    /* pp-number: digits, letters, '.', and signs after an exponent letter */
    i = off;
    while (i < len) {
        char ch = t[i];
        if (is_ident_char(ch) || ch == '.')
            i++;
        else if ((ch == '+' || ch == '-') && i > off &&
                 (t[i - 1] == 'e' || t[i - 1] == 'E' || t[i - 1] == 'p' || t[i - 1] == 'P'))
            i++;
        else
            break;
    }
    return i - off;
}

/* The contents of a file by srcmap id, if it is among the files of the cache. */
static const char *text_of_id(conv *cv, uint32_t id, size_t *len)
{
    for (unsigned i = 0; i < cv->fm.n; i++)
        if (cv->fm.slots[i].id == id)
            return fm_text(&cv->fm, &cv->fm.slots[i], len);
    return NULL;
}

static void skip_space_comments(const char *t, size_t len, size_t *pi);

/* libclang locates operator expressions at their beginning; point `loc` at the operator that
   follows the first operand instead (binary and conditional operators, postfix ++/--). */
static void loc_after_first_kid(conv *cv, ast_node *n)
{
    ast_node *k = n->nkids ? n->kids[0] : NULL;
    if (!k || (n->flags & AST_F_IN_MACRO) || k->span.file != n->span.file || !fl_span_valid(k->span))
        return;
    size_t len;
    const char *t = text_of_id(cv, n->span.file, &len);
    if (!t || k->span.end > len)
        return;
    size_t i = k->span.end;
    skip_space_comments(t, len, &i);
    if (i < n->span.end)
        n->loc = (uint32_t)i;
}

static ast_node *conv_literal(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_LITERAL, c);
    if (n->flags & AST_F_IN_MACRO) {
        CXFile f = NULL;
        unsigned off = 0;
        clang_getSpellingLocation(clang_getCursorLocation(c), &f, NULL, NULL, &off);
        if (f) {
            size_t len;
            const char *t = fm_text(&cv->fm, fm_slot(&cv->fm, f), &len);
            if (t && off < len) {
                n->name = fl_arena_strndup(cv->a, t + off, literal_token_len(t, len, off));
                return n;
            }
        }
        /* Stringized or pasted in a macro (clang's scratch buffer): libclang prints strings. */
        if (c.kind == CXCursor_StringLiteral) {
            n->name = arena_string(cv->a, clang_getCursorSpelling(c));
            return n;
        }
    } else if (fl_span_valid(n->span)) {
        size_t len;
        const char *t = text_of_id(cv, n->span.file, &len);
        if (t && n->span.end <= len) {
            n->name = fl_arena_strndup(cv->a, t + n->span.begin, n->span.end - n->span.begin);
            return n;
        }
    }
    n->name = "";
    return n;
}

static ast_node *conv_compound_lit(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_COMPOUND_LIT, c);
    ast_var *v = FL_NEW(cv->a, ast_var);
    v->name = "(compound literal)";
    CXType t = clang_getCursorType(c);
    v->type_name = arena_string(cv->a, clang_getTypeSpelling(t));
    v->ty = ty_flags(t);
    v->type = type_of(cv, t);
    v->flags = AST_VAR_COMPOUND_LITERAL;
    v->storage = STORAGE_LOCAL;
    v->span = n->span;
    v->decl = n;
    n->var = v;
    add_fn_var(cv, v);
    scope_add(cv, v);
    conv_last_kid(cv, c, n);
    return n;
}

/* An UnexposedExpr: implicit casts and other wrappers with one operand vanish; GNU `a ?: b`
   (children: common, opaque cond, opaque true, else — the first three with the same extent)
   becomes a binary conditional; a designated initializer keeps its value only; an expression
   over types only (offsetof) is an AST_SIZEOF. */
static ast_node *conv_unexposed(conv *cv, CXCursor c)
{
    size_t nb = cv->ns.len;
    size_t b = collect_kids(cv, c), k = cv->cs.len - b;
    if (k == 4) {
        CXSourceRange r0 = clang_getCursorExtent(cv->cs.items[b]);
        if (clang_equalRanges(r0, clang_getCursorExtent(cv->cs.items[b + 1])) &&
            clang_equalRanges(r0, clang_getCursorExtent(cv->cs.items[b + 2]))) {
            ast_node *n = mk(cv, AST_COND, c);
            n->flags |= AST_F_BINARY_COND;
            ast_node *cond = conv_node(cv, cv->cs.items[b]);
            ast_node *els = conv_node(cv, cv->cs.items[b + 3]);
            cv->cs.len = b;
            n->kids = FL_NEW_ARRAY(cv->a, ast_node *, 2);
            n->kids[0] = cond;
            n->kids[1] = els;
            n->nkids = 2;
            loc_after_first_kid(cv, n);
            return n;
        }
    }
    /* offsetof(T, m.n): its last children are the member names. Nothing under it is evaluated,
       not even an expression inside `typeof` (OVS's OBJECT_OFFSETOF uses typeof(*ptr)). */
    if (k >= 2 && cv->cs.items[b + k - 1].kind == CXCursor_MemberRef &&
        cv->cs.items[b].kind != CXCursor_MemberRef) {
        cv->cs.len = b;
        return mk(cv, AST_SIZEOF, c);
    }
    if (k >= 2) {
        bool designated = cv->cs.items[b].kind == CXCursor_MemberRef;
        if (!designated) {
            /* `[i] = v`: no C expression starts with '['. */
            CXSourceRange r = clang_getCursorExtent(c);
            if (!(r.begin_int_data & RAW_MACRO_BIT)) {
                file_slot *s;
                unsigned off;
                size_t len;
                const char *t;
                if (exp_offset(cv, clang_getRangeStart(r), &s, &off) &&
                    (t = fm_text(&cv->fm, s, &len)) && off < len && t[off] == '[')
                    designated = true;
            }
        }
        if (designated) {
            ast_node *v = conv_node(cv, cv->cs.items[b + k - 1]);
            cv->cs.len = b;
            return v;
        }
    }
    for (size_t i = 0; i < k; i++) {
        ast_node *kid = conv_node(cv, cv->cs.items[b + i]);
        if (kid)
            fl_vec_push(&cv->ns, kid);
    }
    cv->cs.len = b;
    if (cv->ns.len - nb == 1) {
        ast_node *only = cv->ns.items[nb];
        cv->ns.len = nb;
        return only;
    }
    /* Only types and member names below (offsetof, __builtin_types_compatible_p): nothing is
       evaluated, like sizeof. */
    ast_node *n = mk(cv, k && cv->ns.len == nb ? AST_SIZEOF : AST_OTHER, c);
    take_kids(cv, n, nb);
    return n;
}

/* ---- statements ---- */

static ast_node *conv_var(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_VAR, c);
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(c);
    bool tls = clang_getCursorTLSKind(c) != CXTLS_None;
    ast_var *v;
    if (sc == CX_SC_Extern) {
        v = global_var(cv, c);
    } else {
        v = new_var(cv, c, tls ? STORAGE_THREAD_LOCAL
                               : sc == CX_SC_Static ? STORAGE_STATIC_LOCAL : STORAGE_LOCAL);
        v->decl = n;
        add_fn_var(cv, v);
        cmap_put(&cv->vars, clang_getCanonicalCursor(c), v);
        if (v->storage == STORAGE_LOCAL)
            scope_add(cv, v);
    }
    n->var = v;
    n->name = v->name;
    CXCursor init = clang_Cursor_getVarDeclInitializer(c);
    if (!clang_Cursor_isNull(init)) {
        ast_node *kid = conv_node(cv, init);
        if (kid) {
            n->kids = FL_NEW_ARRAY(cv->a, ast_node *, 1);
            n->kids[0] = kid;
            n->nkids = 1;
        }
    }
    return n;
}

static ast_node *conv_compound(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_COMPOUND, c);
    size_t old = scope_open(cv);
    conv_all_kids(cv, c, n);
    n->scope = scope_close(cv, old);
    return n;
}

static void skip_space_comments(const char *t, size_t len, size_t *pi)
{
    size_t i = *pi;
    while (i < len) {
        if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r' || t[i] == '\f' || t[i] == '\v')
            i++;
        else if (t[i] == '\\' && i + 1 < len && t[i + 1] == '\n')
            i += 2;
        else if (t[i] == '/' && i + 1 < len && t[i + 1] == '*') {
            i += 2;
            while (i + 1 < len && !(t[i] == '*' && t[i + 1] == '/'))
                i++;
            i += 2;
        } else if (t[i] == '/' && i + 1 < len && t[i + 1] == '/') {
            while (i < len && t[i] != '\n')
                i++;
        } else
            break;
    }
    *pi = i;
}

/* Find the two top-level ';' and the closing ')' of the for header whose `for` keyword is at
   `pos`: out[0], out[1], out[2]. False if the text there does not look like one. */
static bool scan_for_header(const char *t, size_t len, size_t pos, size_t out[3])
{
    if (!t || pos + 3 > len || memcmp(t + pos, "for", 3) != 0)
        return false;
    size_t i = pos + 3;
    skip_space_comments(t, len, &i);
    if (i >= len || t[i] != '(')
        return false;
    i++;
    int depth = 0, nsemi = 0;
    while (i < len) {
        skip_space_comments(t, len, &i);
        if (i >= len)
            break;
        char ch = t[i];
        if (ch == '"' || ch == '\'') {
            i++;
            while (i < len && t[i] != ch && t[i] != '\n') {
                if (t[i] == '\\')
                    i++;
                i++;
            }
        } else if (ch == '(' || ch == '[' || ch == '{')
            depth++;
        else if (ch == ')' || ch == ']' || ch == '}') {
            if (depth == 0) {
                if (ch != ')' || nsemi != 2)
                    return false;
                out[2] = i;
                return true;
            }
            depth--;
        } else if (ch == ';' && depth == 0) {
            if (nsemi == 2)
                return false;
            out[nsemi++] = i;
        }
        i++;
    }
    return false;
}

/* Where a cursor begins: expansion position, or spelling position for a for loop written in a
   macro definition. */
static bool cursor_begin(conv *cv, CXCursor c, bool spelling, CXFile *f, unsigned *off)
{
    CXSourceLocation l = clang_getRangeStart(clang_getCursorExtent(c));
    *f = NULL;
    if (spelling)
        clang_getSpellingLocation(l, f, NULL, NULL, off);
    else
        clang_getExpansionLocation(l, f, NULL, NULL, off);
    return *f != NULL;
}

/* Which of init (0), cond (1), inc (2) each of the h header children cs[b..b+h) is, from the
   positions of the header's ';' tokens. False when the positions cannot tell. */
static bool classify_for(conv *cv, CXCursor c, size_t b, size_t h, int *slot)
{
    CXSourceLocation l = clang_getCursorLocation(c);
    bool spelling = (l.int_data & RAW_MACRO_BIT) != 0;
    CXFile ff;
    unsigned fo;
    if (!cursor_begin(cv, c, spelling, &ff, &fo))
        return false;
    size_t len;
    const char *t = fm_text(&cv->fm, fm_slot(&cv->fm, ff), &len);
    size_t hdr[3];
    if (!scan_for_header(t, len, fo, hdr))
        return false;
    int prev = -1;
    for (size_t i = 0; i < h; i++) {
        CXFile kf;
        unsigned ko;
        if (!cursor_begin(cv, cv->cs.items[b + i], spelling, &kf, &ko) || !clang_File_isEqual(kf, ff) ||
            ko <= fo || ko >= hdr[2])
            return false;
        int s = ko < hdr[0] ? 0 : ko < hdr[1] ? 1 : 2;
        if (s <= prev)
            return false;
        slot[i] = prev = s;
    }
    return true;
}

/* libclang visits only the parts of a for header that are present, so `for (;;) body` has one
   child. The header's ';' positions tell which child is which. When they cannot be found (a
   header assembled from several macros), fall back: three header children are init, cond, inc;
   fewer are taken as init only if the first is a declaration, then cond, then inc. */
static ast_node *conv_for(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_FOR, c);
    size_t old = scope_open(cv);
    size_t b = collect_kids(cv, c), k = cv->cs.len - b;
    ast_node **kids = FL_NEW_ARRAY(cv->a, ast_node *, 4);
    size_t h = k ? k - 1 : 0;
    int slot[3] = {0, 1, 2};
    if (h > 3)
        h = 3; /* not in C; keep the last three before the body */
    size_t hb = b + (k ? k - 1 : 0) - h;
    if (h && h < 3 && !classify_for(cv, c, hb, h, slot)) {
        int s = cv->cs.items[hb].kind == CXCursor_DeclStmt ? 0 : 1;
        for (size_t i = 0; i < h; i++)
            slot[i] = s++;
    }
    for (size_t i = 0; i < h; i++)
        kids[slot[i]] = conv_node(cv, cv->cs.items[hb + i]);
    kids[3] = k ? conv_node(cv, cv->cs.items[b + k - 1]) : NULL;
    if (!kids[3]) {
        kids[3] = FL_NEW(cv->a, ast_node);
        kids[3]->kind = AST_NULL_STMT;
        kids[3]->span = n->span;
        kids[3]->loc = n->loc;
    }
    cv->cs.len = b;
    n->kids = kids;
    n->nkids = 4;
    n->scope = scope_close(cv, old);
    return n;
}

static ast_node *conv_goto(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_GOTO, c);
    size_t b = collect_kids(cv, c), k = cv->cs.len - b;
    for (size_t i = 0; i < k; i++)
        if (cv->cs.items[b + i].kind == CXCursor_LabelRef) {
            n->name = arena_string(cv->a, clang_getCursorSpelling(cv->cs.items[b + i]));
            break;
        }
    cv->cs.len = b;
    if (!n->name)
        n->name = "";
    return n;
}

static ast_node *simple(conv *cv, ast_kind kind, CXCursor c)
{
    ast_node *n = mk(cv, kind, c);
    conv_all_kids(cv, c, n);
    return n;
}

static ast_node *conv_node(conv *cv, CXCursor c)
{
    switch (c.kind) {
    /* expressions */
    case CXCursor_UnexposedExpr:
        return conv_unexposed(cv, c);
    case CXCursor_DeclRefExpr:
        return conv_declref(cv, c);
    case CXCursor_CallExpr:
        return conv_call(cv, c);
    case CXCursor_MemberRefExpr:
        return conv_member(cv, c);
    case CXCursor_ArraySubscriptExpr:
        return simple(cv, AST_INDEX, c);
    case CXCursor_CStyleCastExpr: {
        ast_node *n = mk(cv, AST_CAST, c);
        conv_last_kid(cv, c, n);
        return n;
    }
    case CXCursor_ParenExpr:
        return simple(cv, AST_PAREN, c);
    case CXCursor_UnaryOperator:
        return conv_unary(cv, c);
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator: {
        ast_node *n = mk(cv, AST_BINARY, c);
        n->op = (uint8_t)map_binop(clang_getCursorBinaryOperatorKind(c));
        conv_all_kids(cv, c, n);
        loc_after_first_kid(cv, n);
        return n;
    }
    case CXCursor_ConditionalOperator: {
        ast_node *n = simple(cv, AST_COND, c);
        loc_after_first_kid(cv, n);
        return n;
    }
    case CXCursor_CompoundLiteralExpr:
        return conv_compound_lit(cv, c);
    case CXCursor_InitListExpr:
        return simple(cv, AST_INIT_LIST, c);
    case CXCursor_StmtExpr:
        return simple(cv, AST_STMT_EXPR, c);
    case CXCursor_UnaryExpr: /* sizeof, _Alignof, offsetof: the operand is not evaluated */
        return mk(cv, AST_SIZEOF, c);
    case CXCursor_IntegerLiteral:
    case CXCursor_FloatingLiteral:
    case CXCursor_ImaginaryLiteral:
    case CXCursor_StringLiteral:
    case CXCursor_CharacterLiteral:
        return conv_literal(cv, c);

    /* statements */
    case CXCursor_CompoundStmt:
        return conv_compound(cv, c);
    case CXCursor_DeclStmt:
        return simple(cv, AST_DECL_STMT, c); /* non-variable declarations convert to NULL */
    case CXCursor_VarDecl:
        return conv_var(cv, c);
    case CXCursor_IfStmt:
        return simple(cv, AST_IF, c);
    case CXCursor_WhileStmt:
        return simple(cv, AST_WHILE, c);
    case CXCursor_DoStmt:
        return simple(cv, AST_DO, c);
    case CXCursor_ForStmt:
        return conv_for(cv, c);
    case CXCursor_SwitchStmt:
        return simple(cv, AST_SWITCH, c);
    case CXCursor_CaseStmt:
        return simple(cv, AST_CASE, c);
    case CXCursor_DefaultStmt:
        return simple(cv, AST_DEFAULT, c);
    case CXCursor_LabelStmt: {
        ast_node *n = simple(cv, AST_LABEL, c);
        n->name = arena_string(cv->a, clang_getCursorSpelling(c));
        return n;
    }
    case CXCursor_GotoStmt:
        return conv_goto(cv, c);
    case CXCursor_IndirectGotoStmt:
        return simple(cv, AST_INDIRECT_GOTO, c);
    case CXCursor_BreakStmt:
        return mk(cv, AST_BREAK, c);
    case CXCursor_ContinueStmt:
        return mk(cv, AST_CONTINUE, c);
    case CXCursor_ReturnStmt:
        return simple(cv, AST_RETURN, c);
    case CXCursor_NullStmt:
        return mk(cv, AST_NULL_STMT, c);
    case CXCursor_GCCAsmStmt:
    case CXCursor_MSAsmStmt:
        return mk(cv, AST_ASM, c);
    case CXCursor_UnexposedStmt: {
        /* Mostly attributed statements (`__attribute__((fallthrough));`): keep the statement. */
        ast_node *n = mk(cv, AST_OTHER, c);
        conv_all_kids(cv, c, n);
        return n->nkids == 1 ? n->kids[0] : n;
    }
    default:
        if (clang_isExpression(c.kind) || clang_isStatement(c.kind))
            return simple(cv, AST_OTHER, c);
        return NULL; /* type references, attributes, nested non-variable declarations */
    }
}

/* ---- functions and the unit ---- */

static ast_func *conv_func(conv *cv, CXCursor c)
{
    ast_func *fn = FL_NEW(cv->a, ast_func);
    fn->name = arena_string(cv->a, clang_getCursorSpelling(c));
    fn->span = range_span(cv, clang_getCursorExtent(c));
    fn->name_span = name_span(cv, c, fn->name);
    fn->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
    fn->in_main_file = true;

    cv->fnvars.len = 0;
    cv->scope_vars.len = 0;
    cv->scope_base = SIZE_MAX;
    int np = clang_Cursor_getNumArguments(c);
    for (int i = 0; i < np; i++) {
        CXCursor p = clang_Cursor_getArgument(c, (unsigned)i);
        ast_var *v = new_var(cv, p, STORAGE_PARAM);
        add_fn_var(cv, v);
        cmap_put(&cv->vars, clang_getCanonicalCursor(p), v);
    }
    fn->nparams = np > 0 ? (uint32_t)np : 0;
    fn->params = fn->nparams ? fl_arena_memdup(cv->a, cv->fnvars.items, fn->nparams * sizeof(ast_var *)) : NULL;

    size_t b = collect_kids(cv, c), k = cv->cs.len - b;
    size_t body = SIZE_MAX;
    for (size_t i = 0; i < k; i++)
        if (cv->cs.items[b + i].kind == CXCursor_CompoundStmt)
            body = b + i;
    if (body != SIZE_MAX)
        fn->body = conv_node(cv, cv->cs.items[body]);
    cv->cs.len = b;
    if (!fn->body) {
        fn->body = FL_NEW(cv->a, ast_node);
        fn->body->kind = AST_COMPOUND;
        fn->body->span = fn->span;
        fn->body->scope = FL_NEW(cv->a, ast_scope);
    }
    fn->nvars = (uint32_t)cv->fnvars.len;
    fn->vars = fn->nvars ? fl_arena_memdup(cv->a, cv->fnvars.items, fn->nvars * sizeof(ast_var *)) : NULL;
    return fn;
}

static enum CXChildVisitResult top_cb(CXCursor c, CXCursor parent, CXClientData data)
{
    conv *cv = data;
    if (c.kind != CXCursor_FunctionDecl || !clang_isCursorDefinition(c))
        return CXChildVisit_Continue;
    /* Functions whose definition is expanded in the main file count as its own, macro-generated
       ones included; definitions in headers are not converted (every unit would redo them). */
    CXFile f = NULL;
    clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
    bool in_main = cv->u->main_cxfile ? (f && clang_File_isEqual(f, cv->u->main_cxfile))
                                      : clang_Location_isFromMainFile(clang_getCursorLocation(c));
    if (in_main)
        fl_vec_push(&cv->cs, c);
    return CXChildVisit_Continue;
}

ast_tu *fe_unit_ast(fe_unit *u)
{
    if (u->ast)
        return u->ast;
    conv cv = {0};
    cv.u = u;
    cv.a = u->arena;
    cv.fm = (filemap){.tu = u->tu, .sm = u->sm, .dir = u->directory};
    cv.scope_base = SIZE_MAX;

    ast_tu *tu = FL_NEW(u->arena, ast_tu);
    tu->arena = u->arena;
    tu->main_file = u->main_file;

    clang_visitChildren(clang_getTranslationUnitCursor(u->tu), top_cb, &cv);
    size_t nf = cv.cs.len;
    tu->funcs = nf ? FL_NEW_ARRAY(u->arena, ast_func *, nf) : NULL;
    for (size_t i = 0; i < nf; i++) {
        CXCursor fc = cv.cs.items[i];
        /* Its callee first: a body calling itself, or a later one calling it, shares it. */
        fninfo *fi = fn_info(&cv, fc);
        fn_ref(fi, fc);
        ast_func *fn = conv_func(&cv, fc);
        fn->self = fi->callee;
        fn->index = tu->nfuncs;
        fi->callee->def = fn;
        tu->funcs[tu->nfuncs++] = fn;
    }
    finish_callees(&cv, tu);
    finish_views(&cv);
    tu->ntypes = cv.ntypes;
    tu->nglobals = (uint32_t)cv.globals.len;
    tu->globals = tu->nglobals ? fl_arena_memdup(u->arena, cv.globals.items, tu->nglobals * sizeof(ast_var *)) : NULL;

    fl_vec_free(&cv.cs);
    fl_vec_free(&cv.ns);
    fl_vec_free(&cv.scope_vars);
    fl_vec_free(&cv.fnvars);
    fl_vec_free(&cv.globals);
    cmap_free(&cv.vars);
    cmap_free(&cv.fns);
    fl_vec_free(&cv.fnlist);
    cmap_free(&cv.tdecl);
    cmap_free(&cv.tdecl_const);
    free(cv.tother.e);
    fl_vec_free(&cv.views);
    fl_vec_free(&cv.atexts);
    fl_vec_free(&cv.aspans);
    u->ast = tu;
    return tu;
}
