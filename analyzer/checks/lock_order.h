/* lock_order.h - the parts of lock-order (FL0104) in files of their own. */
#ifndef FL_LOCK_ORDER_H
#define FL_LOCK_ORDER_H

#include "registry.h"

/* The join shape: a thread joined while a lock it takes is held (lock_order_join.c). */
void lock_order_joins(check_ctx *ctx);

#endif
