/* cdb_json.h - checking a compile_commands.json before libclang reads it.
 *
 * libclang reads compilation databases with LLVM's YAML parser, which takes a truncated array,
 * trailing junk or YAML for a database (of fewer entries, or none) and says so only on stderr,
 * if at all. A malformed database must be an error naming where it is malformed, so the file is
 * checked here first: strict JSON (RFC 8259), an array of objects, each with "directory",
 * "file", and "command" or "arguments", as strings (arguments: an array of strings). */
#ifndef FL_CDB_JSON_H
#define FL_CDB_JSON_H

#include <stddef.h>

typedef struct cdb_json_error {
    size_t offset;  /* byte offset of the problem in the text */
    char what[160]; /* what is wrong there, e.g. "expected ',' or ']' after an array element" */
} cdb_json_error;

/* 0 when text[0..len) is a well-formed compilation database; else -1 with *err set. */
int cdb_json_check(const char *text, size_t len, cdb_json_error *err);

#endif
