/* conv_body.c - the statements and expressions of a function body.
 *
 * Implicit casts and other transparent wrappers vanish, parentheses stay; each clang statement
 * or expression becomes one ast_node (ast.h lists the kinds and the layout of their kids).
 *
 * No recursion: generated code nests as deep as clang lets it (a flat `x + x + ... + x` of
 * 40,000 terms is a left spine 40,000 deep, an else-if chain of N is N nested ifs), so the
 * cursors being converted are frames on an explicit stack on the heap (cv->frames). A frame's
 * children wait on cv->cs, its converted kids on cv->ns; its node is assembled when the last
 * kid is done (finish). The C stack stays flat whatever the depth.
 *
 * Nor time quadratic in the depth: clang finds where a binary operator begins by walking down
 * its left operand, where an `if` ends by walking down its else chain (and a case down its case
 * chain), so asking libclang for the extent of every node of such a spine costs the square of
 * its length. The operators whose extent runs from their first child's beginning to their last
 * child's end, and the statements whose extent runs from their own location to their last
 * child's end, build it from their children's extents instead (DERIVE_*), which the frames pass
 * up: the same CXSourceRange libclang would return, made of the same raw locations.
 */
#include "conv.h"

#include <string.h>

#include "cxstr.h"

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

/* How a frame's converted kids become its result. */
typedef enum frame_op {
    OP_KIDS,        /* the node gets every kid that converts (statements, most expressions) */
    OP_CALL,        /* OP_KIDS, and after the callee (kid 0) the call learns whom it calls */
    OP_UNARY,       /* OP_KIDS, then a postfix operator points at the operator, & marks its variable */
    OP_ONE,         /* the node gets its one converted kid, if any: cast, compound literal, initializer */
    OP_BINARY_COND, /* GNU a ?: b: the node gets both kids as converted, NULL ones too */
    OP_PASS,        /* the result is the one converted kid: a designated initializer's value */
    OP_UNEXPOSED,   /* the only kid that converts, if one does; else an AST_OTHER or AST_SIZEOF */
    OP_STMT_ONE,    /* an unexposed statement: its only kid if it has one, else the AST_OTHER */
    OP_COMPOUND,    /* OP_KIDS, then the block's scope closes */
    OP_FOR,         /* the header kids into their slots and the body, then the for's scope closes */
} frame_op;

/* Where the extent of a node made when its kids are done comes from. */
enum {
    DERIVE_NONE, /* from libclang (the node is made on entry) */
    DERIVE_EXPR, /* from the first child's beginning to the last child's end */
    DERIVE_STMT, /* from the statement's location (its beginning) to the last child's end */
};

/* One cursor being converted. */
struct body_frame {
    CXCursor c;
    ast_node *n;            /* made on entry, or when the kids are done if `derive` */
    uint8_t op;             /* frame_op */
    uint8_t kind;           /* ast_kind of a node made when the kids are done */
    uint8_t derive;         /* DERIVE_* */
    bool own_ok;            /* `own` is the extent of c */
    bool first_ok, last_ok; /* `first` / `last` are the extents of the first / last child */
    bool wrapped;           /* the kid being converted was reached through a vanishing wrapper */
    int8_t slot[3];         /* OP_FOR: init 0, cond 1 or inc 2, for each header kid */
    uint32_t nhead;         /* OP_FOR: how many header kids come before the body */
    uint32_t next, end;     /* children cs[cs_base + next .. cs_base + end) are yet to convert */
    size_t cs_base;         /* its children, on cv->cs from here */
    size_t ns_base;         /* its converted kids (NULL ones too), on cv->ns from here */
    size_t scope_old;       /* OP_COMPOUND, OP_FOR: the enclosing scope, restored at the end */
    CXCursor field;         /* OP_PASS: the field a `.f = v` designator names, or a null cursor */
    CXSourceRange own, first, last;
};

/* A converted cursor: its node (NULL when it is neither statement nor expression), and its
   extent when the conversion learned it. */
typedef struct result {
    ast_node *node;
    bool ext_ok;
    CXSourceRange ext;
} result;

/* A node of kind k for cursor c, whose extent is r and location l: span, loc, macro flag and
   (for expressions) type. cv->made is r afterwards. */
static ast_node *mk_at(conv *cv, ast_kind k, CXCursor c, CXSourceRange r, CXSourceLocation l)
{
    ast_node *n = FL_NEW(cv->a, ast_node);
    n->kind = (uint8_t)k;
    n->span = conv_range_span(cv, r);
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
    cv->made = r;
    return n;
}

/* A node of kind k for cursor c, placed where libclang says. */
static ast_node *mk(conv *cv, ast_kind k, CXCursor c)
{
    return mk_at(cv, k, c, clang_getCursorExtent(c), clang_getCursorLocation(c));
}

/* The node of a frame whose extent is derived from its children's (see the top); a child
   whose extent its conversion did not learn (an implicit cast that vanished) is asked for it. */
static ast_node *mk_derived(conv *cv, body_frame *f)
{
    if (!f->end)
        return mk(cv, (ast_kind)f->kind, f->c);
    const CXCursor *kids = &cv->cs.items[f->cs_base];
    if (!f->first_ok && f->derive == DERIVE_EXPR)
        f->first = clang_getCursorExtent(kids[0]);
    if (!f->last_ok)
        f->last = clang_getCursorExtent(kids[f->end - 1]);
    if (clang_Range_isNull(f->last) || (f->derive == DERIVE_EXPR && clang_Range_isNull(f->first)))
        return mk(cv, (ast_kind)f->kind, f->c);
    CXSourceRange r = f->last;
    CXSourceLocation l;
    if (f->derive == DERIVE_EXPR) {
        r.begin_int_data = f->first.begin_int_data;
        l = clang_getRangeStart(r);
    } else {
        l = clang_getCursorLocation(f->c);
        r.begin_int_data = l.int_data;
    }
    return mk_at(cv, (ast_kind)f->kind, f->c, r, l);
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

/* Drop the NULL kids pushed on cv->ns since nbase (children that are neither statements nor
   expressions); returns how many are left. */
static size_t keep_nonnull(conv *cv, size_t nbase)
{
    size_t k = nbase;
    for (size_t i = nbase; i < cv->ns.len; i++)
        if (cv->ns.items[i])
            cv->ns.items[k++] = cv->ns.items[i];
    cv->ns.len = k;
    return k - nbase;
}

/* ---- leaves: cursors converted without converting children ---- */

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
        if (clang_getEnumConstantDeclValue(ref) == 0)
            n->flags |= AST_F_ENUM_ZERO;
        break;
    default:
        n->name = cxstr_arena(cv->a, clang_getCursorSpelling(c));
        break;
    }
    return n;
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
                n->name = fl_arena_strndup(cv->a, t + off, conv_text_literal_len(t, len, off));
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


/* ---- frames: entering a cursor ---- */

/* Push a frame for c with children cv->cs[cs_base..] (collected by the caller); n is its node
   when made already, and then cv->made its extent. */
static body_frame *push_frame(conv *cv, CXCursor c, frame_op op, ast_node *n, size_t cs_base)
{
    /* Made in place, and only the fields every frame reads: this runs once per node. */
    fl_vec_reserve(&cv->frames, cv->frames.len + 1);
    body_frame *f = &cv->frames.items[cv->frames.len++];
    f->c = c;
    f->n = n;
    f->op = (uint8_t)op;
    f->derive = DERIVE_NONE;
    f->first_ok = f->last_ok = f->wrapped = false;
    f->own_ok = n != NULL;
    if (n)
        f->own = cv->made;
    f->next = 0;
    f->end = (uint32_t)(cv->cs.len - cs_base);
    f->cs_base = cs_base;
    f->ns_base = cv->ns.len;
    return f;
}

/* An initializer list of a struct whose designated elements each name one field of it (`{ .to =
   &b, .from = &a }`), put in field order, as the positional list that means the same: fields it
   leaves out get a literal 0, as C gives them. Lists it cannot place stay as written, their
   designated elements marked (AST_F_DESIGNATED). */
static void place_designated(conv *cv, CXCursor list, ast_node *n, size_t desig_base)
{
    bool any = false;
    for (uint16_t k = 0; k < n->nkids && !any; k++)
        any = n->kids[k] && (n->kids[k]->flags & AST_F_DESIGNATED);
    if (!any || n->nkids > 256)
        return;
    CXType t = clang_getCanonicalType(clang_getCursorType(list));
    if (t.kind != CXType_Record || clang_getTypeDeclaration(t).kind != CXCursor_StructDecl)
        return;
    conv_fields fl = {0};
    conv_record_fields(t, &fl);
    int32_t pos[256];
    int32_t cur = 0, top = -1;
    for (uint16_t k = 0; k < n->nkids && cur >= 0; k++) {
        const ast_node *e = n->kids[k];
        if (e && (e->flags & AST_F_DESIGNATED)) {
            /* the field its designator names, among the list's own (not a nested record's) */
            int32_t at = -1;
            for (size_t d = cv->desig.len; d-- > desig_base && at < 0;)
                for (size_t f = 0; cv->desig.items[d].node == e && f < fl.v.len && at < 0; f++)
                    if (clang_equalCursors(fl.v.items[f], cv->desig.items[d].field))
                        at = (int32_t)f;
            cur = at;
        }
        if (cur < 0 || cur > 255)
            cur = -1;
        else {
            pos[k] = cur++;
            top = pos[k] > top ? pos[k] : top;
        }
    }
    fl_vec_free(&fl.v);
    if (cur < 0)
        return;
    ast_node **kids = FL_NEW_ARRAY(cv->a, ast_node *, (size_t)top + 1);
    for (uint16_t k = 0; k < n->nkids; k++) {
        if (kids[pos[k]])
            return; /* a field given twice: as written */
        kids[pos[k]] = n->kids[k];
    }
    for (int32_t i = 0; i <= top; i++) {
        if (!kids[i]) {
            ast_node *z = FL_NEW(cv->a, ast_node);
            z->kind = AST_LITERAL;
            z->name = "0";
            z->span = n->span;
            z->loc = n->loc;
            z->flags = n->flags & AST_F_IN_MACRO;
            kids[i] = z;
        } else {
            kids[i]->flags &= (uint16_t)~AST_F_DESIGNATED;
        }
    }
    n->kids = kids;
    n->nkids = (uint16_t)(top + 1);
}

/* Push a frame for c and its children. */
static body_frame *push(conv *cv, CXCursor c, frame_op op, ast_node *n)
{
    return push_frame(cv, c, op, n, conv_collect_kids(cv, c));
}

/* A frame whose node is made when its kids are done, with a derived extent. */
static void push_derived(conv *cv, CXCursor c, ast_kind kind, int derive)
{
    body_frame *f = push(cv, c, OP_KIDS, NULL);
    f->kind = (uint8_t)kind;
    f->derive = (uint8_t)derive;
}

/* A cursor converted without a frame; false (no frame pushed). */
/* The builtin an atomic expression calls (`__c11_atomic_exchange`, `__atomic_store_n`): libclang
   shows C11's and GNU's atomic operations as unexposed expressions, and their first token, where
   it is spelled (in <stdatomic.h> for atomic_exchange() and atomic_flag_test_and_set()), is the
   builtin's name. NULL for any other expression. */
static const char *atomic_builtin_name(conv *cv, CXCursor c)
{
    CXFile f = NULL;
    unsigned off = 0;
    clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(c)), &f, NULL, NULL, &off);
    size_t len = 0;
    const char *t = f ? clang_getFileContents(cv->fm.tu, f, &len) : NULL;
    if (!t || off >= len || t[off] != '_' || len - off < 9 ||
        (strncmp(t + off, "__c11_atomic_", 13) != 0 && strncmp(t + off, "__atomic_", 9) != 0))
        return NULL;
    size_t e = off;
    while (e < len && (t[e] == '_' || (t[e] >= 'a' && t[e] <= 'z') || (t[e] >= '0' && t[e] <= '9')))
        e++;
    return fl_arena_strndup(cv->a, t + off, e - off);
}

static bool leaf(conv *cv, ast_node *n, result *r)
{
    r->node = n;
    r->ext_ok = n != NULL;
    r->ext = cv->made;
    return false;
}

/* An UnexposedExpr: implicit casts and other wrappers with one operand vanish; GNU `a ?: b`
   (children: common, opaque cond, opaque true, else — the first three with the same extent)
   becomes a binary conditional; a designated initializer keeps its value only; an expression
   over types only (offsetof) is an AST_SIZEOF. */
static bool enter_unexposed(conv *cv, CXCursor c, result *r)
{
    size_t b = conv_collect_kids(cv, c), k = cv->cs.len - b;
    if (k == 4) {
        CXSourceRange r0 = clang_getCursorExtent(cv->cs.items[b]);
        if (clang_equalRanges(r0, clang_getCursorExtent(cv->cs.items[b + 1])) &&
            clang_equalRanges(r0, clang_getCursorExtent(cv->cs.items[b + 2]))) {
            ast_node *n = mk(cv, AST_COND, c);
            n->flags |= AST_F_BINARY_COND;
            cv->cs.items[b + 1] = cv->cs.items[b + 3];
            cv->cs.len = b + 2;
            push_frame(cv, c, OP_BINARY_COND, n, b);
            return true;
        }
    }
    /* offsetof(T, m.n): its last children are the member names. Nothing under it is evaluated,
       not even an expression inside `typeof` (OVS's OBJECT_OFFSETOF uses typeof(*ptr)). */
    if (k >= 2 && cv->cs.items[b + k - 1].kind == CXCursor_MemberRef &&
        cv->cs.items[b].kind != CXCursor_MemberRef) {
        cv->cs.len = b;
        return leaf(cv, mk(cv, AST_SIZEOF, c), r);
    }
    if (k >= 2) {
        bool designated = cv->cs.items[b].kind == CXCursor_MemberRef;
        if (!designated) {
            /* `[i] = v`: no C expression starts with '['. */
            CXSourceRange rc = clang_getCursorExtent(c);
            if (!(rc.begin_int_data & RAW_MACRO_BIT)) {
                file_slot *s;
                unsigned off;
                size_t len;
                const char *t;
                if (conv_exp_offset(cv, clang_getRangeStart(rc), &s, &off) &&
                    (t = filemap_text(&cv->fm, s, &len)) && off < len && t[off] == '[')
                    designated = true;
            }
        }
        if (designated) {
            body_frame *f = push_frame(cv, c, OP_PASS, NULL, b);
            f->next = (uint32_t)(k - 1);
            /* one field named (`.f = v`, not `.a.b = v`): the field, for the list to place it */
            f->field = k == 2 ? clang_getCursorReferenced(cv->cs.items[b]) : clang_getNullCursor();
            return true;
        }
    }
    push_frame(cv, c, OP_UNEXPOSED, NULL, b);
    return true;
}

static void enter_member(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_MEMBER, c);
    CXSourceRange own = cv->made;
    n->name = cxstr_arena(cv->a, clang_getCursorSpelling(c));
    CXCursor field = clang_getCursorReferenced(c);
    if (clang_Cursor_isBitField(field))
        n->flags |= AST_F_BITFIELD;
    if (clang_getCursorSemanticParent(field).kind == CXCursor_UnionDecl)
        n->flags |= AST_F_UNION_MEMBER;
    size_t b = conv_collect_kids(cv, c);
    /* The raw base still has its implicit conversions, so an array base shows as a decayed
       pointer, as `->` requires. */
    if (cv->cs.len > b && clang_getCanonicalType(clang_getCursorType(cv->cs.items[b])).kind == CXType_Pointer)
        n->flags |= AST_F_ARROW;
    cv->made = own;
    push_frame(cv, c, OP_KIDS, n, b);
}

static void enter_compound_lit(conv *cv, CXCursor c)
{
    ast_node *n = mk(cv, AST_COMPOUND_LIT, c);
    CXSourceRange own = cv->made;
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
    cv->made = own;
    body_frame *f = push(cv, c, OP_ONE, n);
    f->next = f->end ? f->end - 1 : 0; /* the initializer list, after the type */
}

/* A variable declaration: its ast_var exists before its initializer is converted (`int x = x`
   names itself). */
static bool enter_var(conv *cv, CXCursor c, result *r)
{
    ast_node *n = mk(cv, AST_VAR, c);
    CXSourceRange own = cv->made;
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
    cv->made = own;
    CXCursor init = clang_Cursor_getVarDeclInitializer(c);
    if (clang_Cursor_isNull(init))
        return leaf(cv, n, r);
    size_t b = cv->cs.len;
    fl_vec_push(&cv->cs, init);
    push_frame(cv, c, OP_ONE, n, b);
    return true;
}

/* for (init; cond; inc) body: libclang visits only the parts of the header that are present,
   so `for (;;) body` has one child. The header's text tells which child is which; when it
   cannot (a header assembled from several macros), three header children are init, cond, inc,
   and fewer are taken as init only if the first is a declaration, then cond, then inc. */
static void enter_for(conv *cv, CXCursor c)
{
    size_t old = conv_scope_open(cv);
    body_frame *f = push(cv, c, OP_FOR, NULL);
    f->kind = AST_FOR;
    f->derive = DERIVE_STMT;
    f->scope_old = old;
    uint32_t k = f->end, h = k ? k - 1 : 0;
    if (h > 3)
        h = 3; /* not in C; keep the last three before the body */
    uint32_t hb = (k ? k - 1 : 0) - h;
    int slot[3] = {0, 1, 2};
    const CXCursor *head = &cv->cs.items[f->cs_base + hb];
    if (h && h < 3 && !conv_text_for_slots(cv, c, head, h, slot)) {
        int s = head[0].kind == CXCursor_DeclStmt ? 0 : 1;
        for (uint32_t i = 0; i < h; i++)
            slot[i] = s++;
    }
    for (uint32_t i = 0; i < 3; i++)
        f->slot[i] = (int8_t)slot[i];
    f->nhead = h;
    f->next = hb;
}

/* Start converting c: a leaf is converted at once into *r (false); anything else gets a frame
   on top of the stack (true), finished when its kids are. An implicit cast (an UnexposedExpr
   around one expression) vanishes without a frame: its operand is entered in its place, and
   cv->wrapped tells the caller that the result's extent is not the cursor's. */
static bool enter(conv *cv, CXCursor c, result *r)
{
    cv->wrapped = false;
    while (c.kind == CXCursor_UnexposedExpr) {
        size_t b = conv_collect_kids(cv, c);
        bool one = cv->cs.len - b == 1 && clang_isExpression(cv->cs.items[b].kind);
        CXCursor kid = cv->cs.items[b];
        cv->cs.len = b;
        if (!one)
            break;
        c = kid;
        cv->wrapped = true;
    }
    switch (c.kind) {
    /* expressions */
    case CXCursor_UnexposedExpr:
        return enter_unexposed(cv, c, r);
    case CXCursor_DeclRefExpr:
        return leaf(cv, conv_declref(cv, c), r);
    case CXCursor_CallExpr:
        push(cv, c, OP_CALL, mk(cv, AST_CALL, c));
        return true;
    case CXCursor_MemberRefExpr:
        enter_member(cv, c);
        return true;
    case CXCursor_ArraySubscriptExpr:
        push(cv, c, OP_KIDS, mk(cv, AST_INDEX, c));
        return true;
    case CXCursor_CStyleCastExpr: {
        body_frame *f = push(cv, c, OP_ONE, mk(cv, AST_CAST, c));
        f->next = f->end ? f->end - 1 : 0; /* the operand, after the type */
        return true;
    }
    case CXCursor_ParenExpr:
        push(cv, c, OP_KIDS, mk(cv, AST_PAREN, c));
        return true;
    case CXCursor_UnaryOperator: {
        ast_node *n = mk(cv, AST_UNARY, c);
        n->op = (uint8_t)map_unop(clang_getCursorUnaryOperatorKind(c));
        push(cv, c, OP_UNARY, n);
        return true;
    }
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
        push_derived(cv, c, AST_BINARY, DERIVE_EXPR);
        return true;
    case CXCursor_ConditionalOperator:
        push_derived(cv, c, AST_COND, DERIVE_EXPR);
        return true;
    case CXCursor_CompoundLiteralExpr:
        enter_compound_lit(cv, c);
        return true;
    case CXCursor_InitListExpr:
        /* (scope_old: where its designated elements' fields start in cv->desig) */
        push(cv, c, OP_KIDS, mk(cv, AST_INIT_LIST, c))->scope_old = cv->desig.len;
        return true;
    case CXCursor_StmtExpr:
        push(cv, c, OP_KIDS, mk(cv, AST_STMT_EXPR, c));
        return true;
    case CXCursor_UnaryExpr: /* sizeof, _Alignof, offsetof: the operand is not evaluated */
        return leaf(cv, mk(cv, AST_SIZEOF, c), r);
    case CXCursor_IntegerLiteral:
    case CXCursor_FloatingLiteral:
    case CXCursor_ImaginaryLiteral:
    case CXCursor_StringLiteral:
    case CXCursor_CharacterLiteral:
        return leaf(cv, conv_literal(cv, c), r);

    /* statements */
    case CXCursor_CompoundStmt: {
        ast_node *n = mk(cv, AST_COMPOUND, c);
        size_t old = conv_scope_open(cv);
        push(cv, c, OP_COMPOUND, n)->scope_old = old;
        return true;
    }
    case CXCursor_DeclStmt: /* non-variable declarations convert to NULL */
        push(cv, c, OP_KIDS, mk(cv, AST_DECL_STMT, c));
        return true;
    case CXCursor_VarDecl:
        return enter_var(cv, c, r);
    case CXCursor_IfStmt:
        push_derived(cv, c, AST_IF, DERIVE_STMT);
        return true;
    case CXCursor_WhileStmt:
        push_derived(cv, c, AST_WHILE, DERIVE_STMT);
        return true;
    case CXCursor_DoStmt:
        push(cv, c, OP_KIDS, mk(cv, AST_DO, c));
        return true;
    case CXCursor_ForStmt:
        enter_for(cv, c);
        return true;
    case CXCursor_SwitchStmt:
        push_derived(cv, c, AST_SWITCH, DERIVE_STMT);
        return true;
    case CXCursor_CaseStmt:
        push_derived(cv, c, AST_CASE, DERIVE_STMT);
        return true;
    case CXCursor_DefaultStmt:
        push_derived(cv, c, AST_DEFAULT, DERIVE_STMT);
        return true;
    case CXCursor_LabelStmt:
        push_derived(cv, c, AST_LABEL, DERIVE_STMT);
        return true;
    case CXCursor_GotoStmt:
        return leaf(cv, conv_goto(cv, c), r);
    case CXCursor_IndirectGotoStmt:
        push(cv, c, OP_KIDS, mk(cv, AST_INDIRECT_GOTO, c));
        return true;
    case CXCursor_BreakStmt:
        return leaf(cv, mk(cv, AST_BREAK, c), r);
    case CXCursor_ContinueStmt:
        return leaf(cv, mk(cv, AST_CONTINUE, c), r);
    case CXCursor_ReturnStmt:
        push(cv, c, OP_KIDS, mk(cv, AST_RETURN, c));
        return true;
    case CXCursor_NullStmt:
        return leaf(cv, mk(cv, AST_NULL_STMT, c), r);
    case CXCursor_GCCAsmStmt:
    case CXCursor_MSAsmStmt:
        return leaf(cv, mk(cv, AST_ASM, c), r);
    case CXCursor_UnexposedStmt:
        /* Mostly attributed statements (`__attribute__((fallthrough));`): keep the statement. */
        push(cv, c, OP_STMT_ONE, mk(cv, AST_OTHER, c));
        return true;
    default:
        if (clang_isExpression(c.kind) || clang_isStatement(c.kind)) {
            push(cv, c, OP_KIDS, mk(cv, AST_OTHER, c));
            return true;
        }
        return leaf(cv, NULL, r); /* type references, attributes, nested non-variable declarations */
    }
}

/* ---- frames: a kid done, the frame done ---- */

/* The kid of f just converted (child f->next - 1). */
static void kid_done(conv *cv, body_frame *f, const result *r)
{
    uint32_t i = f->next - 1;
    fl_vec_push(&cv->ns, r->node);
    bool ext_ok = r->ext_ok && !f->wrapped;
    if (ext_ok && i == 0) {
        f->first = r->ext;
        f->first_ok = true;
    }
    if (ext_ok && i + 1 == f->end) {
        f->last = r->ext;
        f->last_ok = true;
    }
    if (f->op == OP_CALL && i == 0) {
        /* the callee is the function reference just converted, when it names one */
        ast_node *callee = ast_strip_casts(r->node);
        if (callee && callee == cv->last_fn_node) {
            f->n->name = cv->last_fn->name;
            f->n->callee = cv->last_fn->callee;
            if (conv_fn_noreturn(cv, cv->last_fn))
                f->n->flags |= AST_F_NORETURN;
        }
    }
}

/* The for statement's kids: init, cond, inc (NULL when absent) and the body (a null statement
   when there is none). */
static void finish_for(conv *cv, body_frame *f, ast_node *n)
{
    ast_node **got = &cv->ns.items[f->ns_base];
    size_t ngot = cv->ns.len - f->ns_base;
    ast_node **kids = FL_NEW_ARRAY(cv->a, ast_node *, 4);
    for (uint32_t i = 0; i < f->nhead; i++)
        kids[f->slot[i]] = got[i];
    kids[3] = ngot > f->nhead ? got[f->nhead] : NULL;
    if (!kids[3]) {
        kids[3] = FL_NEW(cv->a, ast_node);
        kids[3]->kind = AST_NULL_STMT;
        kids[3]->span = n->span;
        kids[3]->loc = n->loc;
    }
    cv->ns.len = f->ns_base;
    n->kids = kids;
    n->nkids = 4;
    n->scope = conv_scope_close(cv, f->scope_old);
}

/* Every kid of f is converted (and on cv->ns): assemble its result. */
static result finish(conv *cv, body_frame *f)
{
    ast_node *n = f->n;
    if (!n && f->derive != DERIVE_NONE) {
        n = mk_derived(cv, f);
        f->own = cv->made;
        f->own_ok = true;
    }
    result r = {n, f->own_ok, f->own};
    switch ((frame_op)f->op) {
    case OP_KIDS:
    case OP_CALL:
    case OP_COMPOUND:
        keep_nonnull(cv, f->ns_base);
        take_kids(cv, n, f->ns_base);
        if (f->op == OP_COMPOUND)
            n->scope = conv_scope_close(cv, f->scope_old);
        if (n->kind == AST_INIT_LIST) {
            place_designated(cv, f->c, n, f->scope_old);
            cv->desig.len = f->scope_old;
        }
        if (f->c.kind == CXCursor_BinaryOperator || f->c.kind == CXCursor_CompoundAssignOperator)
            n->op = (uint8_t)map_binop(clang_getCursorBinaryOperatorKind(f->c));
        if (n->kind == AST_BINARY || n->kind == AST_COND)
            conv_text_op_loc(cv, n);
        else if (n->kind == AST_LABEL)
            n->name = cxstr_arena(cv->a, clang_getCursorSpelling(f->c));
        break;
    case OP_UNARY:
        keep_nonnull(cv, f->ns_base);
        take_kids(cv, n, f->ns_base);
        if (n->op == UN_POST_INC || n->op == UN_POST_DEC)
            conv_text_op_loc(cv, n);
        if (n->op == UN_ADDR_OF && n->nkids == 1) {
            ast_var *v = lvalue_root(n->kids[0]);
            if (v)
                v->flags |= AST_VAR_ADDRESS_TAKEN;
        }
        break;
    case OP_ONE:
        if (cv->ns.len > f->ns_base && cv->ns.items[f->ns_base]) {
            n->kids = FL_NEW_ARRAY(cv->a, ast_node *, 1);
            n->kids[0] = cv->ns.items[f->ns_base];
            n->nkids = 1;
        }
        cv->ns.len = f->ns_base;
        break;
    case OP_BINARY_COND:
        n->nkids = (uint16_t)(cv->ns.len - f->ns_base);
        n->kids = fl_arena_memdup(cv->a, &cv->ns.items[f->ns_base], n->nkids * sizeof(ast_node *));
        cv->ns.len = f->ns_base;
        conv_text_op_loc(cv, n);
        break;
    case OP_PASS:
        r = (result){cv->ns.len > f->ns_base ? cv->ns.items[f->ns_base] : NULL, false, f->own};
        if (r.node) {
            r.node->flags |= AST_F_DESIGNATED;
            if (f->field.kind == CXCursor_FieldDecl) {
                conv_desig d = {r.node, f->field};
                fl_vec_push(&cv->desig, d);
            }
        }
        cv->ns.len = f->ns_base;
        break;
    case OP_UNEXPOSED:
        if (keep_nonnull(cv, f->ns_base) == 1) {
            r = (result){cv->ns.items[f->ns_base], false, f->own};
            cv->ns.len = f->ns_base;
            break;
        }
        /* Only types and member names below (offsetof, __builtin_types_compatible_p): nothing
           is evaluated, like sizeof. */
        n = mk(cv, f->end && cv->ns.len == f->ns_base ? AST_SIZEOF : AST_OTHER, f->c);
        if (n->kind == AST_OTHER && cv->ns.len - f->ns_base >= 2)
            n->name = atomic_builtin_name(cv, f->c); /* an atomic operation: pointer, order[, value] */
        r = (result){n, true, cv->made};
        take_kids(cv, n, f->ns_base);
        break;
    case OP_STMT_ONE:
        keep_nonnull(cv, f->ns_base);
        take_kids(cv, n, f->ns_base);
        if (n->nkids == 1)
            r.node = n->kids[0];
        break;
    case OP_FOR:
        finish_for(cv, f, n);
        break;
    }
    return r;
}

ast_node *conv_tree(conv *cv, CXCursor root)
{
    size_t base = cv->frames.len;
    result r;
    if (!enter(cv, root, &r))
        return r.node;
    for (;;) {
        body_frame *f = &cv->frames.items[cv->frames.len - 1];
        if (f->next < f->end) {
            CXCursor kid = cv->cs.items[f->cs_base + f->next++];
            if (f->op == OP_CALL && f->next == 1)
                cv->last_fn_node = NULL;
            size_t fi = cv->frames.len - 1;
            bool pushed = enter(cv, kid, &r);
            cv->frames.items[fi].wrapped = cv->wrapped;
            if (pushed)
                continue;
        } else {
            r = finish(cv, f);
            cv->cs.len = f->cs_base;
            if (--cv->frames.len == base)
                return r.node;
        }
        kid_done(cv, &cv->frames.items[cv->frames.len - 1], &r);
    }
}
