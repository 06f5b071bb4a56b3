/* srcmap.c - source file table with lazily loaded contents and line index. */
#include "srcmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"
#include "xalloc.h"

typedef struct srcfile {
    char *path;
    char *text; /* NULL until loaded */
    size_t len;
    int loaded, unreadable;
    FL_VEC(uint32_t) lines; /* offsets of line starts */
} srcfile;

struct fl_srcmap {
    FL_VEC(srcfile) files;
};

fl_srcmap *fl_srcmap_new(void)
{
    return fl_xcalloc(1, sizeof(fl_srcmap));
}

void fl_srcmap_free(fl_srcmap *sm)
{
    if (!sm)
        return;
    for (size_t i = 0; i < sm->files.len; i++) {
        free(sm->files.items[i].path);
        free(sm->files.items[i].text);
        fl_vec_free(&sm->files.items[i].lines);
    }
    fl_vec_free(&sm->files);
    free(sm);
}

uint32_t fl_srcmap_intern(fl_srcmap *sm, const char *path)
{
    /* Few distinct files carry spans (diagnostics only), so a linear scan from the end is enough. */
    for (size_t i = sm->files.len; i-- > 0;)
        if (strcmp(sm->files.items[i].path, path) == 0)
            return (uint32_t)i;
    srcfile f = {0};
    f.path = fl_xstrdup(path);
    fl_vec_push(&sm->files, f);
    return (uint32_t)(sm->files.len - 1);
}

const char *fl_srcmap_path(const fl_srcmap *sm, uint32_t file)
{
    if (file >= sm->files.len)
        return "<unknown>";
    return sm->files.items[file].path;
}

static void index_lines(srcfile *f)
{
    f->lines.len = 0;
    fl_vec_push(&f->lines, 0);
    for (size_t i = 0; i < f->len; i++)
        if (f->text[i] == '\n' && i + 1 < f->len)
            fl_vec_push(&f->lines, (uint32_t)(i + 1));
}

void fl_srcmap_set_contents(fl_srcmap *sm, uint32_t file, const char *text, size_t len)
{
    if (file >= sm->files.len)
        fl_bug("srcmap: file id %u out of range", file);
    srcfile *f = &sm->files.items[file];
    free(f->text);
    f->text = fl_xstrndup(text, len);
    f->len = len;
    f->loaded = 1;
    f->unreadable = 0;
    index_lines(f);
}

static srcfile *load(fl_srcmap *sm, uint32_t file)
{
    if (file >= sm->files.len)
        return NULL;
    srcfile *f = &sm->files.items[file];
    if (!f->loaded) {
        f->loaded = 1;
        FILE *fp = fopen(f->path, "rb");
        if (!fp) {
            f->unreadable = 1;
            return NULL;
        }
        size_t cap = 4096, len = 0;
        char *buf = fl_xmalloc(cap);
        size_t n;
        while ((n = fread(buf + len, 1, cap - len, fp)) > 0) {
            len += n;
            if (len == cap)
                buf = fl_xrealloc(buf, cap *= 2);
        }
        fclose(fp);
        f->text = buf;
        f->len = len;
        index_lines(f);
    }
    return f->unreadable ? NULL : f;
}

int fl_srcmap_line_col(fl_srcmap *sm, uint32_t file, uint32_t offset, uint32_t *line, uint32_t *col)
{
    srcfile *f = load(sm, file);
    if (!f)
        return 0;
    if (offset > f->len)
        offset = (uint32_t)f->len;
    size_t lo = 0, hi = f->lines.len; /* find last line start <= offset */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (f->lines.items[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    *line = (uint32_t)lo + 1;
    *col = offset - f->lines.items[lo] + 1;
    return 1;
}

const char *fl_srcmap_line(fl_srcmap *sm, uint32_t file, uint32_t line, size_t *len)
{
    srcfile *f = load(sm, file);
    if (!f || line == 0 || line > f->lines.len)
        return NULL;
    uint32_t start = f->lines.items[line - 1];
    size_t end = line < f->lines.len ? f->lines.items[line] : f->len;
    while (end > start && (f->text[end - 1] == '\n' || f->text[end - 1] == '\r'))
        end--;
    *len = end - start;
    return f->text + start;
}

const char *fl_srcmap_text(fl_srcmap *sm, uint32_t file, size_t *len)
{
    srcfile *f = load(sm, file);
    *len = f ? f->len : 0;
    return f ? f->text : NULL;
}

uint32_t fl_srcmap_count(const fl_srcmap *sm) { return (uint32_t)sm->files.len; }

uint32_t fl_srcmap_nlines(fl_srcmap *sm, uint32_t file)
{
    srcfile *f = load(sm, file);
    return f ? (uint32_t)f->lines.len : 0;
}

uint32_t fl_srcmap_line_start(fl_srcmap *sm, uint32_t file, uint32_t line)
{
    srcfile *f = load(sm, file);
    if (!f || line == 0 || line > f->lines.len)
        return 0;
    return f->lines.items[line - 1];
}
