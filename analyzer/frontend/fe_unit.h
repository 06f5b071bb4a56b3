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

#endif
