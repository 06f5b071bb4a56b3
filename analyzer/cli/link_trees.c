/* link_trees.c - the units of a build from fearless-cc's trees (see link_trees.h). */
#include "link_trees.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/vec.h"
#include "../base/xalloc.h"

#define TREE_EXT ".fltree"

typedef FL_VEC(char *) path_vec;

static bool is_tree(const char *name)
{
    size_t n = strlen(name), e = sizeof TREE_EXT - 1;
    return n > e && strcmp(name + n - e, TREE_EXT) == 0;
}

/* Every tree file under dir, folders on an explicit stack (no recursion); false when dir cannot
   be read. Symbolic links are not followed. */
static bool find_trees(const char *dir, path_vec *found)
{
    path_vec todo = {0};
    fl_vec_push(&todo, fl_xstrdup(dir));
    bool ok = true, first = true;
    while (todo.len) {
        char *d = todo.items[--todo.len];
        DIR *dp = opendir(d);
        if (!dp) {
            ok = ok && !first;
            free(d);
            first = false;
            continue;
        }
        first = false;
        struct dirent *e;
        while ((e = readdir(dp))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, ".fearless-cache"))
                continue;
            char *p = fl_xasprintf("%s/%s", d, e->d_name);
            struct stat sb;
            if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
                fl_vec_push(&todo, p);
            else if (S_ISREG(sb.st_mode) && is_tree(e->d_name))
                fl_vec_push(found, p);
            else
                free(p);
        }
        closedir(dp);
        free(d);
    }
    fl_vec_free(&todo);
    return ok;
}

static int by_unit(const void *a, const void *b)
{
    const fe_job *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c)
        return c;
    return strcmp(x->output ? x->output : "", y->output ? y->output : "");
}

int link_trees_jobs(const char *dir, sum_cache *c, fe_joblist *out, diag_sink *sink)
{
    memset(out, 0, sizeof *out);
    path_vec found = {0};
    if (!find_trees(dir, &found)) {
        char *shown = fe_display_path(dir);
        diag_sink_add(sink, diag_new(LVL_ERROR, NULL, NULL, "cannot read the folder `%s` (--link)", shown));
        free(shown);
        for (size_t i = 0; i < found.len; i++)
            free(found.items[i]);
        fl_vec_free(&found);
        return -1;
    }
    int status = 0;
    FL_VEC(fe_job) jobs = {0};
    for (size_t i = 0; i < found.len; i++) {
        tree_info info;
        char why[512];
        if (!cache_tree_file_info(c, found.items[i], &info, why, sizeof why)) {
            char *shown = fe_display_path(found.items[i]);
            diag *d = diag_new(LVL_ERROR, NULL, NULL, "cannot use `%s`: %s", shown, why);
            diag_help(d, "build again with fearless-cc, then link");
            diag_sink_add(sink, d);
            free(shown);
            free(found.items[i]);
            status = -1;
            continue;
        }
        fe_job j = {0};
        j.file = info.file;
        j.directory = info.directory;
        j.output = info.output;
        j.tree = found.items[i];
        fl_vec_push(&jobs, j);
    }
    fl_vec_free(&found);
    if (jobs.len > 1)
        qsort(jobs.items, jobs.len, sizeof *jobs.items, by_unit);
    if (!jobs.len && status == 0) {
        char *shown = fe_display_path(dir);
        diag_sink_add(sink, diag_new(LVL_ERROR, NULL, NULL,
                                     "no unit under `%s`: build it with fearless-cc as the compiler launcher "
                                     "(CMAKE_C_COMPILER_LAUNCHER=fearless-cc, or CC=\"fearless-cc cc\")",
                                     shown));
        free(shown);
        status = -1;
    }
    out->jobs = jobs.items;
    out->n = (uint32_t)jobs.len;
    return status;
}
