/* parse.c - parsing a translation unit with libclang, and clang's errors as diagnostics.
 *
 * The conversion of a parsed unit to the ast is in conv_*.c (conv.h); this file owns the
 * libclang index and units. */
#include "parse.h"

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdlib.h>

#include "../base/arena.h"
#include "../base/vec.h"
#include "../base/xalloc.h"
#include "cxstr.h"
#include "fe_unit.h"
#include "filemap.h"
#include "gcc_compat.h"
#include "parse_fail.h"

struct fe_index {
    CXIndex cx;
};

/* ---- the index --------------------------------------------------------------------------- */

fe_index *fe_index_new(void)
{
    fe_index *ix = fl_xcalloc(1, sizeof *ix);
    /* No PCH exclusion, and libclang must not print diagnostics itself: they go to the sink. */
    ix->cx = clang_createIndex(0, 0);
    return ix;
}

void fe_index_free(fe_index *ix)
{
    if (!ix)
        return;
    clang_disposeIndex(ix->cx);
    free(ix);
}

/* ---- parsing and clang's errors ------------------------------------------------------------ */

/* Span of a diagnostic location (as clang prints it: macro arguments where written, macro
   bodies at the expansion), widened to the diagnostic's first range when that range holds it. */
static fl_span diag_span(filemap *fm, CXSourceLocation loc, CXSourceRange r, bool have_range)
{
    CXFile f = NULL;
    unsigned off = 0;
    clang_getFileLocation(loc, &f, NULL, NULL, &off);
    if (!f)
        return fl_span_none();
    file_slot *slot = filemap_slot(fm, f);
    size_t len;
    const char *text = filemap_text(fm, slot, &len);
    /* One byte at the location, but nothing past the end ("expected '}'" at end of file). */
    fl_span sp = {slot->id, off, text && off >= len ? off : off + 1};
    if (have_range) {
        CXFile fb = NULL, fe = NULL;
        unsigned b = 0, e = 0;
        clang_getFileLocation(clang_getRangeStart(r), &fb, NULL, NULL, &b);
        clang_getFileLocation(clang_getRangeEnd(r), &fe, NULL, NULL, &e);
        if (fb && fe && clang_File_isEqual(fb, f) && clang_File_isEqual(fe, f) && b <= off && off < e)
            sp.begin = b, sp.end = e;
    }
    return sp;
}

static fl_span diag_loc_span(filemap *fm, CXDiagnostic d)
{
    bool have_range = clang_getDiagnosticNumRanges(d) > 0;
    CXSourceRange r = have_range ? clang_getDiagnosticRange(d, 0) : clang_getNullRange();
    return diag_span(fm, clang_getDiagnosticLocation(d), r, have_range);
}

/* Turn clang's errors into diagnostics; true if there was any. An error with no place before
   any that has one (a bad argument on the unit's command line) names the unit in a note: a
   run over a database would not say which command was bad. */
static bool report_errors(CXTranslationUnit tu, filemap *fm, const fe_job *job, diag_sink *sink)
{
    bool any = false;
    /* The last located error: clang's unlocated "too many errors emitted, stopping now" caps
       the errors before it, and is shown after them. */
    fl_span last = fl_span_none();
    unsigned n = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic cd = clang_getDiagnostic(tu, i);
        if (clang_getDiagnosticSeverity(cd) < CXDiagnostic_Error) {
            clang_disposeDiagnostic(cd);
            continue;
        }
        any = true;
        char *msg = cxstr_take(clang_getDiagnosticSpelling(cd));
        diag *d = diag_new(LVL_ERROR, NULL, NULL, "%s", msg);
        free(msg);
        d->from_clang = true;
        fl_span sp = diag_loc_span(fm, cd);
        if (fl_span_valid(sp))
            diag_primary(d, sp, NULL), last = sp;
        else
            d->sort_after = last;
        if (!fl_span_valid(last) && job->file) {
            char *shown = fe_display_path(job->file);
            diag_note(d, "in the command line of `%s`", shown);
            free(shown);
        }
        /* The set belongs to the diagnostic: not disposed separately. */
        CXDiagnosticSet kids = clang_getChildDiagnostics(cd);
        unsigned nk = kids ? clang_getNumDiagnosticsInSet(kids) : 0;
        for (unsigned k = 0; k < nk; k++) {
            CXDiagnostic ck = clang_getDiagnosticInSet(kids, k);
            char *note = cxstr_take(clang_getDiagnosticSpelling(ck));
            diag_note_at(d, diag_loc_span(fm, ck), "%s", note);
            free(note);
            clang_disposeDiagnostic(ck);
        }
        diag_sink_add(sink, d);
        clang_disposeDiagnostic(cd);
    }
    return any;
}

static CXFile main_cxfile(CXTranslationUnit tu, const fe_job *job)
{
    CXFile f = job->file ? clang_getFile(tu, job->file) : NULL;
    if (!f) {
        char *name = cxstr_take(clang_getTranslationUnitSpelling(tu));
        f = clang_getFile(tu, name);
        free(name);
    }
    return f;
}

typedef struct inputs_ctx {
    fe_unit *u;
    FL_VEC(char *) paths;
} inputs_ctx;

static void inclusion_cb(CXFile f, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
    (void)stack;
    (void)depth;
    inputs_ctx *c = data;
    fl_vec_push(&c->paths, filemap_abs_path(f, c->u->directory));
}

/* The files the unit read, while clang's unit is there to say. */
static void collect_inputs(fe_unit *u)
{
    inputs_ctx c = {u, {0}};
    clang_getInclusions(u->tu, inclusion_cb, &c);
    u->inputs = c.paths.items;
    u->ninputs = (uint32_t)c.paths.len;
}

uint32_t fe_unit_inputs(const fe_unit *u, const char *const **paths)
{
    *paths = (const char *const *)u->inputs;
    return u->ninputs;
}

/* What GCC (up to 13) accepts with a warning and clang 16 and later reject by default: code that
   the project's own compiler builds is analyzed as that compiler sees it. Appended after the
   unit's own flags, so that its -Werror does not turn them back. */
static const char *const gcc_lenient[] = {
    "-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int",
    "-Wno-error=int-conversion",                "-Wno-error=incompatible-function-pointer-types",
    "-Wno-error=incompatible-pointer-types",    "-Wno-error=return-mismatch",
};
#define N_LENIENT (sizeof gcc_lenient / sizeof gcc_lenient[0])

/* libclang's parse of the job's command, `contents` standing for its file when not NULL: the
   unit, or NULL with the error in *ec. Only libclang runs here (no arena, no map, no sink), so
   that parse_pool.c may call it from several threads, each with its own index. */
CXTranslationUnit fe_parse_clang(CXIndex cx, const fe_job *job, const char *const *argv0, uint32_t argc0,
                                 const char *contents, size_t len, enum CXErrorCode *ec)
{
    CXTranslationUnit tu = NULL;
    struct CXUnsavedFile unsaved = {job->file, contents, (unsigned long)len};
    const char **argv = fl_xmalloc((argc0 + N_LENIENT + 1) * sizeof *argv);
    for (uint32_t i = 0; i < argc0; i++)
        argv[i] = argv0[i];
    for (uint32_t i = 0; i < N_LENIENT; i++)
        argv[argc0 + i] = gcc_lenient[i];
    uint32_t argc = argc0 + N_LENIENT;
    const char *gnuc = argc0 ? fe_gnuc_version_flag(argv0[0]) : NULL;
    if (gnuc)
        argv[argc++] = gnuc; /* GCC's __GNUC__, not clang's 4.2 (gcc_compat.c) */
    *ec = clang_parseTranslationUnit2FullArgv(cx, NULL, argv, (int)argc, contents ? &unsaved : NULL,
                                              contents ? 1 : 0, CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles,
                                              &tu);
    free(argv);
    if (*ec == CXError_Success && !tu)
        *ec = CXError_Failure;
    if (*ec != CXError_Success && tu) {
        clang_disposeTranslationUnit(tu);
        tu = NULL;
    }
    return tu;
}

fe_unit *fe_parse(fe_index *ix, const fe_job *job, fl_srcmap *sm, diag_sink *sink)
{
    enum CXErrorCode ec;
    CXTranslationUnit tu = fe_parse_clang(ix->cx, job, (const char *const *)job->argv, job->argc, job->contents,
                                          job->contents_len, &ec);
    return fe_parse_finish(tu, ec, job, sm, sink);
}

bool fe_parse_only(fe_index *ix, const fe_job *job)
{
    enum CXErrorCode ec;
    CXTranslationUnit tu = fe_parse_clang(ix->cx, job, (const char *const *)job->argv, job->argc, job->contents,
                                          job->contents_len, &ec);
    if (tu)
        clang_disposeTranslationUnit(tu);
    return tu != NULL;
}

void fe_probe_flags(fe_index *ix, const fe_job *job)
{
    uint32_t n;
    const char **flags = fe_job_flags(job, &n);
    flags[n] = job->file; /* fe_job_flags leaves room for it */
    enum CXErrorCode ec;
    CXTranslationUnit tu = fe_parse_clang(ix->cx, job, flags, n + 1, "", 0, &ec);
    if (tu)
        clang_disposeTranslationUnit(tu);
    free(flags);
}

fe_unit *fe_parse_finish(CXTranslationUnit tu, enum CXErrorCode ec, const fe_job *job, fl_srcmap *sm,
                         diag_sink *sink)
{
    if (!tu) {
        diag_sink_add(sink, parse_fail_diag(job, ec));
        return NULL;
    }
    filemap fm = {.tu = tu, .sm = sm, .dir = job->directory};
    CXFile mf = job->contents ? main_cxfile(tu, job) : NULL;
    if (mf) /* not on disk: the renderers read it from the map */
        fl_srcmap_set_contents(sm, filemap_slot(&fm, mf)->id, job->contents, job->contents_len);
    if (report_errors(tu, &fm, job, sink)) {
        clang_disposeTranslationUnit(tu);
        return NULL;
    }
    fe_unit *u = fl_xcalloc(1, sizeof *u);
    u->tu = tu;
    u->arena = fl_arena_new();
    u->sm = sm;
    u->directory = fl_xstrdup(job->directory);
    u->main_cxfile = main_cxfile(tu, job);
    collect_inputs(u);
    if (u->main_cxfile)
        u->main_file = filemap_slot(&fm, u->main_cxfile)->id;
    else {
        char *disp = fe_display_path(job->file ? job->file : "<unknown>");
        u->main_file = fl_srcmap_intern(sm, disp);
        free(disp);
    }
    return u;
}

void fe_unit_release_clang(fe_unit *u)
{
    if (u && u->tu) {
        clang_disposeTranslationUnit(u->tu);
        u->tu = NULL;
    }
}

void fe_unit_free(fe_unit *u)
{
    if (!u)
        return;
    fe_unit_release_clang(u);
    fl_arena_free(u->arena);
    free(u->directory);
    for (uint32_t i = 0; i < u->ninputs; i++)
        free(u->inputs[i]);
    free(u->inputs);
    free(u);
}
