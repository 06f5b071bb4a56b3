/* baseline.c - reading and writing baselines of finding identities. */
#include "baseline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/vec.h"
#include "../base/xalloc.h"
#include "../diag/render.h"

#define ID_LEN 16

struct baseline {
    FL_VEC(char *) ids; /* sorted, for bsearch */
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_id(const char *p)
{
    for (int i = 0; i < ID_LEN; i++)
        if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
            return false;
    return p[ID_LEN] == '"';
}

/* Every `"<key>":"<16 hex>"` in text. */
static void collect(baseline *b, const char *text, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = strstr(text, key); p; p = strstr(p + kl, key)) {
        const char *v = p + kl;
        while (*v == ' ')
            v++;
        if (*v == ':') {
            v++;
            while (*v == ' ')
                v++;
            if (*v == '"' && strlen(v + 1) > ID_LEN && is_id(v + 1))
                fl_vec_push(&b->ids, fl_xstrndup(v + 1, ID_LEN));
        }
    }
}

baseline *baseline_load(const char *path, char **err)
{
    fl_strbuf sb = {0};
    if (!fl_sb_read_file(&sb, path)) {
        fl_sb_free(&sb);
        *err = fl_xasprintf("cannot read the baseline `%s` (write one with --write-baseline)", path);
        return NULL;
    }
    baseline *b = fl_xcalloc(1, sizeof *b);
    collect(b, fl_sb_str(&sb), "\"id\"");
    collect(b, fl_sb_str(&sb), "\"fearless/v1\"");
    fl_sb_free(&sb);
    if (b->ids.len)
        qsort(b->ids.items, b->ids.len, sizeof *b->ids.items, cmp_str);
    return b;
}

void baseline_free(baseline *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->ids.len; i++)
        free(b->ids.items[i]);
    fl_vec_free(&b->ids);
    free(b);
}

bool baseline_keep(void *ctx, const diag *d)
{
    const baseline *b = ctx;
    if (!d->id || !b->ids.len)
        return true;
    const char *key = d->id;
    return bsearch(&key, b->ids.items, b->ids.len, sizeof *b->ids.items, cmp_str) == NULL;
}

long baseline_write(const char *path, const diag_sink *s)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fl_srcmap *sm = diag_sink_srcmap(s);
    fl_strbuf sb = {0};
    fl_sb_puts(&sb, "{\"version\":1,\"tool\":\"fearless\",\"findings\":[");
    long n = 0;
    for (size_t i = 0; i < diag_sink_count(s); i++) {
        const diag *d = diag_sink_get(s, i);
        const diag_label *p = diag_primary_label(d);
        if (!d->id || !p || !fl_span_valid(p->span))
            continue;
        fl_sb_puts(&sb, n++ ? ",\n{\"id\":" : "\n{\"id\":");
        render_json_str(&sb, d->id);
        fl_sb_puts(&sb, ",\"check\":");
        render_json_str(&sb, d->check);
        fl_sb_puts(&sb, ",\"file\":");
        render_json_str(&sb, fl_srcmap_path(sm, p->span.file));
        fl_sb_puts(&sb, ",\"function\":");
        render_json_str(&sb, diag_sink_function_at(s, p->span));
        fl_sb_puts(&sb, ",\"message\":");
        render_json_str(&sb, d->message);
        fl_sb_putc(&sb, '}');
    }
    fl_sb_puts(&sb, "]}\n");
    fputs(fl_sb_str(&sb), f);
    fl_sb_free(&sb);
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0 || bad)
        return -1;
    return n;
}
