/* strbuf.h - a growable, always NUL-terminated string on the heap. */
#ifndef FL_STRBUF_H
#define FL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct fl_strbuf {
    char *data; /* NUL-terminated once anything was appended; NULL before */
    size_t len, cap;
} fl_strbuf;

void fl_sb_putc(fl_strbuf *sb, char c);
void fl_sb_puts(fl_strbuf *sb, const char *s);
void fl_sb_putn(fl_strbuf *sb, const char *s, size_t n);
void fl_sb_printf(fl_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fl_sb_vprintf(fl_strbuf *sb, const char *fmt, va_list ap);
/* Append c n times. */
void fl_sb_repeat(fl_strbuf *sb, char c, size_t n);
/* Append the whole contents of the file at `path`; false (sb unchanged) if it cannot be read. */
int fl_sb_read_file(fl_strbuf *sb, const char *path);
/* The contents so far, never NULL ("" when empty), valid until the next append. */
const char *fl_sb_str(const fl_strbuf *sb);
/* Hand the heap string to the caller (never NULL) and reset sb. */
char *fl_sb_take(fl_strbuf *sb);
void fl_sb_clear(fl_strbuf *sb);
void fl_sb_free(fl_strbuf *sb);

#endif
