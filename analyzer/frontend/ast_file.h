/* ast_file.h - a unit's tree (ast.h) as bytes and back, for the cache of trees (cli/cache.h).
 *
 * libclang's parse is nine tenths of a run; the tree fearless converts from it is all that the
 * rest of the analysis reads. Kept on disk, the tree of a unit whose command and files have not
 * changed is read back in a fraction of the parse's time, and the CFGs, facts, link and checks
 * are built from it as from a fresh one: a re-run on an unchanged build parses nothing, and after
 * one file is edited, only that unit is parsed.
 *
 * The tree is a graph (a call node points at its callee, a variable at its declaring node and its
 * type, a callee at its definition). The writer numbers each kind of object (types by their id,
 * callees, functions, variables and nodes in the order it first meets them, walking every body
 * with an explicit stack) and writes every reference as a number plus one (0: none); the reader
 * allocates each kind in one array and resolves the numbers, so that pointer identity (one
 * object per type, per callee, per variable) comes back as it was. Spans are written by file
 * path (base/bytes.h), so a tree read back interns its files in the run's source map.
 *
 * The caller frames the bytes (base/bytes.h: magic, version, string table, checksum) and may
 * write its own fields before the tree (the cache writes the stamp of the unit's inputs).
 */
#ifndef FL_AST_FILE_H
#define FL_AST_FILE_H

#include "../base/bytes.h"
#include "ast.h"

/* The format version of the tree. Any change to ast.h's structures or to this layout bumps it. */
#define AST_FILE_VERSION 5

/* Write the tree. False (and nothing usable written) when it holds something the format cannot
   say (two types with one id): such a unit is simply not kept. */
bool ast_file_put(fl_bw *w, const ast_tu *tu);

/* Read a tree written by ast_file_put into r's arena, which becomes the tree's (tu->arena; the
   strings of r's table are there too). NULL when the bytes are not a tree (the reason is r's
   failure); the arena is the caller's to free then. */
ast_tu *ast_file_get(fl_br *r);

#endif
