/* use_after_move.c - stub, being written */
#include "registry.h"

void check_use_after_move(check_ctx *ctx)
{
    (void)ctx;
}
