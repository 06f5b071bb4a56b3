/* escape.c - names printed byte-exact (see escape.h). */
#include "escape.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

/* The bytes of the character at s[i] that show as themselves (printable ASCII, visible UTF-8),
   or 0 when s[i] must be escaped. */
static size_t shown_len(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80)
        return c >= 0x20 && c != 0x7f ? 1 : 0;
    uint32_t cp;
    size_t k = fl_utf8_decode(s + i, n - i, &cp);
    return k && !fl_utf8_invisible(cp) ? k : 0;
}

bool fl_escape_needed(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = shown_len(s, n, i);
        if (!k)
            return true;
        i += k;
    }
    return false;
}

void fl_escape_append(fl_strbuf *sb, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = shown_len(s, n, i);
        if (c == '\\' || c == '"') {
            fl_sb_putc(sb, '\\');
            fl_sb_putc(sb, (char)c);
            i++;
        } else if (k) {
            fl_sb_putn(sb, s + i, k);
            i += k;
        } else {
            /* an invisible character: each of its bytes (a lone bad byte is one) */
            uint32_t cp;
            size_t m = c >= 0x80 ? fl_utf8_decode(s + i, n - i, &cp) : 0;
            for (size_t b = 0; b < (m ? m : 1); b++, i++) {
                unsigned char x = (unsigned char)s[i];
                if (x == '\t')
                    fl_sb_puts(sb, "\\t");
                else if (x == '\n')
                    fl_sb_puts(sb, "\\n");
                else if (x == '\r')
                    fl_sb_puts(sb, "\\r");
                else
                    fl_sb_printf(sb, "\\x%02x", x);
            }
        }
    }
}

void fl_escape_name(fl_strbuf *sb, const char *s)
{
    size_t n = strlen(s);
    if (!fl_escape_needed(s, n) && !memchr(s, '"', n)) {
        fl_sb_putn(sb, s, n);
        return;
    }
    fl_sb_putc(sb, '"');
    fl_escape_append(sb, s, n);
    fl_sb_putc(sb, '"');
}

char *fl_escape_dup(const char *s)
{
    size_t n = strlen(s);
    if (!fl_escape_needed(s, n))
        return fl_xstrdup(s);
    fl_strbuf sb = {0};
    fl_escape_append(&sb, s, n);
    return fl_sb_take(&sb);
}
