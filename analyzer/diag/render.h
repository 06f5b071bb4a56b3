/* render.h - turning the finished sink into text: the only code that prints diagnostics. */
#ifndef FL_RENDER_H
#define FL_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../base/srcmap.h"
#include "../base/strbuf.h"
#include "sink.h"

/* rustc's layout: header, `-->` location, snippet with gutter, ^^^/--- labels, = note/help;
   then the closing summary line ("error: 3 errors in 2 files") when anything was reported. */
void render_human(diag_sink *s, FILE *out, bool color);
/* One diagnostic in the human layout, without summary; caller frees. */
char *render_human_one(const diag *d, fl_srcmap *sm, bool color);
/* clang-tidy's lines: `path:line:col: error: message [check]`, then a `note:` line per secondary
   span and per located note. */
void render_short(diag_sink *s, FILE *out);
/* One JSON object per diagnostic per line, with every field and the rendered human text. */
void render_json(diag_sink *s, FILE *out);

/* Append a JSON string to sb, or null for NULL. Invalid UTF-8 bytes become \u00XX (the Latin-1
   reading of the byte) so that the output is always valid JSON. For every JSON writer. */
void render_json_str(fl_strbuf *sb, const char *s);

/* What SARIF says about a check (a rule); strings borrowed. */
typedef struct sarif_rule {
    const char *id;      /* the check's name */
    const char *code;    /* its error code */
    const char *summary; /* one line: shortDescription */
    const char *help;    /* its docs page (markdown), or NULL: help, and fullDescription from
                            its first paragraph */
    int level;           /* default diag_level */
} sarif_rule;

/* A SARIF 2.1.0 log with one run: `rules` (every check, in registry order) and a result per
   finding; diagnostics without a check become tool execution notifications. */
void render_sarif(diag_sink *s, FILE *out, const sarif_rule *rules, size_t nrules, const char *version);

#endif
