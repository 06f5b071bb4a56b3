/* threads.h - recognizing the thread API: spawns, joins and detaches (pthreads and C11). */
#ifndef FL_THREADS_H
#define FL_THREADS_H

#include <stdbool.h>

#include "../frontend/ast.h"

typedef enum thr_kind { THR_NONE, THR_SPAWN, THR_JOIN, THR_DETACH } thr_kind;

typedef struct thr_call {
    thr_kind kind;
    const char *api;  /* "pthread_create", "thrd_join", ... */
    ast_node *handle; /* spawn: the pointer to the handle (`&t`); join/detach: the handle (`t`) */
    ast_node *func;   /* spawn: the thread function */
    ast_node *arg;    /* spawn: the thread argument */
} thr_call;

/* Classify an AST_CALL node; THR_NONE for anything else. Every spawn API reports success
   by returning 0 (pthread_create's 0, C11's thrd_success). */
thr_call thr_classify(const ast_node *call);

#endif
