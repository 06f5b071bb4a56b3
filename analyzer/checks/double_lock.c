/* double_lock.c - stub, being written */
#include "registry.h"

void check_double_lock(check_ctx *ctx)
{
    (void)ctx;
}
