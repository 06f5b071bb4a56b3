/* conv_inits.c - functions stored by the initializers of file-scope variables.
 *
 * Tables of operations are how C programs pick a function at run time:
 *
 *     static const struct netdev_class dummy_class = { .run = dummy_run, .wait = dummy_wait };
 *     static handler_fn handlers[] = { on_read, on_write };
 *
 * A call `class->run(x)` or `handlers[i](x)` enters exactly the functions stored there, so the
 * facts need to know what every initializer stores where: a field of a struct type (wherever the
 * struct is) or the global itself. Only that is kept, not the initializer's tree; and the globals
 * of other files an initializer names (`&tcp_stream_class` in a table of classes), which the
 * unit uses as much as a body that names them.
 *
 * libclang shows the syntactic form of an initializer list: its elements in order, a designated
 * one (`.run = f`, `[2] = f`) as an unexposed expression whose kids are the designators (a
 * MemberRef per field named) and then the value. The walk uses its own stack: nested
 * initializers are as deep as the data they describe. */
#include "conv.h"

#include <stdint.h>

#include "cxstr.h"

/* Where a value being walked is stored. */
typedef struct init_frame {
    CXCursor c;
    CXCursor field; /* the field it initializes (null: the global itself, or an array element of it) */
} init_frame;

typedef FL_VEC(init_frame) frame_vec;

static enum CXVisitorResult field_cb(CXCursor c, CXClientData data)
{
    conv_fields *fl = data;
    fl_vec_push(&fl->v, c);
    return CXVisit_Continue;
}

void conv_record_fields(CXType t, conv_fields *fl)
{
    fl->v.len = 0;
    clang_Type_visitFields(t, field_cb, fl);
}

static bool is_record(CXType t)
{
    return t.kind == CXType_Record;
}

/* The elements of initializer list c (its kids cs[b..e)), each with the field it initializes,
   pushed on st. For a list of a record type the fields go in order from the last one designated;
   a list of an array type stores every element where the array is. */
static void push_list(conv *cv, CXCursor c, CXCursor field, size_t b, size_t e, frame_vec *st, conv_fields *fl)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(c));
    if (!is_record(t)) {
        for (size_t i = e; i-- > b;) {
            CXCursor k = cv->cs.items[i];
            /* `[2] = f`: the index, then the value */
            if (k.kind == CXCursor_UnexposedExpr && clang_getCursorType(k).kind == CXType_Void) {
                size_t kb = conv_collect_kids(cv, k);
                if (cv->cs.len > kb)
                    k = cv->cs.items[cv->cs.len - 1];
                cv->cs.len = kb;
            }
            init_frame f = {k, field};
            fl_vec_push(st, f);
        }
        return;
    }
    conv_record_fields(t, fl);
    size_t pos = 0;
    size_t first = st->len;
    for (size_t i = b; i < e; i++) {
        CXCursor k = cv->cs.items[i];
        CXCursor fd = clang_getNullCursor();
        if (k.kind == CXCursor_UnexposedExpr && clang_getCursorType(k).kind == CXType_Void) {
            /* `.a.b = v`: the last field named is where v goes; positions go on from the first */
            size_t kb = conv_collect_kids(cv, k), ke = cv->cs.len;
            CXCursor value = clang_getNullCursor();
            for (size_t j = kb; j < ke; j++) {
                CXCursor d = cv->cs.items[j];
                if (d.kind == CXCursor_MemberRef) {
                    CXCursor ref = clang_getCursorReferenced(d);
                    if (clang_Cursor_isNull(fd))
                        for (size_t p = 0; p < fl->v.len; p++)
                            if (clang_equalCursors(fl->v.items[p], ref))
                                pos = p;
                    fd = ref;
                } else
                    value = d;
            }
            cv->cs.len = kb;
            pos++;
            if (clang_Cursor_isNull(value))
                continue;
            k = value;
        } else if (pos < fl->v.len)
            fd = fl->v.items[pos++];
        else
            continue;
        init_frame f = {k, fd};
        fl_vec_push(st, f);
    }
    /* walked in source order */
    for (size_t i = first, j = st->len; i < j && i < --j; i++) {
        init_frame tmp = st->items[i];
        st->items[i] = st->items[j];
        st->items[j] = tmp;
    }
}

static void add_init(conv *cv, ast_var *g, CXCursor field, CXCursor ref, CXCursor at)
{
    fninfo *fi = conv_fn_info(cv, ref);
    conv_fn_ref(fi, ref);
    conv_init pi = {0};
    pi.fi = fi;
    pi.global = g;
    pi.span = conv_range_span(cv, clang_getCursorExtent(at));
    if (!clang_Cursor_isNull(field)) {
        CXCursor rec = clang_getCursorSemanticParent(field);
        pi.record = conv_type_of(cv, clang_getCursorType(rec));
        pi.field = cxstr_arena(cv->a, clang_getCursorSpelling(field));
    }
    fl_vec_push(&cv->inits, pi);
}

/* `T *p = &v;` (through casts and parentheses), v a file-scope variable that is no array: v. */
static bool address_of_global(conv *cv, CXCursor d, CXCursor *target)
{
    if (clang_getCursorType(d).kind != CXType_Pointer)
        return false;
    size_t b = conv_collect_kids(cv, d), e = cv->cs.len;
    CXCursor init = e > b ? cv->cs.items[e - 1] : clang_getNullCursor();
    cv->cs.len = b;
    for (int guard = 0; guard < 8 && !clang_Cursor_isNull(init); guard++) {
        if (init.kind == CXCursor_UnaryOperator) {
            size_t kb = conv_collect_kids(cv, init), ke = cv->cs.len;
            CXCursor k = ke == kb + 1 ? cv->cs.items[kb] : clang_getNullCursor();
            cv->cs.len = kb;
            /* `&v` is the only unary operator whose operand is a plain reference here */
            if (k.kind != CXCursor_DeclRefExpr)
                return false;
            CXCursor v = clang_getCursorReferenced(k);
            enum CXTypeKind tk = clang_getCanonicalType(clang_getCursorType(v)).kind;
            if (v.kind != CXCursor_VarDecl || clang_getCursorSemanticParent(v).kind != CXCursor_TranslationUnit ||
                tk == CXType_ConstantArray || tk == CXType_IncompleteArray ||
                clang_getCanonicalType(clang_getCursorType(init)).kind != CXType_Pointer)
                return false;
            *target = v;
            return true;
        }
        if (init.kind != CXCursor_UnexposedExpr && init.kind != CXCursor_CStyleCastExpr &&
            init.kind != CXCursor_ParenExpr)
            return false;
        size_t kb = conv_collect_kids(cv, init), ke = cv->cs.len;
        init = ke == kb + 1 ? cv->cs.items[kb] : clang_getNullCursor();
        cv->cs.len = kb;
    }
    return false;
}

/* Every function the initializer of file-scope variable d stores, and where; and the global
   whose address it holds, for a pointer. */
void conv_var_inits(conv *cv, CXCursor d)
{
    CXCursor target;
    if (address_of_global(cv, d, &target)) {
        ast_addr_init ai = {conv_global_var(cv, d), conv_global_var(cv, target)};
        fl_vec_push(&cv->addr_inits, ai);
    }
    ast_var *g = NULL;
    frame_vec st = {0};
    conv_fields fl = {0};
    size_t b = conv_collect_kids(cv, d), e = cv->cs.len;
    for (size_t i = e; i-- > b;) {
        init_frame f = {cv->cs.items[i], clang_getNullCursor()};
        fl_vec_push(&st, f);
    }
    cv->cs.len = b;
    while (st.len) {
        init_frame f = st.items[--st.len];
        CXCursor c = f.c;
        switch (c.kind) {
        case CXCursor_DeclRefExpr: {
            CXCursor ref = clang_getCursorReferenced(c);
            if (ref.kind == CXCursor_FunctionDecl) {
                if (!g)
                    g = conv_global_var(cv, d);
                add_init(cv, g, f.field, ref, c);
            } else if (ref.kind == CXCursor_VarDecl && clang_getCursorLinkage(ref) == CXLinkage_External) {
                /* `&tcp_stream_class` in a table: a global of another file the unit uses, which
                   links that file into the program (facts/program.c) */
                conv_global_var(cv, ref);
            }
            break;
        }
        case CXCursor_InitListExpr: {
            size_t kb = conv_collect_kids(cv, c), ke = cv->cs.len;
            push_list(cv, c, f.field, kb, ke, &st, &fl);
            cv->cs.len = kb;
            break;
        }
        case CXCursor_UnexposedExpr:
        case CXCursor_UnaryOperator:
        case CXCursor_CStyleCastExpr:
        case CXCursor_ParenExpr:
        case CXCursor_ConditionalOperator:
        case CXCursor_CompoundLiteralExpr: {
            /* the value through casts, `&f`, `c ? f : g`, `(struct ops){...}` */
            size_t kb = conv_collect_kids(cv, c), ke = cv->cs.len;
            for (size_t i = ke; i-- > kb;) {
                init_frame k = {cv->cs.items[i], f.field};
                fl_vec_push(&st, k);
            }
            cv->cs.len = kb;
            break;
        }
        default:
            break; /* calls, literals, types: no function is stored by them */
        }
    }
    fl_vec_free(&st);
    fl_vec_free(&fl.v);
}

void conv_finish_inits(conv *cv, ast_tu *tu)
{
    tu->naddr_inits = (uint32_t)cv->addr_inits.len;
    tu->addr_inits = tu->naddr_inits ? fl_arena_memdup(cv->a, cv->addr_inits.items,
                                                       tu->naddr_inits * sizeof *tu->addr_inits)
                                     : NULL;
    fl_vec_free(&cv->addr_inits);
    tu->nfn_inits = (uint32_t)cv->inits.len;
    tu->fn_inits = tu->nfn_inits ? FL_NEW_ARRAY(cv->a, ast_fn_init, tu->nfn_inits) : NULL;
    for (size_t i = 0; i < cv->inits.len; i++) {
        const conv_init *pi = &cv->inits.items[i];
        ast_fn_init *fi = &tu->fn_inits[i];
        fi->record = pi->record;
        fi->field = pi->field;
        fi->global = pi->global;
        fi->fn = pi->fi->callee;
        fi->span = pi->span;
    }
}
