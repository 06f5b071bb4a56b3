/* test_short_names.c - the short spellings' rules: a project's own macro of the same name wins,
 * FEARLESS_NO_SHORT_NAMES removes them all, and arguments are stringified as written (not
 * macro-expanded). Compiled twice by annotations/CMakeLists.txt: as is, and with
 * -DFEARLESS_NO_SHORT_NAMES; the default build is also run through check_ast_dump.py.
 */
#include <stdio.h>

/* A project that already has thread-safety macros of its own. */
#define EXCLUDES(...) 42
#define SYNC 43

#include "fearless.h"

#ifdef FEARLESS_NO_SHORT_NAMES
#if defined(SEND) || defined(NOT_SEND) || defined(NOT_SYNC) || defined(MOVE) || defined(GUARDED_BY) || \
    defined(PT_GUARDED_BY) || defined(REQUIRES) || defined(ACQUIRE) || defined(RELEASE) || \
    defined(ACQUIRE_SHARED) || defined(TRY_ACQUIRE) || defined(TRY_ACQUIRE_SHARED)
#error "FEARLESS_NO_SHORT_NAMES must leave the short names undefined"
#endif
#else
#if !defined(SEND) || !defined(NOT_SEND) || !defined(NOT_SYNC) || !defined(MOVE) || !defined(GUARDED_BY) || \
    !defined(PT_GUARDED_BY) || !defined(REQUIRES) || !defined(ACQUIRE) || !defined(RELEASE) || \
    !defined(ACQUIRE_SHARED) || !defined(TRY_ACQUIRE) || !defined(TRY_ACQUIRE_SHARED)
#error "the short names must be defined by default"
#endif
#endif

/* The project's definitions survive in both modes. */
#if EXCLUDES(mu) != 42 || SYNC != 43
#error "fearless.h redefined a short name the project already had"
#endif
#undef EXCLUDES
#undef SYNC

#if !defined(FL_SEND) || !defined(FL_SYNC) || !defined(FL_NOT_SEND) || !defined(FL_NOT_SYNC) || \
    !defined(FL_MOVE) || !defined(FL_GUARDED_BY) || !defined(FL_PT_GUARDED_BY) || !defined(FL_REQUIRES) || \
    !defined(FL_ACQUIRE) || !defined(FL_RELEASE) || !defined(FL_EXCLUDES) || !defined(FL_ACQUIRE_SHARED) || \
    !defined(FL_TRY_ACQUIRE) || !defined(FL_TRY_ACQUIRE_SHARED)
#error "the FL_ spellings must always be defined"
#endif

/* fl_move's parameter, in fearless.h:
   //@ ParmVarDecl p fearless:move */

/* A lock named through a macro: the annotation records the name as written. */
#define QUEUE_LOCK queue_mu

struct queue {
    int queue_mu;
    int depth FL_GUARDED_BY(QUEUE_LOCK);        //@ FieldDecl depth fearless:guarded_by:QUEUE_LOCK
#ifndef FEARLESS_NO_SHORT_NAMES
    int *slots PT_GUARDED_BY(QUEUE_LOCK);       //@ FieldDecl slots fearless:pt_guarded_by:QUEUE_LOCK
#endif
};

int queue_depth(struct queue *q) FL_REQUIRES( QUEUE_LOCK ,q->queue_mu ); //@ FunctionDecl queue_depth fearless:requires:QUEUE_LOCK ,q->queue_mu

int queue_depth(struct queue *q)
{
    return q->depth;
}

int main(void)
{
    struct queue q = {.queue_mu = 0, .depth = 3};
    printf("depth %d\n", queue_depth(&q));
    return queue_depth(&q) == 3 ? 0 : 1;
}
