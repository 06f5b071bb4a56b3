/* fnslots.h - which of the unit's functions a call through a function pointer may enter, from
 * where the unit stores them.
 *
 * A slot is where function pointers are kept: a field of a struct type ("f:<record>.<field>",
 * wherever the struct is), the same field of one global object (`listeners[i].fn`, kept apart
 * so that two lists of the same struct type are told apart), a global or static pointer (or
 * array of them), a parameter of a function, a local. The unit's stores fill them: assignments
 * and initializers of a function (`l->fn = on_tick`, `.run = worker` in a global's
 * initializer), of a parameter or another slot (`listeners[n].fn = fn` in `add_listener`), and
 * calls of the unit's functions (`add_listener(on_tick, NULL)` puts `on_tick` in the parameter
 * `fn`). Flow-insensitive, propagated to a fixed point; a slot holding more than FNS_MAX
 * functions is left unknown.
 *
 * Facts for the unit's own checks (double-lock: a callback called under a lock it takes); the
 * program-wide version, across units, is facts/program.h's slots. Built on first use, in the
 * unit's arena.
 */
#ifndef FL_FNSLOTS_H
#define FL_FNSLOTS_H

#include <stdint.h>

#include "../base/arena.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"

#define FNS_MAX 8

typedef struct fn_slots fn_slots;

/* A function a call through a pointer may enter, and the store that put it where the call reads. */
typedef struct fn_slot_target {
    const ast_func *fn;
    fl_span stored;
} fn_slot_target;

/* An empty table for tu (cfgs[i] for tu->funcs[i]), filled on the first fn_slots_targets. */
fn_slots *fn_slots_new(fl_arena *A, const ast_tu *tu, cfg *const *cfgs);

/* The unit's functions a call through a pointer (not a direct call) may enter whose parameter
   count fits the call's arguments: *out points at them; 0 when the slot it reads is not known or
   holds none, or more than FNS_MAX. */
uint32_t fn_slots_targets(fn_slots *s, const ast_node *call, const fn_slot_target **out);
/* Its heap parts (the arena keeps the rest). */
void fn_slots_free(fn_slots *s);

#endif
