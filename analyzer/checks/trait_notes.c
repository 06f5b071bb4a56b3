/* trait_notes.c - the notes that explain a missing Send or Sync (see trait_notes.h). */
#include "trait_notes.h"

#include <string.h>

void trait_notes_add(diag *d, const ss_why *why, ss_trait trait)
{
    if (!why || !why->nsteps)
        return;
    const ast_field *outer_field = NULL; /* the field holding the step's type, for unnamed records */
    for (unsigned i = 0; i + 1 < why->nsteps; i++) {
        const ss_step *s = &why->steps[i];
        if (!s->field)
            continue;
        /* clang spells an anonymous record "union event::(unnamed at file:line:col)": name it by
           the field that holds it instead. */
        if (strstr(s->type->name, "(unnamed") || strstr(s->type->name, "(anonymous")) {
            const char *kw = (s->type->flags & TYPE_F_UNION) ? "union" : "struct";
            if (outer_field && outer_field->name && *outer_field->name)
                diag_note_at(d, s->field->span, "required because it appears within the unnamed %s of field `%s`",
                             kw, outer_field->name);
            else
                diag_note_at(d, s->field->span, "required because it appears within an unnamed %s", kw);
        } else {
            diag_note_at(d, s->field->span, "required because it appears within the type `%s`", s->type->name);
        }
        outer_field = s->field;
    }
    const ast_type *c = why->steps[why->nsteps - 1].type;
    const char *mark = trait == SS_SEND ? "NOT_SEND" : "NOT_SYNC";
    if (c->annot_span.file != FL_NO_FILE)
        diag_note_at(d, c->annot_span, "`%s` is marked `%s` here", c->name, mark);
    else if (c->span.file != FL_NO_FILE)
        diag_note_at(d, c->span, "`%s` is marked `%s`", c->name, mark);
    else
        diag_note(d, "`%s` is marked `%s`", c->name, mark);
}
