/* launcher.h - fearless-cc: the per-unit half of a run as a step of the build.
 *
 *   fearless-cc <compiler> <arguments>...
 *
 * As a compiler launcher (CMAKE_C_COMPILER_LAUNCHER=fearless-cc, CC="fearless-cc gcc" for Make,
 * Meson's CC the same way), it runs the compiler as given, its output and exit status passed
 * through unchanged; then, when that compiled one C source file to an object (`-c`), it parses
 * the unit with the compiler's own arguments and writes the unit's tree beside the object file
 * (`foo.o.fltree`, cli/cache.h). `fearless --link <build dir>` then analyzes the whole program
 * from those trees without parsing anything (cli/link_trees.h): the build's scheduler runs the
 * parses in parallel with the compiles, and any build that distributes compile actions
 * distributes them too.
 *
 * fearless's part never breaks the build: a unit libclang cannot parse, or a tree that cannot be
 * written, is one warning line on standard error (the unit is then missing from --link); with
 * FEARLESS_CC_STRICT=1 in the environment it fails the step instead (exit 1). What clang's driver
 * prints about the flags is dropped (the compiler already had its say). fearless-cc is the
 * fearless executable under another name (a link): main() dispatches on argv[0].
 */
#ifndef FL_LAUNCHER_H
#define FL_LAUNCHER_H

/* The launcher's whole run; the exit status for main. */
int launcher_main(int argc, char **argv);

#endif
