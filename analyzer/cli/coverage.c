/* coverage.c - saying what fearless could not follow (see coverage.h). */
#include "coverage.h"

#include <string.h>

#include "../base/strmap.h"
#include "../diag/diag.h"

static const char *program_name(const pg_unit *members, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t f = 0; f < members[i].tu->nfuncs; f++)
            if (members[i].tu->funcs[f]->in_main_file && strcmp(members[i].tu->funcs[f]->name, "main") == 0)
                return members[i].file;
    return NULL;
}

/* A function of the units shaped like a thread's start function whose address is taken. */
static const ast_func *thread_fn_shaped(const pg_unit *members, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t f = 0; f < members[i].tu->nfuncs; f++)
            if (members[i].acc->fns[f].fn && members[i].acc->fns[f].address_taken &&
                acc_looks_like_thread_fn(members[i].tu->funcs[f]->self))
                return members[i].tu->funcs[f];
    return NULL;
}

void coverage_program(const pg_unit *members, uint32_t n, bool threads_followed, diag_sink *sink)
{
    if (threads_followed)
        return;
    const char *prog = program_name(members, n);
    /* files without a main (a library, or one file checked alone) may have their threads
       started elsewhere: --verbose says what they missed */
    if (!prog)
        return;
    const acc_unseen *spawn = NULL;
    for (uint32_t i = 0; i < n && !spawn; i++)
        for (uint32_t k = 0; k < members[i].acc->nunseen && !spawn; k++)
            if (members[i].acc->unseen[k].kind == UNSEEN_SPAWN)
                spawn = &members[i].acc->unseen[k];
    const ast_func *entry = spawn ? NULL : thread_fn_shaped(members, n);
    diag *d;
    if (spawn) {
        d = diag_new(LVL_NOTE, NULL, NULL,
                     "no thread start could be followed in the program whose main is in %s: `%s` has no definition "
                     "in the compilation database; annotate its prototype with FL_THREAD_FN, FL_THREAD_ARG and "
                     "FL_THREAD_HANDLE",
                     prog, spawn->name);
        diag_primary(d, spawn->call->span, "this may start a thread fearless cannot see");
    } else if (entry) {
        d = diag_new(LVL_NOTE, NULL, NULL,
                     "no thread start could be followed in the program whose main is in %s, though `%s` looks like "
                     "a thread's start function: races between its threads are not checked (--verbose tells what "
                     "was not seen)",
                     prog, entry->name);
        diag_primary(d, entry->name_span, NULL);
    } else {
        return; /* no sign of threads fearless missed */
    }
    diag_sink_add(sink, d);
}

void coverage_verbose(const pg_unit *units, uint32_t n, const bool *is_entry_fn, diag_sink *sink)
{
    fl_strmap said = {0};
    for (uint32_t i = 0; i < n; i++) {
        const acc_unit *a = units[i].acc;
        for (uint32_t k = 0; k < a->nunseen; k++) {
            const acc_unseen *u = &a->unseen[k];
            if (fl_strmap_get(&said, u->name, NULL))
                continue;
            fl_strmap_put(&said, u->name, 1);
            diag *d;
            switch ((acc_unseen_kind)u->kind) {
            case UNSEEN_SPAWN:
                d = diag_new(LVL_NOTE, NULL, NULL,
                             "`%s` has no definition in the compilation database: fearless cannot tell whether it "
                             "starts a thread; annotate its prototype with FL_THREAD_FN, FL_THREAD_ARG and "
                             "FL_THREAD_HANDLE if it does",
                             u->name);
                break;
            case UNSEEN_LOCK:
                d = diag_new(LVL_NOTE, NULL, NULL,
                             "`%s` has no definition in the compilation database: fearless does not know which lock "
                             "it takes or drops (accesses after it are not judged); annotate its prototype with "
                             "FL_ACQUIRE(m) or FL_RELEASE(m)",
                             u->name);
                break;
            case UNSEEN_JOIN:
            default:
                d = diag_new(LVL_NOTE, NULL, NULL,
                             "`%s` has no definition in the compilation database: fearless assumes it may join the "
                             "threads whose handles it is given; annotate the handle's parameter with FL_JOINS if "
                             "it does",
                             u->name);
                break;
            }
            diag_primary(d, u->call->span, NULL);
            diag_sink_add(sink, d);
        }
    }
    fl_strmap_free(&said);
    /* functions shaped like a thread's start function whose address is taken, that no spawn
       fearless followed starts (a trampoline runs the threads its wrapper's callers name) */
    uint32_t base = 0;
    for (uint32_t i = 0; i < n; i++) {
        const acc_unit *a = units[i].acc;
        for (uint32_t f = 0; f < units[i].tu->nfuncs; f++) {
            const ast_func *fn = units[i].tu->funcs[f];
            if (a->fns[f].fn && a->fns[f].address_taken && !a->fns[f].trampoline && !is_entry_fn[base + f] &&
                acc_looks_like_thread_fn(fn->self)) {
                diag *d = diag_new(LVL_NOTE, NULL, NULL,
                                   "`%s` looks like a thread's start function, but no spawn fearless followed starts "
                                   "it: the code it runs is not checked against other threads",
                                   fn->name);
                diag_primary(d, fn->name_span, NULL);
                diag_sink_add(sink, d);
            }
        }
        base += units[i].tu->nfuncs;
    }
}
