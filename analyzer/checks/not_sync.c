/* not_sync.c - stub, being written */
#include "registry.h"

void check_not_sync(check_ctx *ctx)
{
    (void)ctx;
}
