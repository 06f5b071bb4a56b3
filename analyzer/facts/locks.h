/* locks.h - the lock API (pthread mutex/rwlock/spin, C11 mtx, annotated helpers) and the set of
 * locks held at each point of a function. */
#ifndef FL_LOCKS_H
#define FL_LOCKS_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"
#include "../ir/place.h"

typedef enum lock_op {
    LOCK_NONE,
    LOCK_ACQUIRE,        /* lock, timedlock and trylock on their success edge */
    LOCK_ACQUIRE_SHARED, /* rwlock read side */
    LOCK_TRY,            /* trylock/timedlock: acquires only where the status says success */
    LOCK_TRY_SHARED,
    LOCK_RELEASE,
} lock_op;

typedef struct lock_call {
    lock_op op;
    const char *api;  /* "pthread_mutex_lock", or the helper's name */
    ast_node *lock;   /* the argument that points to the lock (`&s->mu`) */
    place where;      /* the lock's place (`s->mu` is {s, "*.mu"}); root NULL: unknown */
} lock_call;

/* Classify an AST_CALL node; LOCK_NONE for anything else. */
lock_call lock_classify(fl_arena *arena, const ast_node *call);

#endif
