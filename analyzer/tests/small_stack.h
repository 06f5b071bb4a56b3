/* small_stack.h - unit-test helper: run a function on a thread with a small stack.
 *
 * A walk that recursed once per level of a tree 100,000 levels deep needs megabytes of stack;
 * run on 256 KiB, it overflows and the test process dies (Check reports the crash). So a test
 * that builds a deep tree and walks it here proves the walk keeps its depth on the heap.
 * Call ck_assert only after small_stack_run returns, in the test's own thread. */
#ifndef FL_TEST_SMALL_STACK_H
#define FL_TEST_SMALL_STACK_H

#include <check.h>
#include <pthread.h>

#define SMALL_STACK (256u * 1024u)

typedef struct small_stack_job {
    void (*fn)(void *);
    void *arg;
} small_stack_job;

static void *small_stack_main(void *p)
{
    small_stack_job *job = p;
    job->fn(job->arg);
    return NULL;
}

/* fn(arg) on a thread with a SMALL_STACK stack; returns when it is done. */
static void small_stack_run(void (*fn)(void *), void *arg)
{
    pthread_attr_t attr;
    pthread_t t;
    small_stack_job job = {fn, arg};
    ck_assert_int_eq(pthread_attr_init(&attr), 0);
    ck_assert_int_eq(pthread_attr_setstacksize(&attr, SMALL_STACK), 0);
    ck_assert_int_eq(pthread_create(&t, &attr, small_stack_main, &job), 0);
    ck_assert_int_eq(pthread_join(t, NULL), 0);
    pthread_attr_destroy(&attr);
}

#endif
