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
#include <string.h>

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
        if (i < tu->nfuncs && (!cfgs[i] || !tu->funcs[i]->in_main_file))
            continue;
        bool whole = i == tu->nfuncs;
        check_ctx ctx = {fx, tu, whole ? NULL : tu->funcs[i], whole ? NULL : cfgs[i], cfgs, fx->arena, sink, true,
                         NULL};
        for (unsigned c = 0; c < check_count; c++)
            check_registry[c].run(&ctx);
    }
}

/* The program checks on the one-unit program. */
static void check_program(fx_unit *fx, ast_tu *tu, fl_srcmap *sm, diag_sink *sink)
{
    fx_unit_build_shared(fx); /* the shared-memory facts, once the unit's imports are settled */
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

/* ---- mutations that keep C parseable -------------------------------------------------------
 *
 * Byte mutations of C mostly end at clang's first error, and a unit with errors is not analyzed:
 * the analysis behind the parser would be reached rarely. Half of the mutations work on whole
 * lines instead: a line duplicated (a second lock, a second free), deleted (a lost unlock, a
 * missing join), or moved (locks nested the other way, a use after the free); crossover splices
 * lines of another input in. The other half are libFuzzer's own, with the dictionary. */

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

static uint32_t next_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* The start offsets of data's lines (at most max of them); their count. */
static size_t line_starts(const uint8_t *data, size_t size, size_t *starts, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < size && n < max; i++)
        if (i == 0 || data[i - 1] == '\n')
            starts[n++] = i;
    return n;
}

enum { MAX_LINES = 4096 };

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    uint32_t r = seed | 1;
    static size_t st[MAX_LINES + 1];
    size_t n = line_starts(data, size, st, MAX_LINES);
    if (n < 2 || next_rand(&r) % 2)
        return LLVMFuzzerMutate(data, size, max_size);
    st[n] = size;
    size_t a = next_rand(&r) % n, b = next_rand(&r) % n;
    size_t alen = st[a + 1] - st[a];
    static uint8_t line[65536];
    if (alen > sizeof line)
        return LLVMFuzzerMutate(data, size, max_size);
    memcpy(line, data + st[a], alen);
    switch (next_rand(&r) % 3) {
    case 0: /* duplicate line a before line b */
        if (size + alen > max_size)
            return LLVMFuzzerMutate(data, size, max_size);
        memmove(data + st[b] + alen, data + st[b], size - st[b]);
        memcpy(data + st[b], line, alen);
        return size + alen;
    case 1: /* delete line a */
        memmove(data + st[a], data + st[a] + alen, size - st[a] - alen);
        return size - alen;
    default: /* move line a before line b */
        memmove(data + st[a], data + st[a] + alen, size - st[a] - alen);
        size -= alen;
        size_t at = st[b] > st[a] ? st[b] - alen : st[b];
        memmove(data + at + alen, data + at, size - at);
        memcpy(data + at, line, alen);
        return size + alen;
    }
}

/* Lines [i, j) of data2 inserted at a line of data1. */
size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1, const uint8_t *data2, size_t size2,
                                 uint8_t *out, size_t max_out_size, unsigned int seed)
{
    uint32_t r = seed | 1;
    static size_t s1[MAX_LINES + 1], s2[MAX_LINES + 1];
    size_t n1 = line_starts(data1, size1, s1, MAX_LINES), n2 = line_starts(data2, size2, s2, MAX_LINES);
    s1[n1] = size1;
    s2[n2] = size2;
    if (!n2)
        return 0;
    size_t at = n1 ? s1[next_rand(&r) % (n1 + 1)] : 0;
    size_t i = next_rand(&r) % n2, j = i + 1 + next_rand(&r) % (n2 - i < 16 ? n2 - i : 16);
    size_t len = s2[j] - s2[i];
    if (size1 + len > max_out_size)
        return 0;
    memcpy(out, data1, at);
    memcpy(out + at, data2 + s2[i], len);
    memcpy(out + at + len, data1 + at, size1 - at);
    return size1 + len;
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
        allow_register_unit(sup, sink, NULL, tu);
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
