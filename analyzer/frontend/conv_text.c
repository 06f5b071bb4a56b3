/* conv_text.c - reading the source text where libclang's cursors do not tell: the spelling of
 * a literal written in a macro, where an operator is, which part of a `for` header a child is.
 *
 * Each reader is a short scan near one location (a token, a header), never a parse. */
#include "conv.h"

#include <string.h>

/* Length of the literal token at t[off..len): a number or a (prefixed) character/string
   literal. Used only for literals spelled inside macro definitions, whose extent is the macro
   use. */
size_t conv_text_literal_len(const char *t, size_t len, size_t off)
{
    size_t i = off;
    while (i < len && conv_is_ident_char(t[i]))
        i++; /* digits, or a prefix like L / u8 */
    if (i < len && (t[i] == '"' || t[i] == '\'')) {
        char q = t[i++];
        while (i < len && t[i] != q && t[i] != '\n') {
            if (t[i] == '\\' && i + 1 < len)
                i++;
            i++;
        }
        return (i < len ? i + 1 : i) - off;
    }
    /* pp-number: digits, letters, '.', and signs after an exponent letter */
    i = off;
    while (i < len) {
        char ch = t[i];
        if (conv_is_ident_char(ch) || ch == '.')
            i++;
        else if ((ch == '+' || ch == '-') && i > off &&
                 (t[i - 1] == 'e' || t[i - 1] == 'E' || t[i - 1] == 'p' || t[i - 1] == 'P'))
            i++;
        else
            break;
    }
    return i - off;
}

static void skip_space_comments(const char *t, size_t len, size_t *pi)
{
    size_t i = *pi;
    while (i < len) {
        if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r' || t[i] == '\f' || t[i] == '\v')
            i++;
        else if (t[i] == '\\' && i + 1 < len && t[i + 1] == '\n')
            i += 2;
        else if (t[i] == '/' && i + 1 < len && t[i + 1] == '*') {
            i += 2;
            while (i + 1 < len && !(t[i] == '*' && t[i + 1] == '/'))
                i++;
            i += 2;
        } else if (t[i] == '/' && i + 1 < len && t[i + 1] == '/') {
            while (i < len && t[i] != '\n')
                i++;
        } else
            break;
    }
    *pi = i;
}

/* libclang locates operator expressions at their beginning; point `loc` at the operator that
   follows the first operand instead (binary and conditional operators, postfix ++/--). */
void conv_text_op_loc(conv *cv, ast_node *n)
{
    ast_node *k = n->nkids ? n->kids[0] : NULL;
    if (!k || (n->flags & AST_F_IN_MACRO) || k->span.file != n->span.file || !fl_span_valid(k->span))
        return;
    size_t len;
    const char *t = filemap_text_of_id(&cv->fm, n->span.file, &len);
    if (!t || k->span.end > len)
        return;
    size_t i = k->span.end;
    skip_space_comments(t, len, &i);
    if (i < n->span.end)
        n->loc = (uint32_t)i;
}

/* Find the two top-level ';' and the closing ')' of the for header whose `for` keyword is at
   `pos`: out[0], out[1], out[2]. False if the text there does not look like one. */
static bool scan_for_header(const char *t, size_t len, size_t pos, size_t out[3])
{
    if (!t || pos + 3 > len || memcmp(t + pos, "for", 3) != 0)
        return false;
    size_t i = pos + 3;
    skip_space_comments(t, len, &i);
    if (i >= len || t[i] != '(')
        return false;
    i++;
    int depth = 0, nsemi = 0;
    while (i < len) {
        skip_space_comments(t, len, &i);
        if (i >= len)
            break;
        char ch = t[i];
        if (ch == '"' || ch == '\'') {
            i++;
            while (i < len && t[i] != ch && t[i] != '\n') {
                if (t[i] == '\\')
                    i++;
                i++;
            }
        } else if (ch == '(' || ch == '[' || ch == '{')
            depth++;
        else if (ch == ')' || ch == ']' || ch == '}') {
            if (depth == 0) {
                if (ch != ')' || nsemi != 2)
                    return false;
                out[2] = i;
                return true;
            }
            depth--;
        } else if (ch == ';' && depth == 0) {
            if (nsemi == 2)
                return false;
            out[nsemi++] = i;
        }
        i++;
    }
    return false;
}

/* The file and offset of a location: its expansion, or its spelling for a for loop written in
   a macro definition. */
static bool loc_in_file(CXSourceLocation l, bool spelling, CXFile *f, unsigned *off)
{
    *f = NULL;
    if (spelling)
        clang_getSpellingLocation(l, f, NULL, NULL, off);
    else
        clang_getExpansionLocation(l, f, NULL, NULL, off);
    return *f != NULL;
}

/* Which of init (0), cond (1), inc (2) each of the h header children kids[0..h) of the for
   statement c is, from the positions of the header's ';' tokens. False when the positions
   cannot tell. The statement's location is its beginning (the `for` keyword), so its extent,
   whose end clang finds by walking down the body, is not asked for. */
bool conv_text_for_slots(conv *cv, CXCursor c, const CXCursor *kids, size_t h, int *slot)
{
    CXSourceLocation l = clang_getCursorLocation(c);
    bool spelling = (l.int_data & RAW_MACRO_BIT) != 0;
    CXFile ff;
    unsigned fo;
    if (!loc_in_file(l, spelling, &ff, &fo))
        return false;
    size_t len;
    const char *t = filemap_text(&cv->fm, filemap_slot(&cv->fm, ff), &len);
    size_t hdr[3];
    if (!scan_for_header(t, len, fo, hdr))
        return false;
    int prev = -1;
    for (size_t i = 0; i < h; i++) {
        CXFile kf;
        unsigned ko;
        if (!loc_in_file(clang_getRangeStart(clang_getCursorExtent(kids[i])), spelling, &kf, &ko) ||
            !clang_File_isEqual(kf, ff) || ko <= fo || ko >= hdr[2])
            return false;
        int s = ko < hdr[0] ? 0 : ko < hdr[1] ? 1 : 2;
        if (s <= prev)
            return false;
        slot[i] = prev = s;
    }
    return true;
}
