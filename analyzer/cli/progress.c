/* progress.c - the progress line (see progress.h). */
#include "progress.h"

#include <string.h>
#include <unistd.h>

void progress_start(progress *p, FILE *out, bool on, uint32_t total)
{
    memset(p, 0, sizeof *p);
    p->total = total;
    if (on && total >= 2 && out && isatty(fileno(out)))
        p->out = out;
}

void progress_step(progress *p, const char *path)
{
    p->done++;
    if (p->done > p->total)
        p->total = p->done;
    if (!p->out)
        return;
    /* \r and "erase to the end of the line": the new line replaces the old one whatever its length */
    fprintf(p->out, "\r\033[K[%u/%u] %s", p->done, p->total, path);
    fflush(p->out);
    p->shown = true;
}

void progress_end(progress *p)
{
    if (p->out && p->shown) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
    }
    p->shown = false;
    p->out = NULL;
}
