/* filemap.c - the files libclang opened: CXFile to srcmap id and contents (see filemap.h). */
#include "filemap.h"

#include <stdlib.h>

#include "../base/xalloc.h"
#include "cdb.h"
#include "cxstr.h"

char *filemap_abs_path(CXFile f, const char *dir)
{
    char *p = cxstr_take(clang_File_tryGetRealPathName(f));
    if (*p)
        return p;
    free(p);
    char *name = cxstr_take(clang_getFileName(f));
    if (name[0] != '/' && dir && *dir) {
        char *joined = fl_xasprintf("%s/%s", dir, name);
        free(name);
        name = joined;
    }
    char *real = realpath(name, NULL);
    if (real) {
        /* realpath allocates with malloc; hand back an fl_x* string for uniform freeing. */
        char *out = fl_xstrdup(real);
        free(real);
        free(name);
        return out;
    }
    return name;
}

static uint32_t intern_file(fl_srcmap *sm, CXFile f, const char *dir)
{
    char *abs = filemap_abs_path(f, dir);
    char *disp = fe_display_path(abs);
    uint32_t id = fl_srcmap_intern(sm, disp);
    free(disp);
    free(abs);
    return id;
}

file_slot *filemap_slot(filemap *fm, CXFile f)
{
    if (fm->n && fm->slots[fm->last].file == f)
        return &fm->slots[fm->last];
    for (unsigned i = 0; i < fm->n; i++)
        if (fm->slots[i].file == f) {
            fm->last = i;
            return &fm->slots[i];
        }
    unsigned i;
    if (fm->n < FILEMAP_SLOTS)
        i = fm->n++;
    else {
        i = fm->next;
        fm->next = (fm->next + 1) % FILEMAP_SLOTS;
    }
    fm->slots[i] = (file_slot){f, intern_file(fm->sm, f, fm->dir), NULL, 0, false};
    fm->last = i;
    return &fm->slots[i];
}

const char *filemap_text(filemap *fm, file_slot *s, size_t *len)
{
    if (!s->have_text) {
        s->text = clang_getFileContents(fm->tu, s->file, &s->len);
        s->have_text = true;
    }
    *len = s->text ? s->len : 0;
    return s->text;
}

const char *filemap_text_of_id(filemap *fm, uint32_t id, size_t *len)
{
    for (unsigned i = 0; i < fm->n; i++)
        if (fm->slots[i].id == id)
            return filemap_text(fm, &fm->slots[i], len);
    return NULL;
}
