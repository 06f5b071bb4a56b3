/* moves.c - stub, being written */
#include "moves.h"

move_kind moves_call_arg(const ast_node *call, uint32_t i)
{
    (void)call, (void)i;
    return MOVE_NONE;
}
