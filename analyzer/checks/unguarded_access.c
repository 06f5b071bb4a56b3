/* unguarded_access.c - stub, being written */
#include "registry.h"

void check_unguarded_access(check_ctx *ctx)
{
    (void)ctx;
}
