/* fuzz_pipeline.c - libFuzzer target: the fuzzer's bytes as one C file, run through the whole
 * pipeline as the driver runs a unit: libclang parses them from memory (an unsaved file), the
 * tree is converted, every function's CFG built and verified, the unit's facts built, every
 * check run on each function, on the unit and on the program, and the sink rendered in every
 * format into memory. A crash, a sanitizer report, a hang or a leak is a finding; what fearless
 * reports about the input is not.
 *
 * The input is named <source>/fuzz/input.c, with annotations/ and examples/channel/ on the
 * include path, so that seeds taken from testcases/ and examples/ (fuzz/run_fuzz.sh) parse as
 * they do in the UI tests. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/srcmap.h"
#include "checks/registry.h"
#include "cli/allow.h"
#include "diag/render.h"
#include "diag/sink.h"
#include "diag/suppress.h"
#include "facts/link.h"
#include "facts/program.h"
#include "facts/unit.h"
#include "frontend/parse.h"
#include "ir/cfg.h"

#define INPUT FL_SOURCE_DIR "/fuzz/input.c"

static fe_index *ix;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    /* libclang's own crash recovery would swallow the signals the sanitizers report with */
    setenv("LIBCLANG_DISABLE_CRASH_RECOVERY", "1", 1);
    ix = fe_index_new();
    return 0;
}

/* Every check on each function of the unit, then on the unit (as driver.c's check_unit). */
static void check_unit(const fx_unit *fx, ast_tu *tu, cfg **cfgs, diag_sink *sink)
{
    for (uint32_t i = 0; i <= tu->nfuncs; i++) {
        if (i < tu->nfuncs && !cfgs[i])
            continue;
        bool whole = i == tu->nfuncs;
        check_ctx ctx = {fx, tu, whole ? NULL : tu->funcs[i], whole ? NULL : cfgs[i], cfgs, fx->arena, sink, true,
                         NULL};
        for (unsigned c = 0; c < check_count; c++)
            check_registry[c].run(&ctx);
    }
}

/* The program checks on the one-unit program. */
static void check_program(const fx_unit *fx, ast_tu *tu, fl_srcmap *sm, diag_sink *sink)
{
    pg_unit pu = {tu, fx->shared, fl_srcmap_path(sm, tu->main_file), NULL, fx->traits};
    program *p = pg_build(&pu, 1);
    if (!p)
        return;
    check_ctx ctx = {0};
    ctx.arena = p->A;
    ctx.sink = sink;
    ctx.verbose = true;
    ctx.prog = p;
    for (unsigned c = 0; c < check_count; c++)
        if ((check_registry[c].needs & FX_NEED_PROGRAM) == FX_NEED_PROGRAM)
            check_registry[c].run(&ctx);
    pg_free(p);
}

/* Each renderer into one memory buffer. */
static void render_all(diag_sink *sink)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        abort();
    render_human(sink, out, true);
    render_short(sink, out);
    render_json(sink, out);
    sarif_rule rules[64];
    size_t n = 0;
    for (unsigned c = 0; c < check_count && n < 64; c++, n++) {
        const check_info *ci = &check_registry[c];
        rules[n] = (sarif_rule){ci->name, ci->code, ci->summary, NULL, ci->level};
    }
    render_sarif(sink, out, rules, n, "fuzz");
    fclose(out);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *argv[] = {"clang", "-xc", "-std=gnu11", "-D_GNU_SOURCE", "-I" FL_SOURCE_DIR "/annotations",
                    "-I" FL_SOURCE_DIR "/examples/channel", "-ferror-limit=1", INPUT, NULL};
    fe_job job = {.file = INPUT, .directory = FL_SOURCE_DIR "/fuzz", .argv = argv, .argc = 8,
                  .contents = (const char *)data, .contents_len = size};
    fl_srcmap *sm = fl_srcmap_new();
    diag_sink *sink = diag_sink_new(sm);
    const char *names[64];
    for (unsigned c = 0; c < check_count && c < 64; c++)
        names[c] = check_registry[c].name;
    suppress_set *sup = suppress_new(sm, names, check_count < 64 ? check_count : 64);
    diag_sink_set_suppressions(sink, sup, true);

    fe_unit *u = fe_parse(ix, &job, sm, sink);
    if (u) {
        ast_tu *tu = fe_unit_ast(u);
        fe_unit_release_clang(u);
        allow_register_unit(sup, sink, tu);
        cfg **cfgs = FL_NEW_ARRAY(tu->arena, cfg *, tu->nfuncs + 1);
        for (uint32_t i = 0; i < tu->nfuncs; i++)
            if (tu->funcs[i]->in_main_file) {
                cfgs[i] = cfg_build(tu->arena, tu->funcs[i]);
                cfg_verify(cfgs[i]);
            }
        fx_link *link = link_new();
        uint32_t slot = link_add_unit(link, fl_srcmap_path(sm, tu->main_file), NULL);
        fx_unit *fx = fx_unit_build(tu, cfgs, sm, FX_NEED_PROGRAM | FX_NEED_LOCKS, link_importer(link, slot));
        link_set_summary(link, slot, fx_unit_export(fx, fl_srcmap_path(sm, tu->main_file)));
        check_unit(fx, tu, cfgs, sink);
        check_program(fx, tu, sm, sink);
        fx_unit_free(fx);
        link_free(link);
        fe_unit_free(u);
    }
    diag_sink_finish(sink);
    render_all(sink);
    diag_sink_free(sink);
    suppress_free(sup);
    fl_srcmap_free(sm);
    return 0;
}
