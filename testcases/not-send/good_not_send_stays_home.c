// The NOT_SEND cache stays on its thread; the worker gets only plain settings it owns.
#include <pthread.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct NOT_SEND glyph_cache {
    int nglyphs;
};

struct settings {
    int dpi;
    int hinting;
};

static void *rasterize(void *arg)
{
    free(arg);
    return NULL;
}

int start_rasterizer(struct glyph_cache *cache, pthread_t *t)
{
    struct settings *s = malloc(sizeof *s);
    if (!s)
        return -1;
    s->dpi = cache->nglyphs > 100 ? 144 : 96;
    s->hinting = 1;
    return pthread_create(t, NULL, rasterize, fl_move(s));
}
