/* ast.h - fearless's own syntax tree: the part of clang's AST the analysis reads.
 *
 * The frontend (frontend/parse.c and conv_*.c, the only code that sees libclang) converts
 * every function body of a translation unit once into these nodes, allocated in the unit's
 * arena. Everything downstream (ir/, facts/, checks/) reads only these types.
 *
 * Conventions:
 *  - Implicit casts and other transparent wrappers clang adds are dropped; parentheses stay
 *    (AST_PAREN) so that spans match the source.
 *  - `kids` are in source (and, for expressions, evaluation) order; see each kind for layout.
 *  - Spans are byte ranges in the file where the code is written (macro expansions map to
 *    where the macro is used).
 */
#ifndef FL_AST_H
#define FL_AST_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/span.h"

typedef enum ast_kind {
    /* ---- statements ---- */
    AST_COMPOUND,   /* { ... }: kids = statements; `scope` = variables declared directly inside */
    AST_DECL_STMT,  /* int a = 1, b;  kids = AST_VAR nodes (other declarations are dropped) */
    AST_IF,         /* kids: cond, then [, else] */
    AST_WHILE,      /* kids: cond, body */
    AST_DO,         /* kids: body, cond */
    AST_FOR,        /* kids: init, cond, inc, body; each may be NULL except body; `scope` = vars of init */
    AST_SWITCH,     /* kids: cond, body */
    AST_CASE,       /* kids: value expr [, rhs of GNU `case a ... b`], substatement (always last) */
    AST_DEFAULT,    /* kids: substatement */
    AST_LABEL,      /* name = label; kids: substatement */
    AST_GOTO,       /* name = target label */
    AST_INDIRECT_GOTO, /* goto *p; kids: target expression */
    AST_BREAK,
    AST_CONTINUE,
    AST_RETURN,     /* kids: [value] */
    AST_NULL_STMT,  /* ; */
    AST_ASM,        /* inline assembly statement: opaque */

    /* ---- declarations ---- */
    AST_VAR,        /* a variable declaration: `var` set; kids: [initializer] */

    /* ---- expressions ---- */
    AST_REF,        /* a name: `var` for variables/parameters, else `name` (function, enum constant) */
    AST_CALL,       /* kids: callee, args...; `name` = callee's name for direct calls */
    AST_MEMBER,     /* kids: base; `name` = field; AST_F_ARROW for `->` */
    AST_INDEX,      /* a[i]: kids: base, index */
    AST_UNARY,      /* kids: operand; `op` = ast_unop */
    AST_BINARY,     /* kids: lhs, rhs; `op` = ast_binop (assignment, compound assignment, comma, &&, || too) */
    AST_COND,       /* c ? a : b: kids: cond, then, else; GNU `c ?: b` has kids: cond, else (AST_F_BINARY_COND) */
    AST_CAST,       /* explicit (T)e: kids: operand */
    AST_PAREN,      /* (e): kids: e */
    AST_COMPOUND_LIT, /* (T){...}: kids: init list; `var` = the unnamed object (AST_VAR_COMPOUND_LITERAL) */
    AST_INIT_LIST,  /* {a, .f = b}: kids = element initializers; for a struct whose designated
                       elements each name one field of it, in field order (a literal 0 for a
                       field left out), else as written (designators dropped, the elements
                       marked AST_F_DESIGNATED) */
    AST_STMT_EXPR,  /* GNU ({ ... }): kids: the compound statement */
    AST_SIZEOF,     /* sizeof/_Alignof/offsetof: operand not evaluated, kids empty */
    AST_LITERAL,    /* integer, floating, character or string literal; `name` = spelling */
    AST_OTHER,      /* any other expression: kids evaluated left to right; `name` = the builtin of an
                       atomic operation (`__c11_atomic_exchange`, `__atomic_store_n`), else NULL */

    AST_KIND_COUNT
} ast_kind;

typedef enum ast_binop {
    BIN_OTHER = 0,
    BIN_MUL, BIN_DIV, BIN_REM, BIN_ADD, BIN_SUB, BIN_SHL, BIN_SHR,
    BIN_LT, BIN_GT, BIN_LE, BIN_GE, BIN_EQ, BIN_NE,
    BIN_AND, BIN_XOR, BIN_OR, BIN_LAND, BIN_LOR,
    BIN_ASSIGN, BIN_MUL_ASSIGN, BIN_DIV_ASSIGN, BIN_REM_ASSIGN, BIN_ADD_ASSIGN, BIN_SUB_ASSIGN,
    BIN_SHL_ASSIGN, BIN_SHR_ASSIGN, BIN_AND_ASSIGN, BIN_XOR_ASSIGN, BIN_OR_ASSIGN,
    BIN_COMMA,
} ast_binop;

typedef enum ast_unop {
    UN_OTHER = 0,
    UN_POST_INC, UN_POST_DEC, UN_PRE_INC, UN_PRE_DEC,
    UN_ADDR_OF, UN_DEREF, UN_PLUS, UN_MINUS, UN_NOT, UN_LNOT,
    UN_REAL, UN_IMAG, UN_EXTENSION,
} ast_unop;

/* Coarse facts about a type, enough for the checks; `ty` of expressions and variables. */
enum {
    TY_VOID = 1 << 0,
    TY_INT = 1 << 1,      /* integer, enum, bool, char */
    TY_FLOAT = 1 << 2,
    TY_POINTER = 1 << 3,
    TY_ARRAY = 1 << 4,    /* constant, variable or incomplete array */
    TY_RECORD = 1 << 5,   /* struct or union */
    TY_FUNCTION = 1 << 6,
    TY_ATOMIC = 1 << 7,   /* _Atomic qualified or _Atomic(T) */
    TY_CONST = 1 << 8,
    TY_VOLATILE = 1 << 9,
};

/* ast_node.flags */
enum {
    AST_F_ARROW = 1 << 0,       /* AST_MEMBER written with -> */
    AST_F_NORETURN = 1 << 1,    /* AST_CALL to a function declared noreturn (or a known one) */
    AST_F_IN_MACRO = 1 << 2,    /* the node comes from a macro expansion */
    AST_F_BINARY_COND = 1 << 3, /* GNU a ?: b */
    AST_F_FUNC_REF = 1 << 4,    /* AST_REF naming a function */
    AST_F_ENUM_REF = 1 << 5,    /* AST_REF naming an enumerator */
    AST_F_ENUM_ZERO = 1 << 6,   /* ... whose value is 0 (thrd_success, an `OK` status) */
    AST_F_BITFIELD = 1 << 7,    /* AST_MEMBER naming a bit-field (adjacent ones share a memory location) */
    AST_F_UNION_MEMBER = 1 << 8, /* AST_MEMBER naming a member of a union (all of them one location) */
    AST_F_DESIGNATED = 1 << 9,  /* an initializer list's element written with a designator (`.f = v`,
                                   `[2] = v`): its position says nothing of what it initializes */
};

typedef enum ast_storage {
    STORAGE_LOCAL,        /* automatic variable of a function (including `register`) */
    STORAGE_PARAM,        /* function parameter */
    STORAGE_STATIC_LOCAL, /* `static` inside a function */
    STORAGE_GLOBAL,       /* file scope or `extern` */
    STORAGE_THREAD_LOCAL, /* _Thread_local / __thread, at any scope */
} ast_storage;

/* ast_var.flags */
enum {
    AST_VAR_COMPOUND_LITERAL = 1 << 0, /* the unnamed object of a compound literal */
    AST_VAR_ADDRESS_TAKEN = 1 << 1,    /* &v appears, or v is an array used as a value */
    AST_VAR_INTERNAL = 1 << 2,         /* a file-scope variable with internal linkage (`static`) */
    AST_VAR_DEFINED = 1 << 3,          /* a file-scope variable this unit defines (tentatively too),
                                          not only declares `extern` */
};

typedef struct ast_node ast_node;
typedef struct ast_scope ast_scope;
typedef struct ast_type ast_type;
typedef struct ast_callee ast_callee;
typedef struct ast_func ast_func;

/* Raw annotation texts: the string of every `annotate("fearless:...")` attribute on a
   declaration, without the "fearless:" prefix, e.g. "move", "guarded_by:mu", "requires:a, b".
   Clang's own thread-safety attributes, read from the source (directly or through a project's
   macros such as OVS_REQUIRES(m)), are added in the same form: "guarded_by:mu",
   "pt_guarded_by:mu", "requires:a, b", "requires_shared:a", "acquire:m", "acquire_shared:m",
   "release:m" (shared releases too), "excludes:m", "try_acquire:0, m", "try_acquire_shared:0, m",
   and "no_thread_safety_analysis" (a function the analysis must not check).
   Arguments keep their tokens with blank runs collapsed to one space. */
typedef struct ast_annots {
    const char **texts;
    fl_span *spans; /* where each is written (the macro's use, for macros); may be NULL */
    uint32_t n;
} ast_annots;

/* ---- types (only what the checks need: Send/Sync derivation, names for messages) ---- */

typedef enum ast_type_kind {
    TYPE_OTHER,    /* anything not listed (vectors, complex...): treated as plain data */
    TYPE_VOID,
    TYPE_SCALAR,   /* integer, enum, bool, char, floating */
    TYPE_POINTER,  /* inner = pointee */
    TYPE_ARRAY,    /* inner = element */
    TYPE_RECORD,   /* struct or union: fields when complete */
    TYPE_TYPEDEF,  /* inner = the type it names; `name` is the typedef's name */
    TYPE_FUNCTION,
    TYPE_ATOMIC,   /* _Atomic(T): inner = T */
} ast_type_kind;

/* ast_type.flags */
enum {
    TYPE_F_SEND = 1 << 0,      /* annotated FL_SEND */
    TYPE_F_SYNC = 1 << 1,      /* annotated FL_SYNC */
    TYPE_F_NOT_SEND = 1 << 2,  /* annotated FL_NOT_SEND */
    TYPE_F_NOT_SYNC = 1 << 3,  /* annotated FL_NOT_SYNC */
    TYPE_F_INCOMPLETE = 1 << 4, /* record declared but not defined in this unit (opaque) */
    TYPE_F_UNION = 1 << 5,
    TYPE_F_CONST = 1 << 6,     /* const-qualified at this level */
    TYPE_F_THREAD_LOCAL = 1 << 7, /* unused on types; reserved */
    TYPE_F_SYSTEM = 1 << 8,    /* a record declared in a system header (the C library's, POSIX's) */
};

typedef struct ast_field {
    const char *name;
    ast_type *type;
    fl_span span;      /* the field's name */
    ast_annots annots; /* e.g. "guarded_by:mu" */
} ast_field;

/* One per distinct type in a unit (records and typedefs by declaration, pointers/arrays/atomics
   by their inner type), so pointer equality is type identity. Self-referential records work:
   a record is registered before its fields are converted. */
struct ast_type {
    uint8_t kind;       /* ast_type_kind */
    uint8_t pad_;
    uint16_t flags;     /* TYPE_F_* */
    uint32_t id;        /* 0 .. ast_tu.ntypes-1, in creation order: facts keep per-type tables by it */
    const char *name;   /* as clang spells it: "struct job", "pthread_mutex_t", "int *" */
    ast_type *inner;
    ast_field *fields;  /* TYPE_RECORD, complete ones only */
    uint32_t nfields;
    fl_span span;       /* the record's or typedef's name in its declaration; none for others */
    fl_span annot_span; /* the SEND/SYNC/NOT_SEND/NOT_SYNC annotation that applies, when present */
    ast_annots annots;  /* raw annotations of the record/typedef declaration */
};

/* ---- called functions ---- */

/* ast_callee.param_flags[i] and ast_var.param_flags: annotations of a parameter. */
enum {
    PARAM_MOVE = 1 << 0,          /* FL_MOVE: ownership passes to the callee */
    PARAM_SENDS = 1 << 1,         /* FL_SENDS: moved, and may reach another thread (implies MOVE) */
    PARAM_THREAD_FN = 1 << 2,     /* FL_THREAD_FN: the function a spawned thread runs */
    PARAM_THREAD_ARG = 1 << 3,    /* FL_THREAD_ARG: the argument that thread gets (borrowed unless MOVE) */
    PARAM_THREAD_HANDLE = 1 << 4, /* FL_THREAD_HANDLE: where the new thread's handle is stored */
    PARAM_JOINS = 1 << 5,         /* FL_JOINS: the thread whose handle this is, is joined */
};

/* One per function declaration that the unit's function bodies call or take the address of
   (and one for each function defined in the main file). Annotations on any declaration of the
   function are merged in (clang inherits them across redeclarations). */
struct ast_callee {
    const char *name;
    fl_span span;          /* the name in the declaration clang resolves the call to */
    uint32_t nparams;      /* declared parameters (not counting `...`) */
    bool variadic;
    bool noreturn;
    uint16_t *param_flags; /* nparams entries, PARAM_* */
    ast_type **param_types;/* nparams entries */
    /* nparams entries: each parameter's name as declared (the first declaration that names it),
       NULL when no declaration does; annotation arguments ("requires:acct->lock") name them. */
    const char **param_names;
    ast_type *result;      /* return type */
    ast_annots annots;     /* annotations on the function itself */
    ast_func *def;         /* its definition in this unit's main file, or NULL */
    bool is_static;        /* internal linkage: no other unit can define or call it by name */
    bool system;           /* declared in a system header (the C library, POSIX): it knows none of
                              the program's objects but those it is given */
    uint32_t index;        /* position in ast_tu.callees: facts keep per-callee tables by it */
};

typedef struct ast_var {
    const char *name;      /* "(compound literal)" for AST_VAR_COMPOUND_LITERAL */
    ast_type *type;        /* full type (ast_type table of the unit) */
    uint16_t param_flags;  /* PARAM_* for parameters */
    ast_annots annots;     /* raw annotations on the declaration */
    const char *type_name; /* as written by clang, e.g. "struct job *" */
    uint16_t ty;           /* TY_* of the (canonical) type */
    uint16_t flags;        /* AST_VAR_* */
    ast_storage storage;
    /* Index among the variables of its function (params first, then locals in declaration
       order, compound literals included), or among the unit's globals for STORAGE_GLOBAL
       variables referenced from function bodies. */
    uint32_t index;
    fl_span span;          /* the declaration's name (the literal itself for compound literals) */
    ast_node *decl;        /* the AST_VAR node inside the function, NULL for params and globals */
    /* For a stand-in the facts make of another unit's `static` object (named by a lock helper
       summary): the display path of that unit's main file; NULL for the unit's own variables. */
    const char *home;
} ast_var;

struct ast_scope {
    ast_var **vars; /* automatic objects whose lifetime ends with this block, in declaration order */
    uint32_t nvars;
};

struct ast_node {
    uint8_t kind;   /* ast_kind */
    uint8_t op;     /* ast_binop or ast_unop */
    uint16_t flags; /* AST_F_* */
    uint16_t ty;    /* TY_* of an expression's type (0 for statements) */
    uint16_t nkids;
    uint32_t loc;   /* byte offset of clang's location for the node (operator, name) */
    fl_span span;   /* whole extent */
    const char *name;
    ast_var *var;
    ast_scope *scope; /* AST_COMPOUND and AST_FOR */
    ast_node **kids;  /* nkids entries; some may be NULL (AST_FOR) */
    ast_callee *callee; /* AST_CALL with a direct callee, and AST_REF naming a function */
};

struct ast_func {
    const char *name;
    ast_callee *self;  /* this function as a callee (its annotations, parameter flags) */
    fl_span span;      /* whole definition */
    fl_span name_span; /* the name in the definition */
    bool is_static;
    bool in_main_file; /* defined in the file being analyzed; false: a `static` function of a
                          header that it calls, converted for what it does for its callers
                          (summaries), not to be checked or counted as the unit's code */
    ast_var **params;
    uint32_t nparams;
    ast_var **vars;    /* params then locals (index order), `nvars` in all */
    uint32_t nvars;
    ast_node *body;    /* AST_COMPOUND */
    uint32_t index;    /* position in ast_tu.funcs */
};

/* A function a file-scope variable's initializer stores: in a field of a struct (`.run = f`, or
   positionally), or in the variable itself (a function pointer, or an array of them). */
typedef struct ast_fn_init {
    ast_type *record;  /* the struct (or union) whose field it is stored in; NULL: the variable */
    const char *field; /* that field's name */
    ast_var *global;   /* the variable initialized */
    ast_callee *fn;
    fl_span span;      /* the function's name in the initializer */
} ast_fn_init;

/* A file-scope pointer whose initializer is the address of a file-scope variable
   (`static long *counter = &count;`, `struct hmap *const all = &all__;`). */
typedef struct ast_addr_init {
    ast_var *global;   /* the pointer */
    ast_var *target;   /* the variable whose address it holds */
} ast_addr_init;

typedef struct ast_tu {
    fl_arena *arena;   /* owns every node, var, string of the unit */
    uint32_t main_file; /* srcmap id of the main source file */
    ast_func **funcs;  /* functions with a body: the main file's in source order, then headers' */
    uint32_t nfuncs;
    ast_var **globals; /* globals referenced from function bodies or storing functions, `index` order */
    uint32_t nglobals;
    ast_callee **callees; /* every ast_callee of the unit */
    uint32_t ncallees;
    uint32_t ntypes;   /* ast_type ids are below this */
    ast_fn_init *fn_inits; /* functions stored by initializers of the main file's globals */
    uint32_t nfn_inits;
    ast_addr_init *addr_inits; /* the main file's pointers initialized with a global's address */
    uint32_t naddr_inits;
} ast_tu;

/* The type under typedefs and _Atomic (bounded, should a table ever hold a cycle). */
static inline ast_type *ast_type_strip(const ast_type *t)
{
    for (int guard = 0; t && (t->kind == TYPE_TYPEDEF || t->kind == TYPE_ATOMIC) && t->inner && guard < 64; guard++)
        t = t->inner;
    return (ast_type *)t;
}

/* A local or a parameter: an object of one activation of its function. */
static inline bool ast_var_is_auto(const ast_var *v)
{
    return v && (v->storage == STORAGE_LOCAL || v->storage == STORAGE_PARAM);
}

/* The program's `main` (by name: the function nobody calls, that begins the program). */
static inline bool ast_func_is_main(const ast_func *fn)
{
    return fn && fn->name && strcmp(fn->name, "main") == 0;
}

/* The position of parameter v among fn's parameters, or -1 when v is none of them. */
static inline int32_t ast_func_param_index(const ast_func *fn, const ast_var *v)
{
    for (uint32_t i = 0; v && i < fn->nparams; i++)
        if (fn->params[i] == v)
            return (int32_t)i;
    return -1;
}

/* Strip AST_PAREN (and nothing else). */
static inline ast_node *ast_strip_parens(ast_node *n)
{
    while (n && n->kind == AST_PAREN && n->nkids == 1)
        n = n->kids[0];
    return n;
}

/* Strip AST_PAREN and explicit casts. */
static inline ast_node *ast_strip_casts(ast_node *n)
{
    while (n && (n->kind == AST_PAREN || n->kind == AST_CAST) && n->nkids == 1)
        n = n->kids[0];
    return n;
}

/* The name of a kind ("compound", "if", "call", ...), for --dump-cfg and tests. */
const char *ast_kind_name(ast_kind k);
const char *ast_binop_spelling(ast_binop op);
const char *ast_unop_spelling(ast_unop op);
/* Print a function's tree in a stable indented text form (--dump-ast, tests). */
#include <stdio.h>
void ast_dump_func(const ast_func *fn, FILE *out);

/* The callee's parameters as variables (name from its first declaration, type, STORAGE_PARAM),
   for reading annotations that name parameters when no definition is in the unit; the
   definition's own parameters when there is one and `prefer_def`. Arena-owned; NULL when the
   callee has no parameters. */
ast_var **ast_callee_param_vars(fl_arena *arena, const ast_callee *c, bool prefer_def);

/* True if x is e or a node of the tree under it. */
bool ast_contains(const ast_node *e, const ast_node *x);
/* True if the tree under e contains a reference to v. */
bool ast_mentions_var(const ast_node *e, const ast_var *v);
/* 1 or 0 for an integer literal (through casts) that is non-zero or zero, -1 for anything else. */
int ast_int_literal_truth(const ast_node *e);
/* The condition of a loop statement (AST_WHILE, AST_DO, AST_FOR), or NULL (none, or no loop). */
ast_node *ast_loop_cond(const ast_node *loop);

/* True for the kinds that are expressions. */
static inline bool ast_is_expr(const ast_node *n) { return n->kind >= AST_REF; }

#endif
