/* arena.c - bump allocator over a chain of chunks. */
#include "arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "poll.h"
#include "xalloc.h"

enum { ARENA_CHUNK = 64 * 1024, ARENA_ALIGN = 16 };

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} chunk;

struct fl_arena {
    chunk *head;
    size_t total;
};

/* Bytes of all the chunks of all live arenas: the analysis memory the budget limits. */
static size_t live_bytes;

size_t fl_arena_live_bytes(void)
{
    return live_bytes;
}

fl_arena *fl_arena_new(void)
{
    return fl_xcalloc(1, sizeof(fl_arena));
}

void fl_arena_free(fl_arena *a)
{
    if (!a)
        return;
    for (chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        live_bytes -= sizeof(chunk) + c->size;
        free(c);
    }
    free(a);
}

void fl_arena_clear(fl_arena *a)
{
    chunk *keep = NULL;
    for (chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        if (!keep && c->size == ARENA_CHUNK) {
            keep = c;
            continue;
        }
        live_bytes -= sizeof(chunk) + c->size;
        free(c);
    }
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
    }
    a->head = keep;
    a->total = 0;
}

void *fl_arena_alloc(fl_arena *a, size_t n)
{
    n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
        fl_poll_now(); /* before anything changes: the handler may not return */
        chunk *fresh = fl_xmalloc(sizeof(chunk) + size);
        live_bytes += sizeof(chunk) + size;
        fresh->size = size;
        fresh->used = 0;
        if (c && size != ARENA_CHUNK) {
            /* A big block goes behind the current chunk so its free tail stays usable. */
            fresh->next = c->next;
            c->next = fresh;
        } else {
            fresh->next = c;
            a->head = fresh;
        }
        c = fresh;
    }
    void *p = c->data + c->used;
    c->used += n;
    a->total += n;
    return p;
}

void *fl_arena_zalloc(fl_arena *a, size_t n)
{
    void *p = fl_arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *fl_arena_strndup(fl_arena *a, const char *s, size_t n)
{
    char *p = fl_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *fl_arena_strdup(fl_arena *a, const char *s)
{
    return s ? fl_arena_strndup(a, s, strlen(s)) : NULL;
}

void *fl_arena_memdup(fl_arena *a, const void *p, size_t n)
{
    void *q = fl_arena_alloc(a, n);
    if (n)
        memcpy(q, p, n);
    return q;
}

char *fl_arena_concat(fl_arena *a, const char *x, const char *y)
{
    x = x ? x : "(null)"; /* as printf's %s prints it */
    y = y ? y : "(null)";
    size_t nx = strlen(x), ny = strlen(y);
    char *p = fl_arena_alloc(a, nx + ny + 1);
    memcpy(p, x, nx);
    memcpy(p + nx, y, ny + 1);
    return p;
}

char *fl_arena_sprintf(fl_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    /* printed straight into the current chunk's free tail when it fits: formatted once */
    chunk *c = a->head;
    size_t room = c ? c->size - c->used : 0;
    int n = vsnprintf(room ? (char *)c->data + c->used : NULL, room, fmt, ap);
    va_end(ap);
    if (n < 0)
        fl_bug("vsnprintf failed for format \"%s\"", fmt);
    size_t need = ((size_t)n + 1 + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    bool printed = need <= room;    /* then the allocation is those very bytes */
    char *p = fl_arena_alloc(a, (size_t)n + 1);
    if (!printed)
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

size_t fl_arena_used(const fl_arena *a)
{
    return a->total;
}
