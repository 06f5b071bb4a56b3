/* channels.h - queues and slots that hand heap objects to a thread which frees them.
 *
 * The shape, with no annotation: `push(q, m)` links m into the object q points to on every path
 * that returns (`q->tail->next = m; q->tail = m;`, `ch->slot = m;`); a function `pop(q)` of the
 * same container type returns a pointer of m's type, or a thread takes elements out in place
 * (`j = q->head; q->head = j->next;`); and a function that runs in a thread frees what it took
 * out (`while ((m = pop(q)) != NULL) { ...; free(m); }`). Then whoever pushes m gives it away,
 * as if push's parameter were declared FL_SENDS: the consumer may free it as soon as it is
 * linked in. summary.c adds SUMP_SENDS | SUMP_MOVES to that parameter.
 *
 * The container may also be one global (`push(m)` linking m into `static struct job_queue q`,
 * with `pop()` taking `q.head` out in place).
 *
 * A push may also refuse: the paths that do not store m return a non-zero constant (`if
 * (q->closed) return -1;`), or a status declared so and set otherwise only where m is stored
 * (`int rc = -1; ... rc = 0; ... return rc;`). Then m stays with the caller where the call's
 * result is non-zero (`if (push(q, m) != 0) free(m);`), and is given away where it is zero or
 * not tested.
 *
 * Towards silence: the element must point to a struct or be a byte buffer (`char *`; a `void *`
 * list is a container for anything, and one consumer that frees does not say what the others
 * do), a take in place must also rewrite the field it read (`m->msg = NULL;`), the container must be
 * a struct other than the element's, the store must be on every path through push that does not
 * refuse, and the consumer must run in a thread of the unit: a spawn's function, or a function it
 * calls in the unit.
 *
 * Cost: nothing unless some function reached from a spawn frees what a call of the unit returned;
 * then one scan of each function's CFG elements, O(elements) per candidate container type.
 */
#ifndef FL_CHANNELS_H
#define FL_CHANNELS_H

#include <stdint.h>

#include "../base/arena.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"
#include "summary.h"

/* Find the unit's senders from `sums` (summaries computed so far: which calls free) into
   `*out` (allocated in `arena`); returns how many. */
uint32_t chan_infer(fl_arena *arena, const ast_tu *tu, cfg *const *cfgs, const sum_table *sums, sum_sender **out);

/* The sender fact for parameter `param` of `push`, or NULL. */
const sum_sender *chan_sender_of(const sum_table *sums, const ast_callee *push, uint32_t param);

/* `push` is a sender that may refuse (returning non-zero where it keeps nothing). */
bool chan_push_refuses(const sum_table *sums, const ast_callee *push);

#endif
