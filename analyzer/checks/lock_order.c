/* lock_order.c - stub, being written */
#include "registry.h"

void check_lock_order(check_ctx *ctx)
{
    (void)ctx;
}
