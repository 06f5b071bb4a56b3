/* param_contracts.c - MOVE / SENDS and the spawn and join wrappers' parameter contracts
 * (THREAD_FN, THREAD_ARG, THREAD_HANDLE, JOINS), from what the facts already computed of each
 * function's body (facts/summary.h): a parameter freed or moved on every path that returns, the
 * function a thread it starts runs, that thread's argument and handle, a handle it joins. Written
 * on a prototype, they let every file that calls the function without seeing its body know it;
 * the proposal puts them on the definition, where the parameter's name is, and a header's
 * prototype can copy them. A function whose summary comes from its annotations, and parameters
 * already annotated, are left out. */
#include "suggest.h"

#include <stdio.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/strmap.h"
#include "../diag/diag.h"
#include "../facts/summary.h"
#include "edits.h"

/* The contracts a summary's flags give a parameter ("THREAD_ARG MOVE"), into sb; none for
   PARAM_* flags the parameter already has. */
static void contracts_of(uint16_t f, uint16_t have, fl_strbuf *sb, bool *thread)
{
    sb->len = 0;
    *thread = false;
#define ADD(cond, name, pflag, is_thread)                                                                              \
    do {                                                                                                               \
        if ((cond) && !(have & (pflag))) {                                                                             \
            fl_sb_printf(sb, "%s%s", sb->len ? " " : "", name);                                                        \
            *thread |= is_thread;                                                                                      \
        }                                                                                                              \
    } while (0)
    ADD(f & SUMP_SPAWN_FN, "THREAD_FN", PARAM_THREAD_FN, true);
    ADD(f & SUMP_SPAWN_HANDLE, "THREAD_HANDLE", PARAM_THREAD_HANDLE, true);
    ADD(f & (SUMP_SPAWN_ARG | SUMP_SPAWN_ARG_MOVED), "THREAD_ARG", PARAM_THREAD_ARG, true);
    ADD(f & SUMP_JOINS, "JOINS", PARAM_JOINS, true);
    ADD(f & SUMP_SENDS, "SENDS", PARAM_SENDS, false);
    ADD(!(f & SUMP_SENDS) && (f & (SUMP_MOVES | SUMP_SPAWN_ARG_MOVED)), "MOVE", PARAM_MOVE | PARAM_SENDS, false);
#undef ADD
}

static const char *why(uint16_t f)
{
    if (f & SUMP_SPAWN_FN)
        return "a thread it starts runs it";
    if (f & SUMP_SPAWN_HANDLE)
        return "the new thread's handle is stored where it points";
    if (f & SUMP_SPAWN_ARG_MOVED)
        return "the thread it starts gets it, and owns it";
    if (f & SUMP_SPAWN_ARG)
        return "the thread it starts gets it";
    if (f & SUMP_JOINS)
        return "it joins the thread whose handle this is";
    if (f & SUMP_SENDS)
        return "it goes where another thread may take it";
    if (f & SUMP_FREES)
        return "it is freed on every path that returns";
    return "it is moved on every path that returns";
}

typedef struct param_contract {
    uint32_t i;           /* the parameter */
    char contracts[64];   /* "THREAD_ARG MOVE" */
    uint16_t flags;       /* its summary's SUMP_* */
} param_contract;

/* One proposal per function and kind: its parameters' contracts, each with its edit. */
static void propose(const ast_func *fn, const param_contract *pc, size_t n, bool thread, diag_sink *sink,
                    fl_u32_vec *included)
{
    fl_strbuf head = {0}, repl = {0};
    for (size_t k = 0; k < n; k++)
        fl_sb_printf(&head, "%s`%s` %s", k ? (k + 1 == n ? " and " : ", ") : "", fn->params[pc[k].i]->name,
                     pc[k].contracts);
    bool joins_only = true;
    for (size_t k = 0; k < n; k++)
        joins_only &= !strcmp(pc[k].contracts, "JOINS");
    diag *g = diag_new(LVL_NOTE, NULL, thread ? SUGGEST_THREAD_WRAPPER_CHECK : SUGGEST_MOVE_CHECK,
                       "`%s` %s: annotate %s %s", fn->name,
                       !thread ? "takes ownership of what it is given" : joins_only ? "joins a thread" : "starts a thread",
                       n == 1 ? "its parameter" : "its parameters", fl_sb_str(&head));
    diag_primary(g, fn->name_span, NULL);
    fl_srcmap *sm = diag_sink_srcmap(sink);
    for (size_t k = 0; k < n; k++) {
        const ast_var *p = fn->params[pc[k].i];
        diag_secondary(g, p->span, "%s", why(pc[k].flags));
    }
    diag_note(g, "with %s, %s", n == 1 ? "it" : "them",
              thread ? "a call in a file that does not see the body counts as the spawn or join it is"
                     : "a use of the argument after the call is reported in every file");
    for (size_t k = 0; k < n; k++) {
        const ast_var *p = fn->params[pc[k].i];
        repl.len = 0;
        for (const char *c = pc[k].contracts; *c;) {
            size_t w = strcspn(c, " ");
            fl_sb_printf(&repl, "FL_%.*s ", (int)w, c);
            c += w;
            while (*c == ' ')
                c++;
        }
        size_t len = 0;
        const char *text = fl_srcmap_text(sm, p->span.file, &len);
        size_t nl = strlen(p->name);
        if (text && p->span.end <= len && p->span.end - p->span.begin == nl &&
            !memcmp(text + p->span.begin, p->name, nl)) {
            diag_help_replace(g, (fl_span){p->span.file, p->span.begin, p->span.begin}, fl_sb_str(&repl),
                              "annotate the parameter: `%s%s`", fl_sb_str(&repl), p->name);
            sg_include_edit(g, p->span.file, text, len, included);
        } else
            diag_help(g, "annotate the parameter `%s` with %s", p->name, fl_sb_str(&repl));
    }
    fl_sb_free(&head);
    fl_sb_free(&repl);
    diag_sink_add(sink, g);
}

void suggest_param_contracts(const sg_unit *units, uint32_t n, diag_sink *sink, fl_u32_vec *included, bool threads,
                             bool moves)
{
    fl_strmap seen = {0};
    fl_strbuf sb = {0};
    for (uint32_t u = 0; u < n; u++) {
        const ast_tu *tu = units[u].tu;
        for (uint32_t k = 0; units[u].sums && k < tu->nfuncs; k++) {
            const ast_func *fn = tu->funcs[k];
            if (!fn->body || !fn->self || !fn->name || !fn->in_main_file)
                continue;
            const fn_summary *s = sum_of(units[u].sums, fn->self);
            if (!s || s->from_annotations || summary_empty(s) || !sg_first_time(&seen, units[u].arena, fn))
                continue;
            /* annotations say where the handle goes only as "where this parameter points": a
               handle stored further inside (`p->tids[i]`) would read as one the caller cannot
               join, and its calls would be judged as spawns never joined */
            bool handle_unsayable = false;
            for (uint32_t i = 0; i < s->nparams; i++)
                handle_unsayable |= (s->param[i] & SUMP_SPAWN_HANDLE) &&
                                    (!s->handle_path || !s->handle_path[i] || strcmp(s->handle_path[i], "*"));
            param_contract pcs[2][16];
            size_t npc[2] = {0, 0}; /* [0] thread wrapper, [1] moves */
            for (uint32_t i = 0; i < s->nparams && i < fn->nparams && i < 16; i++) {
                const ast_var *p = fn->params[i];
                if (!p || !p->name || !fl_span_valid(p->span))
                    continue;
                uint16_t f = s->param[i];
                /* an annotation says "the handle is where it points" (or "it is the handle"): a
                   handle further inside (`p->tids[i]`) has no annotation */
                const char *hp = s->handle_path ? s->handle_path[i] : NULL;
                if (handle_unsayable)
                    f &= (uint16_t)~(SUMP_SPAWN_HANDLE | SUMP_SPAWN_FN | SUMP_SPAWN_ARG);
                if ((f & SUMP_JOINS) && (!hp || (strcmp(hp, "*") && strcmp(hp, ""))))
                    f &= (uint16_t)~SUMP_JOINS;
                bool thread;
                contracts_of(f, p->param_flags | (fn->self->param_flags ? fn->self->param_flags[i] : 0), &sb,
                             &thread);
                if (!sb.len || !(thread ? threads : moves) || sb.len >= sizeof pcs[0][0].contracts)
                    continue;
                param_contract *pc = &pcs[thread ? 0 : 1][npc[thread ? 0 : 1]++];
                pc->i = i;
                pc->flags = f;
                memcpy(pc->contracts, fl_sb_str(&sb), sb.len + 1);
            }
            for (int t = 0; t < 2; t++)
                if (npc[t])
                    propose(fn, pcs[t], npc[t], t == 0, sink, included);
        }
    }
    fl_sb_free(&sb);
    fl_strmap_free(&seen);
}
