/* escape.h - names printed byte-exact: a file name with a tab, a newline or a byte that is not
 * UTF-8 must neither break the line it is printed on nor come out as some other name.
 *
 * A name is printed as itself when every byte shows as itself on a terminal (ASCII printable
 * characters and visible UTF-8); otherwise between double quotes with C escapes, \t \n \r \\ \"
 * and \xHH for any other byte that would not show as itself, so that the bytes can be read
 * back exactly. */
#ifndef FL_ESCAPE_H
#define FL_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* True when s[0..n) holds a control character (tab, newline...), DEL, a byte that is not part
   of valid UTF-8, or an invisible or bidirectional Unicode character (utf8.h). */
bool fl_escape_needed(const char *s, size_t n);

/* Append s[0..n) with \t \n \r \\ \" and \xHH (for every other byte fl_escape_needed minds,
   each byte of an invisible character too); printable ASCII and visible UTF-8 as they are. */
void fl_escape_append(fl_strbuf *sb, const char *s, size_t n);

/* Append the name s: itself when nothing needs escaping and it holds no `"`, else `"` +
   fl_escape_append + `"`. */
void fl_escape_name(fl_strbuf *sb, const char *s);

/* The text to put between the quotes of a message ("cannot read '%s'"): s itself when nothing
   needs escaping, else fl_escape_append's form. Heap string, caller frees. */
char *fl_escape_dup(const char *s);

#endif
