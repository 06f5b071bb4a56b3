/* utf8.h - reading UTF-8 strictly: what is a character, and what a terminal would not show. */
#ifndef FL_UTF8_H
#define FL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The length of the valid multi-byte UTF-8 sequence at s (n bytes left, s[0] >= 0x80), its
   code point in *cp; 0 when the bytes are not one (overlong, surrogate, past U+10FFFF, cut). */
size_t fl_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Characters a terminal does not show as themselves: C1 controls, zero-width characters and
   direction marks, bidirectional embeddings, overrides and isolates, line and paragraph
   separators, the byte order mark. Text with them can disguise itself ("trojan source"). */
bool fl_utf8_invisible(uint32_t cp);

#endif
