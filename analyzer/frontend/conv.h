/* conv.h - the converter from clang's tree to fearless's ast: its state and the parts its files
 * share (frontend only).
 *
 * The conversion is on the critical path (the whole analysis must stay close to libclang's own
 * parse time), so it visits every body cursor exactly once, asks libclang for strings only where
 * the ast keeps one (names, literals, variable types), caches per-declaration answers in small
 * hash tables keyed by canonical cursors, and keeps children on shared stacks instead of
 * allocating per node.
 *
 * The files, each one part of the conversion:
 *   conv_unit.c     the unit: which functions, and the order of the steps (fe_unit_ast)
 *   conv_body.c     statements and expressions of a function body
 *   conv_text.c     the source text where cursors do not tell: literals, operators, for headers
 *   conv_vars.c     variables and the scopes they die with
 *   conv_loc.c      where things are: cursor ranges and declaration names as spans
 *   conv_types.c    the unit's type table
 *   conv_annots.c   fearless's annotations on declarations
 *   conv_tsattr.c   clang's own thread-safety attributes, read back from the source text
 *   conv_callees.c  called functions: names, noreturn, merged parameter annotations
 *   conv_inits.c    functions stored by the initializers of file-scope variables
 */
#ifndef FL_CONV_H
#define FL_CONV_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/span.h"
#include "../base/vec.h"
#include "ast.h"
#include "cmap.h"
#include "fe_unit.h"
#include "filemap.h"

/* Distinct declarations of one function that bodies referred to, kept to merge annotations:
   a prototype in a header may carry FL_MOVE that the definition lacks, or the reverse. */
#define FN_MAX_REFS 4

typedef struct fninfo {
    CXCursor decl;    /* as first referenced */
    const char *name; /* arena */
    int noreturn;     /* -1: not computed yet */
    ast_callee *callee; /* filled in by conv_finish_callees once every body is converted */
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

/* A function stored by a global's initializer, until the callees are complete (conv_inits.c). */
typedef struct conv_init {
    fninfo *fi;
    ast_type *record;
    const char *field;
    ast_var *global;
    fl_span span;
} conv_init;

typedef struct body_frame body_frame; /* conv_body.c's: one cursor being converted */

/* A designated element's value and the field its designator names (conv_body.c). */
typedef struct conv_desig {
    const ast_node *node;
    CXCursor field;
} conv_desig;

/* The fields of a record type, in declaration order (conv_inits.c). */
typedef struct conv_fields {
    FL_VEC(CXCursor) v;
} conv_fields;
void conv_record_fields(CXType t, conv_fields *fl);

typedef struct conv {
    fe_unit *u;
    fl_arena *a;
    filemap fm;
    /* Children of the cursors being converted, every level stacked in one buffer. */
    FL_VEC(CXCursor) cs;
    /* Converted kids waiting for their parent node. */
    FL_VEC(ast_node *) ns;
    /* The cursors being converted, innermost last (conv_body.c's work stack). */
    FL_VEC(body_frame) frames;
    /* The extent of the cursor of the node made last (conv_body.c). */
    CXSourceRange made;
    bool wrapped; /* the cursor entered last was an implicit cast that vanished (conv_body.c) */
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
    /* conv_types.c's work: records and typedefs to complete, levels of a type being made. */
    FL_VEC(struct type_pending) tpending;
    FL_VEC(struct type_layer) tlayers;
    /* Annotation texts and spans being collected for one declaration. */
    FL_VEC(const char *) atexts;
    FL_VEC(fl_span) aspans;
    /* The function named by the last function reference converted, so a call can tell whether
       its callee is that reference without asking libclang again. */
    fninfo *last_fn;
    ast_node *last_fn_node;
    uint32_t ntypes; /* ast_type ids handed out */
    FL_VEC(conv_init) inits; /* functions stored by global initializers (conv_inits.c) */
    FL_VEC(ast_addr_init) addr_inits; /* pointers initialized with a global's address (conv_inits.c) */
    FL_VEC(conv_desig) desig; /* designated elements of the initializer lists being converted */
} conv;

/* Clang's SourceLocation raw encoding marks macro locations with the top bit; CXSourceLocation
   and CXSourceRange carry that raw encoding in int_data. Reading the bit avoids asking for the
   spelling location of every node just to learn whether it comes from a macro. */
#define RAW_MACRO_BIT 0x80000000u

static inline bool conv_is_ident_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
}

/* A non-empty run of identifier characters. */
static inline bool conv_is_identifier(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!conv_is_ident_char(*s))
            return false;
    return true;
}

/* ---- conv_body.c ---- */

/* Push c's children on cv->cs; returns where they start (they end at cv->cs.len). */
size_t conv_collect_kids(conv *cv, CXCursor c);

/* The statement or expression at c with everything under it, or NULL when c is neither
   (type references, attributes, non-variable declarations). */
ast_node *conv_tree(conv *cv, CXCursor c);

/* ---- conv_text.c ---- */

/* Length of the literal token at t[off..len): a number or a (prefixed) character/string
   literal (for literals spelled inside macro definitions, whose extent is the macro use). */
size_t conv_text_literal_len(const char *t, size_t len, size_t off);
/* libclang locates operator expressions at their beginning; point n->loc at the operator that
   follows its first kid instead (binary and conditional operators, postfix ++/--). */
void conv_text_op_loc(conv *cv, ast_node *n);
/* libclang visits only the parts of a for header that are present: which of init (0), cond (1)
   and inc (2) each of the h header children kids[0..h) of the for statement c is, into
   slot[0..h). False when the header's text cannot tell (a header assembled from macros). */
bool conv_text_for_slots(conv *cv, CXCursor c, const CXCursor *kids, size_t h, int *slot);

/* ---- conv_vars.c ---- */

/* Open a scope; returns what conv_scope_close needs to restore the enclosing one. */
size_t conv_scope_open(conv *cv);
/* Close the innermost scope: the variables added since it opened (arena-owned). */
ast_scope *conv_scope_close(conv *cv, size_t old);
/* v dies with the innermost open scope (nothing when none is open). */
void conv_scope_add(conv *cv, ast_var *v);
/* A variable for declaration d with storage st: name, type, span and annotations. */
ast_var *conv_new_var(conv *cv, CXCursor d, ast_storage st);
/* Number v among the variables of the function being converted. */
void conv_add_fn_var(conv *cv, ast_var *v);
/* The ast_var of a file-scope (or block-scope extern) variable, created on first use. */
ast_var *conv_global_var(conv *cv, CXCursor d);

/* ---- conv_loc.c ---- */

/* Expansion file offset of a location; false when it is in no file. */
bool conv_exp_offset(conv *cv, CXSourceLocation l, file_slot **slot, unsigned *off);
/* Span of a cursor's range: where macro arguments are written, the whole invocation for code
   from a macro's body. */
fl_span conv_range_span(conv *cv, CXSourceRange r);
/* The span of a declaration's name: the name token where it is written, else (macro) the
   declaration's expansion. */
fl_span conv_name_span(conv *cv, CXCursor d, const char *name);
/* The span of a record's, typedef's or field's name; the declaration's location for unnamed ones. */
fl_span conv_decl_name_span(conv *cv, CXCursor d);

/* ---- conv_types.c ---- */

/* TY_* flags of a type (canonical). */
uint16_t conv_ty_flags(CXType t);
/* The unit's ast_type for t, made on first use. */
ast_type *conv_type_of(conv *cv, CXType t);
/* The type of a parameter declared with type t: arrays and functions decay to pointers. */
ast_type *conv_param_type(conv *cv, CXType t);
/* Complete the const views of records and typedefs, once every type is complete. */
void conv_finish_views(conv *cv);

/* ---- conv_annots.c ---- */

/* How many annotation spans conv_decl_annots copies out at most. */
#define ANNOT_MAX 16
/* The fearless annotations (and clang's thread-safety attributes) on the declarations
   ds[0..nd) of one entity, merged, in the order met; with spans_out (ANNOT_MAX entries), their
   spans too. Not reentrant: the collection buffers are shared. */
ast_annots conv_decl_annots(conv *cv, const CXCursor *ds, unsigned nd, fl_span *spans_out);
/* PARAM_* flags of a parameter's annotations. */
uint16_t conv_param_flags(ast_annots an);
/* A record's or typedef's annotations, TYPE_F_SEND... and the span of the first of them. */
void conv_type_annots(conv *cv, ast_type *ty, const CXCursor *ds, unsigned nd);

/* ---- conv_tsattr.c ---- */

/* The fearless text ("requires:a, b") of one clang thread-safety attribute cursor, or NULL. */
const char *conv_ts_text(conv *cv, CXCursor c);

/* ---- conv_callees.c ---- */

/* The fninfo of function declaration d (by canonical declaration), made on first use. */
fninfo *conv_fn_info(conv *cv, CXCursor d);
/* Remember a declaration of fi that a body (or the unit's definition) refers to. */
void conv_fn_ref(fninfo *fi, CXCursor d);
/* Whether fi never returns (known names, noreturn attributes, _Noreturn). */
bool conv_fn_noreturn(conv *cv, fninfo *fi);
/* Fill in every callee of the unit, then give the unit's definitions the merged flags. */
void conv_finish_callees(conv *cv, ast_tu *tu);

/* ---- conv_inits.c ---- */

/* Every function the initializer of file-scope variable d stores, and where. */
void conv_var_inits(conv *cv, CXCursor d);
/* The unit's ast_fn_init table, once every callee is complete. */
void conv_finish_inits(conv *cv, ast_tu *tu);

#endif
