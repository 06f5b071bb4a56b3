/* unlock_unheld.c - stub, being written */
#include "registry.h"

void check_unlock_unheld(check_ctx *ctx)
{
    (void)ctx;
}
