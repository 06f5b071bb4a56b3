/* cdb.h - what to parse: compile commands from compile_commands.json or the command line. */
#ifndef FL_CDB_H
#define FL_CDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../diag/sink.h"

/* One translation unit to parse. All strings are heap-owned by the job. */
typedef struct fe_job {
    char *file;      /* absolute, resolved (realpath) source path */
    char *directory; /* absolute working directory of the command */
    /* Full compiler command line: argv[0] is the compiler, the source file is included;
       -M* dependency options and `-o <out>` already removed; -working-directory added. */
    char **argv;
    uint32_t argc;
    char *output;    /* the object file the command writes (`-o`, absolute), or NULL */
    /* The database entry whose flags were borrowed because the file has none of its own
       (clang's interpolation: the nearest entry by folder), or NULL. */
    char *flags_from;
    /* The text of `file` when it is not on disk (the fuzz target's input: a libclang unsaved
       file), `contents_len` bytes, or NULL to read the file. Borrowed for the parse. */
    const char *contents;
    size_t contents_len;
    /* A tree file (cli/cache.h) that stands for the unit, made by fearless-cc when the unit was
       compiled: the unit is read from it, never parsed (`fearless --link`); else NULL. */
    char *tree;
} fe_job;

typedef struct fe_joblist {
    fe_job *jobs;
    uint32_t n;
    char *db_dir;      /* the folder holding the compile_commands.json read, or NULL */
    char **skipped;    /* files left out because they are not C (.S, .s, C++...): for --verbose */
    uint32_t nskipped;
} fe_joblist;

/* True if `path` names C source or a C header by its extension (.c, .h, .i). */
bool fe_is_c_source(const char *path);
/* True if `path` names another language's source by its extension (assembly, C++, Objective-C,
   CUDA, Fortran...): a file named on the command line is skipped then, while one with an
   extension nobody knows (`.txt`) goes to clang, whose error says what to do. */
bool fe_is_other_language(const char *path);

/* Jobs from the compile_commands.json in `build_dir` (searched in it, then its parents, as
   clang-tidy does). With files (nfiles > 0), only their entries, in the order given; a file
   without an entry gets the flags of the nearest C entry (same folder, then the closest parent
   folder; flags_from says which). With none, every entry, in database order, each file once.
   Entries and files that are not C are skipped (listed in out->skipped).
   extra_before/extra_after are inserted after argv[0] / appended.
   Returns 0, or -1 after adding an input error to `sink`; the jobs of the files that could be
   read are in *out either way, so that one bad file does not stop the others. */
int fe_jobs_from_cdb(const char *build_dir, char **files, uint32_t nfiles,
                     char **extra_before, uint32_t nbefore, char **extra_after, uint32_t nafter,
                     fe_joblist *out, diag_sink *sink);

/* Jobs for files named on the command line. With compile_args (the part after `--`, possibly a
   whole compiler command as CMake passes it: a leading compiler path, -c, -o and the source
   file itself are dropped), use them; without, look for compile_commands.json from each file's
   directory upwards and use its entry (or the nearest entry's flags, as fe_jobs_from_cdb),
   else no flags. Files that are not C are skipped. Returns 0 or -1 (input error added); the
   jobs of the good files are in *out either way. */
int fe_jobs_from_files(char **files, uint32_t nfiles, char **compile_args, int ncompile_args,
                       bool have_compile_args,
                       char **extra_before, uint32_t nbefore, char **extra_after, uint32_t nafter,
                       fe_joblist *out, diag_sink *sink);

/* Clean a compiler command line in place for parsing (exposed for tests): drops -M, -MD, -MMD,
   -MF x, -MT x, -MQ x, -MP, -o x, and -c; returns the new argc. Strings dropped are freed. */
uint32_t fe_clean_args(char **argv, uint32_t argc);

void fe_joblist_free(fe_joblist *l);

/* True for the compiler options whose value may be the next argument (`-I dir`, `-x c`,
   `-o out`, `-include x.h`...): the argument after one is not an input file. */
bool fe_arg_takes_value(const char *a);

/* The job's command line without its source file (argv[0] included), in a new array with room
   for two more entries; the strings are the job's. Units whose commands differ only in their
   file get the same words from clang's driver about their flags. */
const char **fe_job_flags(const fe_job *job, uint32_t *n);

/* The path to display for an absolute path: relative to the current directory when below it. */
char *fe_display_path(const char *abs);

#endif
