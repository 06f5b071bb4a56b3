/* progress.h - `[12/201] lib/foo.c` on stderr while the units of a run are parsed.
 *
 * Shown only when stderr is a terminal, without --quiet, and for runs of two units or more
 * (a single file under CMAKE_C_CLANG_TIDY or an editor prints nothing). One line, rewritten in
 * place for each unit and cleared when the parsing is over, so that the report (on stdout, or
 * stderr's own messages) never lands behind a progress line.
 */
#ifndef FL_PROGRESS_H
#define FL_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct progress {
    FILE *out;      /* NULL: off */
    uint32_t done, total;
    bool shown;     /* a line is on the terminal */
} progress;

/* Start counting `total` units on `out` (stderr), if `on` and `out` is a terminal. */
void progress_start(progress *p, FILE *out, bool on, uint32_t total);
/* One more unit, `path` about to be parsed; the total grows if more come than announced. */
void progress_step(progress *p, const char *path);
/* Clear the line. */
void progress_end(progress *p);

#endif
