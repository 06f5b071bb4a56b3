/* allow.c - what the sink learns from a unit besides findings: FL_ALLOW extents, and the
 * functions that findings' identities name. */
#include "allow.h"

#include <string.h>

#define ALLOW_PREFIX "allow:"
#define ALLOW_LEN (sizeof ALLOW_PREFIX - 1)

void allow_register_unit(suppress_set *sup, diag_sink *sink, replay_rec *rec, const ast_tu *tu)
{
    suppress_add_file(sup, tu->main_file);
    replay_file(rec, tu->main_file);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const ast_func *fn = tu->funcs[i];
        if (fn->in_main_file)
            diag_sink_add_function(sink, fn->span, fn->name);
        if (!fn->self)
            continue;
        const ast_annots *an = &fn->self->annots;
        for (uint32_t k = 0; k < an->n; k++)
            if (strncmp(an->texts[k], ALLOW_PREFIX, ALLOW_LEN) == 0) {
                fl_span where = an->spans ? an->spans[k] : fn->name_span;
                suppress_add_allow(sup, fn->span, where, an->texts[k] + ALLOW_LEN);
                replay_allow(rec, fn->span, where, an->texts[k] + ALLOW_LEN);
            }
    }
    /* Globals the unit's functions use: FL_ALLOW on their declaration. */
    for (uint32_t i = 0; i < tu->nglobals; i++) {
        const ast_var *v = tu->globals[i];
        for (uint32_t k = 0; k < v->annots.n; k++)
            if (strncmp(v->annots.texts[k], ALLOW_PREFIX, ALLOW_LEN) == 0) {
                fl_span where = v->annots.spans ? v->annots.spans[k] : v->span;
                bool any_file = !(v->flags & AST_VAR_INTERNAL);
                suppress_add_allow_var(sup, v->name, v->span, any_file, where, v->annots.texts[k] + ALLOW_LEN);
                replay_allow_var(rec, v->name, v->span, any_file, where, v->annots.texts[k] + ALLOW_LEN);
            }
    }
}
