/* locks.c - stub, being written */
#include "locks.h"
lock_call lock_classify(fl_arena *arena, const ast_node *call) { (void)arena, (void)call; lock_call r = {0}; return r; }
