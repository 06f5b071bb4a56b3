/* allow.h - the hook between a parsed unit and the suppressions: FL_ALLOW on functions, and
 * the unit's main file as analyzed. */
#ifndef FL_ALLOW_H
#define FL_ALLOW_H

#include "../diag/suppress.h"
#include "../frontend/ast.h"

/* Register what unit `tu` says about suppressions: its main file as analyzed, and for every
   function defined in it whose declarations carry FL_ALLOW(checks) ("allow:checks" in
   ast_annots), the function's definition as the extent of that allow. Call once per unit,
   before the unit is freed (the suppression set copies what it keeps). */
void allow_register_unit(suppress_set *sup, const ast_tu *tu);

#endif
