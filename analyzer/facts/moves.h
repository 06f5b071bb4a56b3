/* moves.h - which calls take ownership of which arguments. */
#ifndef FL_MOVES_H
#define FL_MOVES_H

#include <stdint.h>

#include "../frontend/ast.h"
#include "summary.h"

typedef enum move_kind {
    MOVE_NONE,
    MOVE_MOVED,      /* a MOVE parameter, fl_move, or a function whose summary moves it */
    MOVE_FREED,      /* free, realloc's old pointer, or a function that frees it on every path */
    MOVE_SENT,       /* a FL_SENDS parameter: moved, and may reach another thread */
    MOVE_INTO_THREAD /* the argument of a spawn (direct or through a wrapper) when moved */
} move_kind;

/* How `call` (an AST_CALL) treats its argument `i` (0-based, not counting the callee). Uses the
   callee's annotations, its summary when facts/summary.c has computed one, and the built-in
   models (free, realloc, fl_move, spawns of fl_move(x)). */
move_kind moves_call_arg(const sum_table *sums, const ast_node *call, uint32_t i);

/* For a pthread_create or thrd_create call whose argument i is the thread's argument: the
   thread's function when it frees or takes that argument on every path (`free(arg)` at its
   end), so the argument belongs to the thread from the spawn on; else NULL. */
const ast_callee *moves_thread_takes_arg(const sum_table *sums, const ast_node *call, uint32_t i);

#endif
