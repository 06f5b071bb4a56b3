/* strbuf.c - growable strings. */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void grow(fl_strbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap * 2 : 64;
    while (cap < need)
        cap *= 2;
    sb->data = fl_xrealloc(sb->data, cap);
    sb->cap = cap;
}

void fl_sb_putn(fl_strbuf *sb, const char *s, size_t n)
{
    grow(sb, n);
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void fl_sb_putc(fl_strbuf *sb, char c)
{
    fl_sb_putn(sb, &c, 1);
}

void fl_sb_puts(fl_strbuf *sb, const char *s)
{
    fl_sb_putn(sb, s, strlen(s));
}

void fl_sb_repeat(fl_strbuf *sb, char c, size_t n)
{
    grow(sb, n);
    memset(sb->data + sb->len, c, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void fl_sb_vprintf(fl_strbuf *sb, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0)
        fl_bug("vsnprintf failed for format \"%s\"", fmt);
    grow(sb, (size_t)n);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    sb->len += (size_t)n;
}

void fl_sb_printf(fl_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fl_sb_vprintf(sb, fmt, ap);
    va_end(ap);
}

const char *fl_sb_str(const fl_strbuf *sb)
{
    return sb->data ? sb->data : "";
}

char *fl_sb_take(fl_strbuf *sb)
{
    char *s = sb->data ? sb->data : fl_xstrdup("");
    sb->data = NULL;
    sb->len = sb->cap = 0;
    return s;
}

void fl_sb_clear(fl_strbuf *sb)
{
    sb->len = 0;
    if (sb->data)
        sb->data[0] = '\0';
}

void fl_sb_free(fl_strbuf *sb)
{
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

int fl_sb_read_file(fl_strbuf *sb, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        fl_sb_putn(sb, buf, n);
    int ok = !ferror(f);
    fclose(f);
    return ok;
}
