/* fe_unit.h - what a parsed translation unit holds (frontend only: parse.c makes it, the
 * converter reads it). */
#ifndef FL_FE_UNIT_H
#define FL_FE_UNIT_H

#include <clang-c/Index.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/srcmap.h"
#include "ast.h"
#include "parse.h"

struct fe_unit {
    CXTranslationUnit tu;
    fl_arena *arena;
    fl_srcmap *sm;
    char *directory;   /* the job's working directory, to resolve relative file names */
    CXFile main_cxfile;
    uint32_t main_file;
    ast_tu *ast;       /* NULL until fe_unit_ast */
    char **inputs;     /* every file the unit read, absolute (fe_unit_inputs) */
    uint32_t ninputs;
};

/* The two halves of fe_parse: libclang's parse alone (safe to run in several threads, each with
   its own index), then, in the thread that owns `sm` and `sink`, clang's errors reported and the
   unit made. argv/argc stand for the job's command line; `contents` for its file when not NULL. */
CXTranslationUnit fe_parse_clang(CXIndex cx, const fe_job *job, const char *const *argv, uint32_t argc,
                                 const char *contents, size_t len, enum CXErrorCode *ec);
fe_unit *fe_parse_finish(CXTranslationUnit tu, enum CXErrorCode ec, const fe_job *job, fl_srcmap *sm,
                         diag_sink *sink);

#endif
