// A work queue whose push is declared FL_SENDS on the prototype; the task type is a typedef of
// a struct holding a thread-bound interpreter.
#include <stdlib.h>

#include "../../annotations/fearless.h"

typedef struct lua_State lua_State NOT_SEND;

typedef struct task {
    int (*fn)(lua_State *L);
    lua_State *L;
} task_t;

struct work_queue;
void wq_push(struct work_queue *q, task_t *FL_SENDS t);

void schedule(struct work_queue *q, lua_State *L, int (*fn)(lua_State *))
{
    task_t *t = malloc(sizeof *t);
    if (!t)
        return;
    t->fn = fn;
    t->L = L;
    wq_push(q, t); //~ ERROR not-send
}
