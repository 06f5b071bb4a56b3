/* allow.c - what the sink learns from a unit besides findings: FL_ALLOW extents, and the
 * functions that findings' identities name. */
#include "allow.h"

#include <string.h>

#define ALLOW_PREFIX "allow:"

void allow_register_unit(suppress_set *sup, diag_sink *sink, const ast_tu *tu)
{
    suppress_add_file(sup, tu->main_file);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const ast_func *fn = tu->funcs[i];
        if (fn->in_main_file)
            diag_sink_add_function(sink, fn->span, fn->name);
        if (!fn->self)
            continue;
        const ast_annots *an = &fn->self->annots;
        for (uint32_t k = 0; k < an->n; k++)
            if (strncmp(an->texts[k], ALLOW_PREFIX, sizeof ALLOW_PREFIX - 1) == 0)
                suppress_add_allow(sup, fn->span, an->spans ? an->spans[k] : fn->name_span,
                                   an->texts[k] + sizeof ALLOW_PREFIX - 1);
    }
}
