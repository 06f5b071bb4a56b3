/* flags.h - what a function's branches say about global flags where each of its blocks runs.
 *
 * A mode flag (`static int aio;`, set from the command line before any thread starts) decides
 * both which thread function a program spawns (`if (aio) spawn(aio_fn) else spawn(uring_fn)`)
 * and, inside the code those threads share, which branch they take (`if (aio) setup_aio(s);
 * else setup_ring(s);`). Per block: the flags a branch has tested on every path from the
 * function's entry, and with which outcome, since the function last wrote it (a must dataflow
 * over the branch edges). Only global and static variables and their fields (`cfg.threads`)
 * tested directly (`if (aio)`, `if (!aio)`, `aio == 0`, and `mode == MODE_READ` on its true
 * edge) whose address the unit never takes; a comparison with a non-zero constant is also the
 * pseudo-flag "mode == MODE_READ", which both edges tell (`if (cfg.threads == 1) fast(); else
 * spawn_all();`). facts/program.h decides which of them keep their value while threads run, and
 * prunes what a thread cannot reach under its spawn's facts.
 *
 * A parameter the function never writes is a flag too, with its callers deciding its value:
 * a call passing a constant (`close_client(c, 1)`) enters the function with it non-zero, and
 * facts/program.h carries that into the callee (`if (async) free_later(c); else free_now(c);`).
 *
 * A local that only ever receives a thread-specific value (`sk_out = pthread_getspecific(key)`,
 * C11's tss_get) is a flag too, of that key in the running thread: a thread that never sets the
 * key gets NULL, and does not pass `if (!sk_out) return -1;` (fio's fio_server_text_output in
 * its clock thread).
 *
 * A local that only ever receives what the function's first parameter gives (`int id = *(int
 * *)arg;`, `id = job->id` with `job = arg`, `(long)arg`) is a flag too, of the running thread's
 * argument when the function is a thread's: `if (id == 0)` passes in the one thread given 0
 * when each spawn gives its own value (facts/program.h).
 */
#ifndef FL_FLAGS_H
#define FL_FLAGS_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../ir/cfg.h"
#include "../ir/dataflow.h"

typedef struct flag_fact {
    const ast_var *var;
    const ast_var *tls_key; /* a local holding this thread's value of that key, else NULL */
    bool nonzero;          /* the flag is non-zero there (else zero) */
    const char *path;      /* a field of var (`cfg.threads`: ".threads"), or "" */
    const char *eq;        /* the pseudo-flag "var == eq" (a constant's spelling), or NULL */
    const char *inst;      /* a local holding what the function's first parameter gives it at
                              every write (inst_path_of: "=", "*", "*.id"), else NULL */
} flag_fact;

typedef struct flag_fn {
    const ast_var **vars;  /* the flags its branches test: a variable, */
    const char **paths;    /* ... or a field path in it ("" for the variable itself), */
    const char **eqs;      /* ... and for the pseudo-flag "it == C", C's spelling (else NULL) */
    const ast_var **tls_keys; /* per flag: the key a local flag holds the value of, or NULL */
    const char **insts;    /* per flag: for a local, what of the first parameter it holds, or NULL */
    bool *polled;          /* per flag: a loop's condition tests it (`while (!stop)`): it is
                              expected to change while the code runs */
    uint32_t nvars;
    df_result *df;         /* bit 2v: vars[v] is non-zero; 2v + 1: it is zero */
} flag_fn;

/* The flags of fn's branches; NULL when none is tested. */
flag_fn *flags_analyze(fl_arena *A, const cfg *g);

/* The facts that hold on entry to block b (at most max), into out; their count. */
uint32_t flags_at(const flag_fn *ff, uint32_t block, flag_fact *out, uint32_t max);

#endif
