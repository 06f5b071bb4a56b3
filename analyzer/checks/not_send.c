/* not_send.c - stub, being written */
#include "registry.h"

void check_not_send(check_ctx *ctx)
{
    (void)ctx;
}
