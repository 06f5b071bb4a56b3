/* edits.c - the source edits proposals carry (see edits.h). */
#include "edits.h"

#include <stdio.h>
#include <string.h>

#include "../base/srcmap.h"
#include "../base/strmap.h"

/* The offset where `#include "fearless.h"` goes: the start of the line after the file's last
   #include, else the start of the file; SIZE_MAX when the file already includes it. */
static size_t include_at(const char *text, size_t len)
{
    size_t at = 0;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && text[e] != '\n')
            e++;
        size_t j = i;
        while (j < e && (text[j] == ' ' || text[j] == '\t'))
            j++;
        if (e - j >= 8 && text[j] == '#') {
            size_t k = j + 1;
            while (k < e && (text[k] == ' ' || text[k] == '\t'))
                k++;
            if (e - k >= 7 && !strncmp(text + k, "include", 7)) {
                for (size_t m = k; m + 10 <= e; m++)
                    if (!strncmp(text + m, "fearless.h", 10))
                        return SIZE_MAX;
                at = e < len ? e + 1 : e;
            }
        }
        i = e + 1;
    }
    return at;
}

void sg_include_edit(diag *g, uint32_t file, const char *text, size_t len, fl_u32_vec *included)
{
    bool seen = false;
    for (size_t i = 0; i < included->len && !seen; i++)
        seen = included->items[i] == file;
    size_t at = include_at(text, len);
    if (at != SIZE_MAX && !seen) {
        fl_vec_push(included, file);
        diag_help_replace(g, (fl_span){file, (uint32_t)at, (uint32_t)at}, "#include \"fearless.h\"\n",
                          "and include the annotations: `#include \"fearless.h\"`");
    }
}


/* The offset where an annotation goes before a function's definition: its first token, when it
   begins a line; else SIZE_MAX. */
static size_t definition_start(const char *text, size_t len, fl_span sp)
{
    if (!text || sp.begin >= len)
        return SIZE_MAX;
    size_t i = sp.begin;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
        i--;
    return i == 0 || text[i - 1] == '\n' ? sp.begin : SIZE_MAX;
}

bool sg_writable(const char *expr)
{
    if (!expr || !*expr)
        return false;
    for (const char *c = expr; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_' ||
              *c == '.' || *c == '*' || *c == '&' || (*c == '-' && c[1] == '>') || (*c == '>' && c > expr && c[-1] == '-')))
            return false;
    return true;
}

void sg_contract_edit(diag *g, const ast_func *fn, const char *contract, diag_sink *sink, fl_u32_vec *included)
{
    fl_srcmap *sm = diag_sink_srcmap(sink);
    size_t len = 0;
    const char *text = fl_srcmap_text(sm, fn->span.file, &len);
    size_t at = definition_start(text, len, fn->span);
    if (at == SIZE_MAX) {
        diag_help(g, "annotate its declaration with %s", contract);
        return;
    }
    char repl[512];
    snprintf(repl, sizeof repl, "FL_%s ", contract);
    diag_help_replace(g, (fl_span){fn->span.file, (uint32_t)at, (uint32_t)at}, repl, "annotate its definition: `%s`",
                      repl);
    sg_include_edit(g, fn->span.file, text, len, included);
}

/* The first time fn is met in the run: a function a header defines is in every unit that
   includes it, and is proposed once. */
bool sg_first_time(fl_strmap *seen, fl_arena *A, const ast_func *fn)
{
    char key[64];
    snprintf(key, sizeof key, "%u:%u", fn->name_span.file, fn->name_span.begin);
    uint32_t ignored;
    if (fl_strmap_get(seen, key, &ignored))
        return false;
    fl_strmap_put(seen, fl_arena_strdup(A, key), 1);
    return true;
}
