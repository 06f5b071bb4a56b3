/* utf8.c - reading UTF-8 strictly (see utf8.h). */
#include "utf8.h"

size_t fl_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    unsigned char c = (unsigned char)s[0];
    size_t need;
    uint32_t v;
    if (c >= 0xc2 && c <= 0xdf)
        need = 2, v = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        need = 3, v = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        need = 4, v = c & 0x07;
    else
        return 0;
    if (need > n)
        return 0;
    for (size_t k = 1; k < need; k++) {
        unsigned char b = (unsigned char)s[k];
        if ((b & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (b & 0x3f);
    }
    if ((need == 3 && v < 0x800) || (need == 4 && (v < 0x10000 || v > 0x10ffff)) ||
        (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return need;
}

bool fl_utf8_invisible(uint32_t cp)
{
    return (cp >= 0x80 && cp < 0xa0)           /* C1 controls (0x9b is a CSI on some terminals) */
           || (cp >= 0x200b && cp <= 0x200f)   /* zero-width characters and direction marks */
           || (cp >= 0x202a && cp <= 0x202e)   /* bidi embeddings/overrides ("trojan source") */
           || (cp >= 0x2066 && cp <= 0x2069)   /* bidi isolates */
           || cp == 0x2028 || cp == 0x2029 || cp == 0xfeff;
}
