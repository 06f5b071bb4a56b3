/* gstable.h - the file-static variables that nothing a function calls can change.
 *
 *     static int use_sideband;             (written by read_head_info only)
 *     if (use_sideband) start_async(&muxer);
 *     ...
 *     if (use_sideband) finish_async(&muxer);
 *
 * The two tests see one value when neither the function between them nor anything it calls
 * writes the variable. The function's own writes are ir/split.h's to judge; this says what its
 * calls may write: per function, the unit's globals with internal linkage, address never taken,
 * that no function its calls may reach writes as a whole. A call may reach:
 *   - the unit's function it names, and what that one calls;
 *   - through a function pointer, or a function of another unit (which may call back), any
 *     function of the unit whose address is taken, and what those call;
 *   - a C library function (ast_callee.system) calls back only through function arguments.
 * Computed over the unit's call graph in rounds, callees first, until nothing changes (a few
 * rounds: one more per cycle of address-taken callbacks); when the rounds run out, no global is
 * stable. Linear in the size of the unit times the rounds, in words of nglobals bits. */
#ifndef FL_GSTABLE_H
#define FL_GSTABLE_H

#include "../base/arena.h"
#include "../base/bitset.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"

/* Per tu->funcs index (NULL where cfgs[i] is NULL): a bitset over tu->globals, bit set when the
   global is stable for that function's calls. NULL when the unit has no such global. */
fl_word **gstable_unit(fl_arena *A, const ast_tu *tu, cfg *const *cfgs);

#endif
