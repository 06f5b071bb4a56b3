/* conv_types.c - the unit's type table, and the TY_* flags of expressions.
 *
 * One ast_type per distinct type of the unit (ast.h): records and typedefs by canonical
 * declaration (a const view apart), pointers, arrays, atomics and builtins by structure, so
 * that pointer equality is type identity. */
#include "conv.h"

#include <stdio.h>
#include <string.h>

#include "cxstr.h"

/* A pointer, array or atomic level above the type it is built on (type_shallow). */
struct type_layer {
    tkey key; /* inner set once the level below is made */
    CXType t;
};

static ast_type *type_shallow(conv *cv, CXType t);

uint16_t conv_ty_flags(CXType t)
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
        f |= TY_ATOMIC | conv_ty_flags(clang_Type_getValueType(c));
        break;
    case CXType_Elaborated:
        f |= conv_ty_flags(clang_Type_getNamedType(c));
        break;
    default:
        if (c.kind >= CXType_Bool && c.kind <= CXType_Int128)
            f |= TY_INT;
        break;
    }
    return f;
}


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
    char *s = cxstr_arena(cv->a, clang_getTypeSpelling(t));
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

/* A record or typedef whose fields or target are still to convert (type_shallow's queue). */
struct type_pending {
    ast_type *ty;
    CXCursor decl; /* the record's definition, or the typedef's declaration */
};

static void queue_pending(conv *cv, ast_type *ty, CXCursor decl)
{
    struct type_pending p = {ty, decl};
    fl_vec_push(&cv->tpending, p);
}

/* A record: registered with its annotations and span; its fields are queued. */
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
        conv_type_annots(cv, ty, ds, 3);
        ty->span = conv_decl_name_span(cv, complete ? def : canon);
        if (clang_Location_isInSystemHeader(clang_getCursorLocation(complete ? def : canon)))
            ty->flags |= TYPE_F_SYSTEM;
        if (!complete)
            ty->flags |= TYPE_F_INCOMPLETE;
        else
            queue_pending(cv, ty, def);
    }
    return is_const ? const_view(cv, canon, ty) : ty;
}

/* The fields of record ty, defined by def. */
static void record_fields(conv *cv, ast_type *ty, CXCursor def)
{
    size_t b = cv->cs.len;
    clang_Type_visitFields(clang_getCursorType(def), field_cb, cv);
    size_t k = cv->cs.len - b;
    ty->nfields = (uint32_t)k;
    ty->fields = k ? FL_NEW_ARRAY(cv->a, ast_field, k) : NULL;
    for (size_t i = 0; i < k; i++) {
        CXCursor f = cv->cs.items[b + i];
        ast_field *fd = &ty->fields[i];
        fd->name = cxstr_arena(cv->a, clang_getCursorSpelling(f));
        fd->span = conv_decl_name_span(cv, f);
        /* An anonymous struct/union member: libclang spells the field by its type. */
        if (!conv_is_identifier(fd->name))
            fd->name = "";
        fd->annots = conv_decl_annots(cv, &f, 1, NULL);
        fd->type = type_shallow(cv, clang_getCursorType(f));
    }
    cv->cs.len = b;
}

/* A typedef: registered with its annotations and span; what it names is queued. */
static ast_type *typedef_type(conv *cv, CXType t, bool is_const)
{
    CXCursor decl = clang_getTypeDeclaration(t);
    CXCursor canon = clang_getCanonicalCursor(decl);
    ast_type *ty = cmap_get(&cv->tdecl, canon);
    if (!ty) {
        ty = new_type(cv, TYPE_TYPEDEF, 0, cxstr_arena(cv->a, clang_getCursorSpelling(canon)));
        cmap_put(&cv->tdecl, canon, ty);
        CXCursor ds[2] = {decl, canon};
        conv_type_annots(cv, ty, ds, 2);
        ty->span = conv_decl_name_span(cv, decl);
        queue_pending(cv, ty, decl);
    }
    return is_const ? const_view(cv, canon, ty) : ty;
}

/* t without the sugar clang adds (elaboration `struct x`, attributes, parentheses, typeof);
   *is_const is set when a level on the way was const. */
static CXType desugar(CXType t, bool *is_const)
{
    for (int guard = 0; guard < 16; guard++) {
        if (t.kind == CXType_Invalid)
            break;
        if (clang_isConstQualifiedType(t))
            *is_const = true;
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
    return t;
}

/* A type that is not a pointer, array or atomic layer (t desugared). */
static ast_type *base_type(conv *cv, CXType t, bool is_const)
{
    tkey k = {.flags = is_const ? TYPE_F_CONST : 0};
    switch (t.kind) {
    case CXType_Typedef:
        return typedef_type(cv, t, is_const);
    case CXType_Record:
        return record_type(cv, t, is_const);
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

/* t's ast_type, leaving the fields of new records and the targets of new typedefs queued on
   cv->tpending. Pointer, array and atomic layers are peeled off onto cv->tlayers down to the
   type they are built on, then made from the inside out: no recursion, however deep the
   declarator. */
static ast_type *type_shallow(conv *cv, CXType t)
{
    size_t base = cv->tlayers.len;
    ast_type *ty;
    for (;;) {
        bool is_const = false;
        t = desugar(t, &is_const);
        tkey k = {.flags = is_const ? TYPE_F_CONST : 0};
        CXType inner;
        switch (t.kind) {
        case CXType_Pointer:
        case CXType_BlockPointer:
            k.kind = TYPE_POINTER;
            inner = clang_getPointeeType(t);
            break;
        case CXType_ConstantArray:
        case CXType_IncompleteArray:
        case CXType_VariableArray:
        case CXType_DependentSizedArray:
            k.kind = TYPE_ARRAY;
            k.extra = clang_getArraySize(t);
            inner = clang_getArrayElementType(t);
            break;
        case CXType_Atomic:
            k.kind = TYPE_ATOMIC;
            inner = clang_Type_getValueType(t);
            break;
        default:
            ty = base_type(cv, t, is_const);
            goto layers;
        }
        struct type_layer l = {k, t};
        fl_vec_push(&cv->tlayers, l);
        t = inner;
    }
layers:
    while (cv->tlayers.len > base) {
        struct type_layer *l = &cv->tlayers.items[--cv->tlayers.len];
        l->key.inner = ty;
        ty = structural(cv, &l->key, l->t, (ast_type_kind)l->key.kind);
    }
    return ty;
}

/* The unit's ast_type for t, made on first use, with every record and typedef it reaches
   complete (the queue is worked off here, so types nest on the heap, not the C stack).
   Typedefs are kept as layers. */
ast_type *conv_type_of(conv *cv, CXType t)
{
    ast_type *ty = type_shallow(cv, t);
    for (size_t i = 0; i < cv->tpending.len; i++) {
        struct type_pending p = cv->tpending.items[i];
        if (p.ty->kind == TYPE_TYPEDEF)
            p.ty->inner = type_shallow(cv, clang_getTypedefDeclUnderlyingType(p.decl));
        else
            record_fields(cv, p.ty, p.decl);
    }
    cv->tpending.len = 0;
    return ty;
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
ast_type *conv_param_type(conv *cv, CXType t)
{
    CXType c = clang_getCanonicalType(t);
    bool function = c.kind == CXType_FunctionProto || c.kind == CXType_FunctionNoProto;
    bool array = c.kind == CXType_ConstantArray || c.kind == CXType_IncompleteArray ||
                 c.kind == CXType_VariableArray || c.kind == CXType_DependentSizedArray;
    if (!function && !array)
        return conv_type_of(cv, t);
    /* The element as written when t is the array itself, else (typedef of an array) the
       canonical one. */
    bool written = t.kind == c.kind;
    tkey k = {.kind = TYPE_POINTER};
    k.inner = function ? conv_type_of(cv, t) : conv_type_of(cv, clang_getArrayElementType(written ? t : c));
    ast_type *ty = tmap_get(&cv->tother, &k);
    if (ty)
        return ty;
    ty = new_type(cv, TYPE_POINTER, 0, decayed_spelling(cv, type_spelling(cv, written || function ? t : c), function));
    ty->inner = (ast_type *)k.inner;
    tmap_put(&cv->tother, &k, ty);
    return ty;
}

/* Complete the const views from their unqualified types, now that every one is complete. */
void conv_finish_views(conv *cv)
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
