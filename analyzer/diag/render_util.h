/* render_util.h - private helpers shared by the renderers (defined in render_human.c). */
#ifndef FL_RENDER_UTIL_H
#define FL_RENDER_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/strbuf.h"

/* The printable form of one unit of untrusted text (source lines, messages, labels; file names
   are escaped byte-exact instead: base/escape.h). */
typedef struct render_unit {
    char text[16];
    uint8_t len;   /* bytes in text */
    bool one_cell; /* text is one multi-byte character taking one column; else one column per byte */
} render_unit;

/* Decode the unit starting at s[i] (s holds n bytes, i < n) into *u and return the bytes it
   consumed (>= 1). Tabs become 4 spaces (as rustc), control characters, invalid UTF-8 bytes and
   invisible/bidirectional format characters become ASCII escapes (`\x1b`, `\u{202e}`) so that
   source text can never drive the terminal or disguise itself. */
size_t render_unit_at(const char *s, size_t n, size_t i, render_unit *u);

/* Append the printable form of s[0..n) to sb. */
void render_sanitize(fl_strbuf *sb, const char *s, size_t n);

#endif
