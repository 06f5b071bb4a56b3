/* conv_body.c - the statements and expressions of a function body.
 *
 * Implicit casts and other transparent wrappers vanish, parentheses stay; each clang statement
 * or expression becomes one ast_node (ast.h lists the kinds and the layout of their kids). */
#include "conv.h"

#include <string.h>

#include "cxstr.h"

static void loc_after_first_kid(conv *cv, ast_node *n);

static enum CXChildVisitResult collect_cb(CXCursor c, CXCursor parent, CXClientData data)
{
    conv *cv = data;
    fl_vec_push(&cv->cs, c);
    return CXChildVisit_Continue;
}

/* Push c's children on cv->cs; returns where they start (they end at cv->cs.len). */
size_t conv_collect_kids(conv *cv, CXCursor c)
{
    size_t base = cv->cs.len;
    clang_visitChildren(c, collect_cb, cv);
    return base;
}

/* A node with kind, span, loc, macro flag and (for expressions) type. */
static ast_node *mk(conv *cv, ast_kind k, CXCursor c)
{
    ast_node *n = FL_NEW(cv->a, ast_node);
    n->kind = (uint8_t)k;
    CXSourceRange r = clang_getCursorExtent(c);
    n->span = conv_range_span(cv, r);
    CXSourceLocation l = clang_getCursorLocation(c);
    n->loc = n->span.begin;
    if (l.int_data != r.begin_int_data) {
        file_slot *s;
        unsigned off;
        if (conv_exp_offset(cv, l, &s, &off) && s->id == n->span.file)
            n->loc = off;
    }
    if (l.int_data & RAW_MACRO_BIT)
        n->flags |= AST_F_IN_MACRO;
    if (clang_isExpression(c.kind))
        n->ty = conv_ty_flags(clang_getCursorType(c));
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
    size_t b = conv_collect_kids(cv, c), k = cv->cs.len - b;
    for (size_t i = 0; i < k; i++) {
        ast_node *kid = conv_tree(cv, cv->cs.items[b + i]);
        if (kid)
            fl_vec_push(&cv->ns, kid);
    }
    cv->cs.len = b;
    take_kids(cv, n, nb);
}

/* Convert only c's last child (the operand of a cast, after the type) as n's only kid. */
static void conv_last_kid(conv *cv, CXCursor c, ast_node *n)
{
    size_t b = conv_collect_kids(cv, c), k = cv->cs.len - b;
    ast_node *kid = k ? conv_tree(cv, cv->cs.items[b + k - 1]) : NULL;
    cv->cs.len = b;
    if (kid) {
        n->kids = FL_NEW_ARRAY(cv->a, ast_node *, 1);
        n->kids[0] = kid;
        n->nkids = 1;
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
            v = conv_global_var(cv, ref); /* locals are registered at their declaration, before use */
        if (v) {
            n->var = v;
            n->name = v->name;
            if (v->ty & TY_ARRAY)
                v->flags |= AST_VAR_ADDRESS_TAKEN; /* sizeof operands are never converted */
        } else
            n->name = cxstr_arena(cv->a, clang_getCursorSpelling(ref));
        break;
    }
    case CXCursor_FunctionDecl: {
        fninfo *fi = conv_fn_info(cv, ref);
        conv_fn_ref(fi, ref);
        n->name = fi->name;
        n->flags |= AST_F_FUNC_REF;
        n->callee = fi->callee;
        cv->last_fn = fi;
        cv->last_fn_node = n;
        break;
    }
    case CXCursor_EnumConstantDecl:
        n->name = cxstr_arena(cv->a, clang_getCursorSpelling(ref));
        n->flags |= AST_F_ENUM_REF;
        break;
    default:
        n->name = cxstr_arena(cv->a, clang_getCursorSpelling(c));
        break;
    }
    return n;
}

static ast_node *conv_call(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_CALL, c);
    size_t nb = cv->ns.len;
    size_t b = conv_collect_kids(cv, c), k = cv->cs.len - b;
    for (size_t i = 0; i < k; i++) {
        if (i == 0)
            cv->last_fn_node = NULL;
        ast_node *kid = conv_tree(cv, cv->cs.items[b + i]);
        if (i == 0) {
            ast_node *callee = ast_strip_casts(kid);
            if (callee && callee == cv->last_fn_node) {
                n->name = cv->last_fn->name;
                n->callee = cv->last_fn->callee;
                if (conv_fn_noreturn(cv, cv->last_fn))
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
    n->name = cxstr_arena(cv->a, clang_getCursorSpelling(c));
    size_t nb = cv->ns.len;
    size_t b = conv_collect_kids(cv, c), k = cv->cs.len - b;
    if (k) {
        CXCursor base = cv->cs.items[b];
        /* The raw base still has its implicit conversions, so an array base shows as a decayed
           pointer, as `->` requires. */
        if (clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer)
            n->flags |= AST_F_ARROW;
        for (size_t i = 0; i < k; i++) {
            ast_node *kid = conv_tree(cv, cv->cs.items[b + i]);
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
    while (i < len && conv_is_ident_char(t[i]))
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
        if (conv_is_ident_char(ch) || ch == '.')
            i++;
        else if ((ch == '+' || ch == '-') && i > off &&
                 (t[i - 1] == 'e' || t[i - 1] == 'E' || t[i - 1] == 'p' || t[i - 1] == 'P'))
            i++;
        else
            break;
    }
    return i - off;
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
    const char *t = filemap_text_of_id(&cv->fm, n->span.file, &len);
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
            const char *t = filemap_text(&cv->fm, filemap_slot(&cv->fm, f), &len);
            if (t && off < len) {
                n->name = fl_arena_strndup(cv->a, t + off, literal_token_len(t, len, off));
                return n;
            }
        }
        /* Stringized or pasted in a macro (clang's scratch buffer): libclang prints strings. */
        if (c.kind == CXCursor_StringLiteral) {
            n->name = cxstr_arena(cv->a, clang_getCursorSpelling(c));
            return n;
        }
    } else if (fl_span_valid(n->span)) {
        size_t len;
        const char *t = filemap_text_of_id(&cv->fm, n->span.file, &len);
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
    v->type_name = cxstr_arena(cv->a, clang_getTypeSpelling(t));
    v->ty = conv_ty_flags(t);
    v->type = conv_type_of(cv, t);
    v->flags = AST_VAR_COMPOUND_LITERAL;
    v->storage = STORAGE_LOCAL;
    v->span = n->span;
    v->decl = n;
    n->var = v;
    conv_add_fn_var(cv, v);
    conv_scope_add(cv, v);
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
    size_t b = conv_collect_kids(cv, c), k = cv->cs.len - b;
    if (k == 4) {
        CXSourceRange r0 = clang_getCursorExtent(cv->cs.items[b]);
        if (clang_equalRanges(r0, clang_getCursorExtent(cv->cs.items[b + 1])) &&
            clang_equalRanges(r0, clang_getCursorExtent(cv->cs.items[b + 2]))) {
            ast_node *n = mk(cv, AST_COND, c);
            n->flags |= AST_F_BINARY_COND;
            ast_node *cond = conv_tree(cv, cv->cs.items[b]);
            ast_node *els = conv_tree(cv, cv->cs.items[b + 3]);
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
                if (conv_exp_offset(cv, clang_getRangeStart(r), &s, &off) &&
                    (t = filemap_text(&cv->fm, s, &len)) && off < len && t[off] == '[')
                    designated = true;
            }
        }
        if (designated) {
            ast_node *v = conv_tree(cv, cv->cs.items[b + k - 1]);
            cv->cs.len = b;
            return v;
        }
    }
    for (size_t i = 0; i < k; i++) {
        ast_node *kid = conv_tree(cv, cv->cs.items[b + i]);
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
        v = conv_global_var(cv, c);
    } else {
        v = conv_new_var(cv, c, tls ? STORAGE_THREAD_LOCAL
                               : sc == CX_SC_Static ? STORAGE_STATIC_LOCAL : STORAGE_LOCAL);
        v->decl = n;
        conv_add_fn_var(cv, v);
        cmap_put(&cv->vars, clang_getCanonicalCursor(c), v);
        if (v->storage == STORAGE_LOCAL)
            conv_scope_add(cv, v);
    }
    n->var = v;
    n->name = v->name;
    CXCursor init = clang_Cursor_getVarDeclInitializer(c);
    if (!clang_Cursor_isNull(init)) {
        ast_node *kid = conv_tree(cv, init);
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
    size_t old = conv_scope_open(cv);
    conv_all_kids(cv, c, n);
    n->scope = conv_scope_close(cv, old);
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
    const char *t = filemap_text(&cv->fm, filemap_slot(&cv->fm, ff), &len);
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
    size_t old = conv_scope_open(cv);
    size_t b = conv_collect_kids(cv, c), k = cv->cs.len - b;
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
        kids[slot[i]] = conv_tree(cv, cv->cs.items[hb + i]);
    kids[3] = k ? conv_tree(cv, cv->cs.items[b + k - 1]) : NULL;
    if (!kids[3]) {
        kids[3] = FL_NEW(cv->a, ast_node);
        kids[3]->kind = AST_NULL_STMT;
        kids[3]->span = n->span;
        kids[3]->loc = n->loc;
    }
    cv->cs.len = b;
    n->kids = kids;
    n->nkids = 4;
    n->scope = conv_scope_close(cv, old);
    return n;
}

static ast_node *conv_goto(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_GOTO, c);
    size_t b = conv_collect_kids(cv, c), k = cv->cs.len - b;
    for (size_t i = 0; i < k; i++)
        if (cv->cs.items[b + i].kind == CXCursor_LabelRef) {
            n->name = cxstr_arena(cv->a, clang_getCursorSpelling(cv->cs.items[b + i]));
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

ast_node *conv_tree(conv *cv, CXCursor c)
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
        n->name = cxstr_arena(cv->a, clang_getCursorSpelling(c));
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
