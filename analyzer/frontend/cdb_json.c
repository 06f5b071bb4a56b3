/* cdb_json.c - checking a compile_commands.json before libclang reads it (see cdb_json.h).
 *
 * A validating JSON reader without recursion (containers are frames on a heap stack, however
 * deep a hostile file nests them) that knows where in a compilation database it is: the
 * top-level array, an entry object, the value of a known key, the "arguments" array. */
#include "cdb_json.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../base/vec.h"

/* What a value must be, where it is. */
typedef enum jrole {
    R_ANY,    /* anywhere else: any JSON value */
    R_DB,     /* the whole file: an array of entries */
    R_ENTRY,  /* an element of the database: an object */
    R_STRING, /* "directory", "file", "command", "output", an element of "arguments" */
    R_ARGS,   /* "arguments": an array of strings */
} jrole;

/* The keys of an entry that have a required type. */
typedef enum jkey { K_DIRECTORY, K_FILE, K_COMMAND, K_ARGUMENTS, K_OUTPUT, K_OTHER } jkey;

static const char *const key_names[] = {"directory", "file", "command", "arguments", "output"};

/* An open container and what it expects next. */
typedef enum jstate {
    S_ARRAY_FIRST, /* after `[`: a value or `]` */
    S_ARRAY_NEXT,  /* after `,`: a value */
    S_ARRAY_AFTER, /* after a value: `,` or `]` */
    S_OBJECT_FIRST, /* after `{`: a key or `}` */
    S_OBJECT_NEXT,  /* after `,`: a key */
    S_OBJECT_COLON, /* after a key: `:` */
    S_OBJECT_VALUE, /* after `:`: a value */
    S_OBJECT_AFTER, /* after a value: `,` or `}` */
} jstate;

typedef struct jframe {
    uint8_t role;   /* jrole of the container */
    uint8_t state;  /* jstate */
    uint8_t key;    /* objects: the jkey of the value being read */
    uint8_t seen;   /* entries: the keys met, one bit per jkey */
    size_t start;   /* offset of its `[` or `{` */
} jframe;

typedef struct jparser {
    const char *t;
    size_t n, i;
    cdb_json_error *err;
    FL_VEC(jframe) stack;
} jparser;

static int fail(jparser *p, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(jparser *p, size_t at, const char *fmt, ...)
{
    p->err->offset = at;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->what, sizeof p->err->what, fmt, ap);
    va_end(ap);
    return -1;
}

static void skip_ws(jparser *p)
{
    while (p->i < p->n && (p->t[p->i] == ' ' || p->t[p->i] == '\t' || p->t[p->i] == '\n' || p->t[p->i] == '\r'))
        p->i++;
}

static bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* The string at p->i (a `"`): its contents are t[*b, *e). */
static int read_string(jparser *p, size_t *b, size_t *e)
{
    size_t start = p->i++;
    *b = p->i;
    while (p->i < p->n) {
        unsigned char c = (unsigned char)p->t[p->i];
        if (c == '"') {
            *e = p->i++;
            return 0;
        }
        if (c < 0x20)
            return fail(p, p->i, "control character in a string (a newline is written \\n)");
        if (c == '\\') {
            char x = p->i + 1 < p->n ? p->t[p->i + 1] : '\0';
            if (x == 'u') {
                for (size_t k = 2; k < 6; k++)
                    if (p->i + k >= p->n || !is_hex(p->t[p->i + k]))
                        return fail(p, p->i, "invalid \\u escape: four hexadecimal digits must follow");
                p->i += 6;
                continue;
            }
            if (!x || !strchr("\"\\/bfnrt", x))
                return fail(p, p->i, "invalid escape in a string");
            p->i += 2;
            continue;
        }
        p->i++;
    }
    return fail(p, start, "unterminated string");
}

/* A number at p->i: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int read_number(jparser *p)
{
    size_t start = p->i;
    if (p->t[p->i] == '-')
        p->i++;
    if (p->i < p->n && p->t[p->i] == '0')
        p->i++;
    else if (p->i < p->n && is_digit(p->t[p->i]))
        while (p->i < p->n && is_digit(p->t[p->i]))
            p->i++;
    else
        return fail(p, start, "invalid number");
    if (p->i < p->n && p->t[p->i] == '.') {
        p->i++;
        if (p->i >= p->n || !is_digit(p->t[p->i]))
            return fail(p, start, "invalid number");
        while (p->i < p->n && is_digit(p->t[p->i]))
            p->i++;
    }
    if (p->i < p->n && (p->t[p->i] == 'e' || p->t[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->t[p->i] == '+' || p->t[p->i] == '-'))
            p->i++;
        if (p->i >= p->n || !is_digit(p->t[p->i]))
            return fail(p, start, "invalid number");
        while (p->i < p->n && is_digit(p->t[p->i]))
            p->i++;
    }
    return 0;
}

/* The name of the key whose value is being read in the innermost object, for messages. */
static const char *current_key(const jparser *p)
{
    const jframe *f = &p->stack.items[p->stack.len - 1];
    return f->key < K_OTHER ? key_names[f->key] : "?";
}

/* A value of role r at p->i: 1 when it opened a container (now on the stack), 0 when it was
   read whole, -1 on error. */
static int value(jparser *p, jrole r)
{
    if (p->i >= p->n)
        return fail(p, p->i, "unexpected end of the file: a value is missing (is the file truncated?)");
    char c = p->t[p->i];
    if (r == R_DB && c != '[')
        return fail(p, p->i, "a compilation database is a JSON array of compile commands");
    if (r == R_ENTRY && c != '{')
        return fail(p, p->i, "expected a compile command: an object with \"directory\", \"file\" and "
                             "\"command\" or \"arguments\"");
    if (r == R_STRING && c != '"') {
        if (p->stack.len && p->stack.items[p->stack.len - 1].role == R_ARGS)
            return fail(p, p->i, "\"arguments\" must be an array of strings");
        return fail(p, p->i, "\"%s\" must be a string", current_key(p));
    }
    if (r == R_ARGS && c != '[')
        return fail(p, p->i, "\"arguments\" must be an array of strings");
    if (c == '[' || c == '{') {
        jframe f = {(uint8_t)r, c == '[' ? S_ARRAY_FIRST : S_OBJECT_FIRST, K_OTHER, 0, p->i};
        fl_vec_push(&p->stack, f);
        p->i++;
        return 1;
    }
    size_t b, e;
    if (c == '"')
        return read_string(p, &b, &e);
    if (c == '-' || is_digit(c))
        return read_number(p);
    static const char *const words[] = {"true", "false", "null"};
    for (size_t k = 0; k < 3; k++) {
        size_t len = strlen(words[k]);
        if (p->n - p->i >= len && !memcmp(p->t + p->i, words[k], len)) {
            p->i += len;
            return 0;
        }
    }
    return fail(p, p->i, "expected a value (a string, a number, an object, an array, true, false "
                         "or null)");
}

/* The role of the elements of an array, or of the values of an object (with key k). */
static jrole inner_role(const jframe *f)
{
    switch ((jrole)f->role) {
    case R_DB: return R_ENTRY;
    case R_ARGS: return R_STRING;
    case R_ENTRY:
        return f->key == K_ARGUMENTS ? R_ARGS : f->key < K_OTHER ? R_STRING : R_ANY;
    default: return R_ANY;
    }
}

/* The container on top is complete: an entry must have its keys. */
static int close_container(jparser *p)
{
    jframe f = p->stack.items[--p->stack.len];
    p->i++;
    if (f.role != R_ENTRY)
        return 0;
    if (!(f.seen & (1u << K_DIRECTORY)))
        return fail(p, f.start, "compile command without \"directory\"");
    if (!(f.seen & (1u << K_FILE)))
        return fail(p, f.start, "compile command without \"file\"");
    if (!(f.seen & ((1u << K_COMMAND) | (1u << K_ARGUMENTS))))
        return fail(p, f.start, "compile command without \"command\" or \"arguments\"");
    return 0;
}

/* A value just ended: its container expects what follows one. */
static void value_done(jparser *p)
{
    if (!p->stack.len)
        return;
    jframe *f = &p->stack.items[p->stack.len - 1];
    if (f->state == S_OBJECT_VALUE) {
        if (f->key < K_OTHER)
            f->seen |= (uint8_t)(1u << f->key);
        f->state = S_OBJECT_AFTER;
    } else {
        f->state = S_ARRAY_AFTER;
    }
}

/* The container on top is closed (its closing bracket at p->i), and is a value of its parent. */
static int close_and_done(jparser *p)
{
    int r = close_container(p);
    if (!r)
        value_done(p);
    return r;
}

/* A value inside the container on top. */
static int inner_value(jparser *p, const jframe *f)
{
    int r = value(p, inner_role(f));
    if (r == 0)
        value_done(p);
    return r < 0 ? -1 : 0;
}

/* After an element or a member: `,` goes on to `next`, `close` ends the container. */
static int after_value(jparser *p, jframe *f, char close, jstate next, const char *what)
{
    if (p->i < p->n && p->t[p->i] == ',') {
        f->state = (uint8_t)next;
        p->i++;
        return 0;
    }
    if (p->i < p->n && p->t[p->i] == close)
        return close_and_done(p);
    if (p->i >= p->n)
        return fail(p, p->i, "unexpected end of the file: the %s opened at byte %zu is not closed "
                             "(is the file truncated?)", close == ']' ? "array" : "object", f->start + 1);
    return fail(p, p->i, "expected ',' or '%c' after %s", close, what);
}

static int step(jparser *p)
{
    jframe *f = &p->stack.items[p->stack.len - 1];
    char c = p->i < p->n ? p->t[p->i] : '\0';
    bool end = p->i >= p->n;
    switch ((jstate)f->state) {
    case S_ARRAY_FIRST:
        if (c == ']')
            return close_and_done(p);
        /* fall through */
    case S_ARRAY_NEXT:
        return inner_value(p, f);
    case S_ARRAY_AFTER:
        return after_value(p, f, ']', S_ARRAY_NEXT, "an array element");
    case S_OBJECT_FIRST:
        if (c == '}')
            return close_and_done(p);
        /* fall through */
    case S_OBJECT_NEXT: {
        if (end)
            return fail(p, p->i, "unexpected end of the file: a key is missing (is the file truncated?)");
        if (c != '"')
            return fail(p, p->i, "expected a key (a string in double quotes)");
        size_t b, e;
        if (read_string(p, &b, &e))
            return -1;
        f->key = K_OTHER;
        if (f->role == R_ENTRY)
            for (unsigned k = 0; k < K_OTHER; k++)
                if (strlen(key_names[k]) == e - b && !memcmp(p->t + b, key_names[k], e - b))
                    f->key = (uint8_t)k;
        f->state = S_OBJECT_COLON;
        return 0;
    }
    case S_OBJECT_COLON:
        if (c != ':')
            return fail(p, p->i, end ? "unexpected end of the file: ':' is missing (is the file truncated?)"
                                     : "expected ':' after a key");
        f->state = S_OBJECT_VALUE;
        p->i++;
        return 0;
    case S_OBJECT_VALUE:
        return inner_value(p, f);
    case S_OBJECT_AFTER:
        return after_value(p, f, '}', S_OBJECT_NEXT, "a member of an object");
    }
    return 0;
}

int cdb_json_check(const char *text, size_t len, cdb_json_error *err)
{
    jparser p = {text, len, 0, err, {0}};
    int rc = 0;
    skip_ws(&p);
    /* a UTF-8 byte order mark is not JSON, but editors write one */
    if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) && p.i == 0) {
        p.i = 3;
        skip_ws(&p);
    }
    if (value(&p, R_DB) < 0)
        rc = -1;
    while (rc == 0 && p.stack.len) {
        skip_ws(&p);
        rc = step(&p);
    }
    if (rc == 0) {
        skip_ws(&p);
        if (p.i < p.n)
            rc = fail(&p, p.i, "trailing characters after the array of compile commands");
    }
    fl_vec_free(&p.stack);
    return rc;
}
