/* allow.h - the hook between a parsed unit and the sink: FL_ALLOW on functions, the unit's
 * main file as analyzed, and the functions that findings' identities name. */
#ifndef FL_ALLOW_H
#define FL_ALLOW_H

#include "../diag/sink.h"
#include "../diag/suppress.h"
#include "../frontend/ast.h"
#include "replay.h"

/* Register what unit `tu` says about suppressions: its main file as analyzed, and for every
   function defined in it whose declarations carry FL_ALLOW(checks) ("allow:checks" in
   ast_annots), the function's definition as the extent of that allow; FL_ALLOW on the globals
   its functions use (the findings that quote them); and every function
   defined in the main file to the sink (diag_sink_add_function). Call once per unit, before
   the unit is freed (both copy what they keep). A record of the run (rec, may be NULL) is told
   the suppressions' side too. */
void allow_register_unit(suppress_set *sup, diag_sink *sink, replay_rec *rec, const ast_tu *tu);

#endif
