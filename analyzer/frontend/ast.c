/* ast.c - names of ast kinds and operators, the --dump-ast text form, and tree walks.
 *
 * Trees are as deep as the code is nested, and generated code nests deep (a flat sum of 40,000
 * terms is a spine 40,000 nodes deep), so the walks keep their nodes on an explicit stack. */
#include "ast.h"

#include <ctype.h>
#include <stdlib.h>

#include "../base/vec.h"

/* Nodes still to visit, with their depth: the first few in place, more on the heap. */
typedef struct walk_item {
    const ast_node *n;
    int depth;
} walk_item;

typedef FL_SMALL_VEC(walk_item, 32) walk;

/* Push n's kids so that they pop in source order. */
static void walk_push_kids(walk *w, const ast_node *n, int depth)
{
    for (uint16_t i = n->nkids; i-- > 0;)
        fl_small_vec_push(w, ((walk_item){n->kids[i], depth}));
}

const char *ast_kind_name(ast_kind k)
{
    static const char *const names[AST_KIND_COUNT] = {
        [AST_COMPOUND] = "compound", [AST_DECL_STMT] = "decl-stmt", [AST_IF] = "if",
        [AST_WHILE] = "while", [AST_DO] = "do", [AST_FOR] = "for", [AST_SWITCH] = "switch",
        [AST_CASE] = "case", [AST_DEFAULT] = "default", [AST_LABEL] = "label", [AST_GOTO] = "goto",
        [AST_INDIRECT_GOTO] = "indirect-goto", [AST_BREAK] = "break", [AST_CONTINUE] = "continue",
        [AST_RETURN] = "return", [AST_NULL_STMT] = "null", [AST_ASM] = "asm", [AST_VAR] = "var",
        [AST_REF] = "ref", [AST_CALL] = "call", [AST_MEMBER] = "member", [AST_INDEX] = "index",
        [AST_UNARY] = "unary", [AST_BINARY] = "binary", [AST_COND] = "cond", [AST_CAST] = "cast",
        [AST_PAREN] = "paren", [AST_COMPOUND_LIT] = "compound-literal", [AST_INIT_LIST] = "init-list",
        [AST_STMT_EXPR] = "stmt-expr", [AST_SIZEOF] = "sizeof", [AST_LITERAL] = "literal",
        [AST_OTHER] = "other",
    };
    return (unsigned)k < AST_KIND_COUNT && names[k] ? names[k] : "?";
}

const char *ast_binop_spelling(ast_binop op)
{
    static const char *const s[] = {
        [BIN_OTHER] = "?", [BIN_MUL] = "*", [BIN_DIV] = "/", [BIN_REM] = "%", [BIN_ADD] = "+",
        [BIN_SUB] = "-", [BIN_SHL] = "<<", [BIN_SHR] = ">>", [BIN_LT] = "<", [BIN_GT] = ">",
        [BIN_LE] = "<=", [BIN_GE] = ">=", [BIN_EQ] = "==", [BIN_NE] = "!=", [BIN_AND] = "&",
        [BIN_XOR] = "^", [BIN_OR] = "|", [BIN_LAND] = "&&", [BIN_LOR] = "||", [BIN_ASSIGN] = "=",
        [BIN_MUL_ASSIGN] = "*=", [BIN_DIV_ASSIGN] = "/=", [BIN_REM_ASSIGN] = "%=",
        [BIN_ADD_ASSIGN] = "+=", [BIN_SUB_ASSIGN] = "-=", [BIN_SHL_ASSIGN] = "<<=",
        [BIN_SHR_ASSIGN] = ">>=", [BIN_AND_ASSIGN] = "&=", [BIN_XOR_ASSIGN] = "^=",
        [BIN_OR_ASSIGN] = "|=", [BIN_COMMA] = ",",
    };
    return (unsigned)op <= BIN_COMMA ? s[op] : "?";
}

const char *ast_unop_spelling(ast_unop op)
{
    static const char *const s[] = {
        [UN_OTHER] = "?", [UN_POST_INC] = "++(post)", [UN_POST_DEC] = "--(post)", [UN_PRE_INC] = "++",
        [UN_PRE_DEC] = "--", [UN_ADDR_OF] = "&", [UN_DEREF] = "*", [UN_PLUS] = "+", [UN_MINUS] = "-",
        [UN_NOT] = "~", [UN_LNOT] = "!", [UN_REAL] = "__real", [UN_IMAG] = "__imag",
        [UN_EXTENSION] = "__extension__",
    };
    return (unsigned)op <= UN_EXTENSION ? s[op] : "?";
}

static const char *storage_name(ast_storage s)
{
    switch (s) {
    case STORAGE_LOCAL: return "local";
    case STORAGE_PARAM: return "param";
    case STORAGE_STATIC_LOCAL: return "static";
    case STORAGE_GLOBAL: return "global";
    case STORAGE_THREAD_LOCAL: return "thread_local";
    }
    return "?";
}

/* "move|thread_arg" for a set of PARAM_* flags. */
static void dump_param_flags(uint16_t f, FILE *out)
{
    static const char *const names[] = {"move", "sends", "thread_fn", "thread_arg", "thread_handle", "joins"};
    bool first = true;
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
        if (f & (1u << i)) {
            fprintf(out, "%s%s", first ? "" : "|", names[i]);
            first = false;
        }
    if (first)
        fputc('-', out);
}

static void dump_annots(ast_annots an, FILE *out)
{
    for (uint32_t i = 0; i < an.n; i++)
        fprintf(out, " @%s", an.texts[i]);
}

/* A variable where it is named; `decl`: where it is declared, with its type and annotations. */
static void dump_var(const ast_var *v, bool decl, FILE *out)
{
    fprintf(out, " %s:%s", v->name, storage_name(v->storage));
    if (decl)
        fprintf(out, ":%s", v->type ? v->type->name : v->type_name);
    if (v->flags & AST_VAR_ADDRESS_TAKEN)
        fputs(":addr-taken", out);
    if (decl && v->param_flags) {
        fputs(" [", out);
        dump_param_flags(v->param_flags, out);
        fputc(']', out);
    }
    if (decl)
        dump_annots(v->annots, out);
}

/* The parameter flags of a call's callee, when it has any: " [-, move]". */
static void dump_callee_flags(const ast_callee *c, FILE *out)
{
    bool any = false;
    for (uint32_t i = 0; i < c->nparams && !any; i++)
        any = c->param_flags[i] != 0;
    if (!any)
        return;
    fputs(" [", out);
    for (uint32_t i = 0; i < c->nparams; i++) {
        if (i)
            fputs(", ", out);
        dump_param_flags(c->param_flags[i], out);
    }
    fputc(']', out);
}

/* One line for n, indented by depth. */
static void dump_line(const ast_node *n, int depth, FILE *out)
{
    fprintf(out, "%*s", depth * 2, "");
    if (!n) {
        fputs("(null)\n", out);
        return;
    }
    fputs(ast_kind_name((ast_kind)n->kind), out);
    if (n->kind == AST_UNARY)
        fprintf(out, " %s", ast_unop_spelling((ast_unop)n->op));
    else if (n->kind == AST_BINARY)
        fprintf(out, " %s", ast_binop_spelling((ast_binop)n->op));
    if (n->var)
        dump_var(n->var, n->kind == AST_VAR || n->kind == AST_COMPOUND_LIT, out);
    else if (n->name)
        fprintf(out, " %s", n->name);
    if (n->kind == AST_CALL && n->callee)
        dump_callee_flags(n->callee, out);
    if (n->flags & AST_F_ARROW)
        fputs(" ->", out);
    if (n->flags & AST_F_NORETURN)
        fputs(" noreturn", out);
    if (n->flags & AST_F_BINARY_COND)
        fputs(" ?:", out);
    if (n->flags & AST_F_FUNC_REF)
        fputs(" fn", out);
    if (n->flags & AST_F_ENUM_REF)
        fputs(" enum", out);
    if (n->scope && n->scope->nvars) {
        fputs(" scope:", out);
        for (uint32_t i = 0; i < n->scope->nvars; i++)
            fprintf(out, " %s", n->scope->vars[i]->name);
    }
    fputc('\n', out);
}

/* n and everything under it, in pre-order. */
static void dump_node(const ast_node *n, int depth, FILE *out)
{
    walk w;
    fl_small_vec_init(&w);
    fl_small_vec_push(&w, ((walk_item){n, depth}));
    while (w.len) {
        walk_item it = w.items[--w.len];
        dump_line(it.n, it.depth, out);
        if (it.n)
            walk_push_kids(&w, it.n, it.depth + 1);
    }
    fl_small_vec_free(&w);
}

void ast_dump_func(const ast_func *fn, FILE *out)
{
    fprintf(out, "func %s", fn->name);
    if (fn->is_static)
        fputs(" static", out);
    for (uint32_t i = 0; i < fn->nparams; i++)
        dump_var(fn->params[i], true, out);
    if (fn->self)
        dump_annots(fn->self->annots, out);
    fputc('\n', out);
    dump_node(fn->body, 1, out);
}

ast_var **ast_callee_param_vars(fl_arena *arena, const ast_callee *c, bool prefer_def)
{
    if (prefer_def && c->def && c->def->nparams == c->nparams)
        return c->def->params;
    if (!c->nparams)
        return NULL;
    ast_var **params = FL_NEW_ARRAY(arena, ast_var *, c->nparams);
    for (uint32_t p = 0; p < c->nparams; p++) {
        ast_var *v = FL_NEW(arena, ast_var);
        v->name = c->param_names ? c->param_names[p] : NULL;
        v->type = c->param_types ? c->param_types[p] : NULL;
        v->storage = STORAGE_PARAM;
        v->index = p;
        const ast_type *t = v->type;
        while (t && t->kind == TYPE_TYPEDEF)
            t = t->inner;
        v->ty = t && t->kind == TYPE_POINTER ? TY_POINTER : 0;
        params[p] = v;
    }
    return params;
}

ast_node *ast_loop_cond(const ast_node *loop)
{
    if (loop && loop->kind == AST_WHILE && loop->nkids >= 1)
        return loop->kids[0];
    if (loop && (loop->kind == AST_DO || loop->kind == AST_FOR) && loop->nkids >= 2)
        return loop->kids[1];
    return NULL;
}

int ast_int_literal_truth(const ast_node *e)
{
    e = ast_strip_casts((ast_node *)e);
    if (!e || e->kind != AST_LITERAL || !(e->ty & TY_INT) || !e->name || !isdigit((unsigned char)e->name[0]))
        return -1;
    return strtoull(e->name, NULL, 0) != 0;
}

/* Whether some node of the tree under e (e itself included) is x, or a reference to v. */
static bool tree_has(const ast_node *e, const ast_node *x, const ast_var *v)
{
    walk w;
    fl_small_vec_init(&w);
    fl_small_vec_push(&w, ((walk_item){e, 0}));
    bool found = false;
    while (w.len && !found) {
        const ast_node *n = w.items[--w.len].n;
        if (!n)
            continue;
        found = x ? n == x : n->kind == AST_REF && n->var == v;
        walk_push_kids(&w, n, 0);
    }
    fl_small_vec_free(&w);
    return found;
}

bool ast_contains(const ast_node *e, const ast_node *x)
{
    return tree_has(e, x, NULL);
}

bool ast_mentions_var(const ast_node *e, const ast_var *v)
{
    return tree_has(e, NULL, v);
}
