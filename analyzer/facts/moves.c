/* moves.c - which calls take ownership of which arguments.
 *
 * Sources, first match wins:
 *  - built-ins: free(p) and realloc(p, n) free p (realloc's failure branch, where p survives,
 *    is the use-after-move check's business); fl_move(p) moves p;
 *  - a spawn through a wrapper whose thread argument is moved (SUMP_SPAWN_ARG_MOVED, or the
 *    caller wrote fl_move): the argument moves into the thread. A direct pthread_create moves
 *    nothing itself (its argument is `fl_move(x)`, a call that moves x), unless the thread's
 *    function frees or takes its argument on every path (moves_thread_takes_arg): then the
 *    thread owns it from the spawn on;
 *  - annotations on the callee's parameter: FL_SENDS, FL_MOVE;
 *  - the callee's computed summary: SUMP_FREES (freed on every path) is MOVE_FREED, SUMP_MOVES
 *    MOVE_MOVED, or MOVE_SENT with SUMP_SENDS. A parameter moved only on some paths
 *    (SUMP_MAY_MOVE, with SUMP_SENDS when a path sends it) is not a move at the call: claiming
 *    it would report uses that are fine on the other paths.
 * Arguments beyond the declared parameters (variadic ones) are never moved.
 */
#include "moves.h"

#include <string.h>

#include "summary.h"
#include "threads.h"

const ast_callee *moves_thread_takes_arg(const sum_table *sums, const ast_node *call, uint32_t i)
{
    const char *n = call->name;
    if (!n || (strcmp(n, "pthread_create") != 0 && strcmp(n, "thrd_create") != 0))
        return NULL;
    thr_call tc = thr_classify(sums, call);
    if (tc.kind != THR_SPAWN || !tc.arg || tc.arg != call->kids[1 + i] || !tc.func)
        return NULL;
    const ast_callee *fn = thr_named_fn(tc.func);
    const fn_summary *s = fn ? sum_of(sums, fn) : NULL;
    return s && s->nparams >= 1 && (s->param[0] & (SUMP_FREES | SUMP_MOVES)) ? fn : NULL;
}

move_kind moves_call_arg(const sum_table *sums, const ast_node *call, uint32_t i)
{
    if (!call || call->kind != AST_CALL || call->nkids < 1 || i >= (uint32_t)(call->nkids - 1))
        return MOVE_NONE;
    uint32_t nargs = call->nkids - 1u;
    if (call->name) {
        const char *n = call->name;
        if (n[0] == 'f' && ((strcmp(n, "free") == 0 && nargs == 1) || (strcmp(n, "fl_move") == 0 && nargs == 1)))
            return n[1] == 'r' ? MOVE_FREED : MOVE_MOVED;
        if (n[0] == 'r' && strcmp(n, "realloc") == 0 && nargs == 2)
            return i == 0 ? MOVE_FREED : MOVE_NONE;
    }
    const ast_callee *ce = call->callee;
    if (!ce || i >= ce->nparams)
        return MOVE_NONE;
    if (ce->system && moves_thread_takes_arg(sums, call, i))
        return MOVE_INTO_THREAD;
    const fn_summary *s = sum_of(sums, ce);
    uint16_t pf = ce->param_flags ? ce->param_flags[i] : 0;
    uint16_t sf = s && i < s->nparams ? s->param[i] : 0;
    if (sf & (SUMP_SPAWN_ARG | SUMP_SPAWN_ARG_MOVED)) {
        thr_call tc = thr_classify(sums, call);
        if (tc.kind == THR_SPAWN && tc.arg == call->kids[1 + i] && tc.moved)
            return MOVE_INTO_THREAD;
    }
    if (pf & PARAM_SENDS)
        return MOVE_SENT;
    if (pf & PARAM_MOVE)
        return MOVE_MOVED;
    if (sf & SUMP_FREES)
        return MOVE_FREED;
    if (sf & SUMP_MOVES)
        return sf & SUMP_SENDS ? MOVE_SENT : MOVE_MOVED;
    return MOVE_NONE;
}
