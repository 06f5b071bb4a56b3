/* config.c - configuration layers (defaults, .clang-tidy, .fearless, command line) resolved
 * per folder into a policy: which checks run, at which level, which warnings are errors.
 *
 * Every glob list is stored with `fearless-` prefixes removed, so that it matches check names
 * as the registry spells them; a layer adds its lists after the ones before it, and the last
 * matching glob wins.
 */
#include "config.h"

#include "../suggest/suggest.h"

#include "checksel.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/glob.h"
#include "../base/strbuf.h"
#include "../base/suggest.h"
#include "../base/vec.h"
#include "../base/xalloc.h"
#include "../checks/registry.h"
#include "../frontend/cdb.h"

#define PREFIX "fearless-"

typedef struct level_rule {
    char *glob;
    int level; /* LVL_ERROR, LVL_WARNING, CONFIG_OFF */
} level_rule;

/* One source of settings. */
typedef struct layer {
    fl_strbuf checks, wae; /* glob lists, prefixes removed */
    FL_VEC(level_rule) levels;
} layer;

typedef struct dir_entry {
    char *dir;
    config_policy policy;
} dir_entry;

struct config {
    fl_srcmap *sm;
    diag_sink *sink;
    layer cli;
    const layer *file; /* --config-file's layer (in `cache`): then the only file read */
    FL_VEC(dir_entry *) dirs; /* policies computed so far */
    FL_VEC(char *) loaded;    /* config files read, each reported once */
    FL_VEC(layer *) cache;    /* their layers, parallel to `loaded` */
};

/* ---- names ---- */

static const char *check_names[CONFIG_MAX_CHECKS + CONFIG_MAX_SUGGEST]; /* the checks, then --suggest's kinds */

static size_t ncheck_names(void)
{
    size_t n = check_count < CONFIG_MAX_CHECKS ? check_count : CONFIG_MAX_CHECKS;
    for (size_t i = 0; i < n; i++)
        check_names[i] = check_registry[i].name;
    for (unsigned k = 0; k < suggest_nkinds && n < sizeof check_names / sizeof *check_names; k++)
        check_names[n++] = suggest_kinds[k];
    return n;
}

static int check_index(const char *name)
{
    for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS; i++)
        if (strcmp(check_registry[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* A name or glob that names checks, `fearless-` removed, in a heap copy. */
static char *strip_prefix_dup(const char *s, size_t n)
{
    size_t pl = sizeof PREFIX - 1;
    if (n > pl && strncmp(s, PREFIX, pl) == 0)
        s += pl, n -= pl;
    return fl_xstrndup(s, n);
}

/* True if the glob matches some check. */
static bool names_a_check(const char *glob)
{
    for (unsigned i = 0; i < check_count; i++)
        if (fl_glob_match(glob, check_registry[i].name, (int)strlen(glob)))
            return true;
    return false;
}

/* "unknown check `x`; did you mean `y`?" (heap-owned), for a name that is no check. */
static char *unknown_check(const char *what, const char *name)
{
    char *code = checksel_code_hint(name);
    if (code) {
        char *m = fl_xasprintf("unknown check `%s` in %s%s", name, what, code);
        free(code);
        return m;
    }
    size_t n = ncheck_names();
    const char *best = fl_suggest(name, check_names, n);
    if (best)
        return fl_xasprintf("unknown check `%s` in %s; did you mean `%s`?", name, what, best);
    return fl_xasprintf("unknown check `%s` in %s (see --list-checks)", name, what);
}

/* Append a glob list to `out` with prefixes removed. Items without a `*` must name a check,
   else *err is set (heap) for the first that does not and false is returned. With
   `fearless_only` (.clang-tidy), items not naming a fearless check are dropped instead. */
static bool add_globs(fl_strbuf *out, const char *list, bool fearless_only, const char *what, char **err)
{
    const char *p = list, *b;
    size_t n;
    while (fl_list_next(&p, &b, &n)) {
        bool neg = *b == '-';
        if (neg)
            b++, n--;
        bool prefixed = n > sizeof PREFIX - 1 && strncmp(b, PREFIX, sizeof PREFIX - 1) == 0;
        char *name = strip_prefix_dup(b, n);
        bool glob = strchr(name, '*') != NULL;
        bool known = glob ? names_a_check(name) || prefixed || suggest_glob_names_kind(name, (int)strlen(name))
                          : check_index(name) >= 0 || suggest_is_kind(name);
        if (fearless_only && !(prefixed || (!glob && known))) {
            free(name);
            continue;
        }
        if (!known && !glob) {
            if (err)
                *err = unknown_check(what, name);
            free(name);
            return false;
        }
        fl_sb_printf(out, ",%s%s", neg ? "-" : "", name);
        free(name);
    }
    return true;
}

static int parse_level(const char *v)
{
    if (!strcmp(v, "error"))
        return LVL_ERROR;
    if (!strcmp(v, "warning"))
        return LVL_WARNING;
    if (!strcmp(v, "off"))
        return CONFIG_OFF;
    return -2;
}

/* `glob=level` (--level) or the parts of a `.fearless` line: adds the rule, or sets *err. */
static bool add_level(layer *l, const char *glob, const char *value, const char *what, char **err)
{
    int lv = parse_level(value);
    if (lv == -2) {
        *err = fl_xasprintf("invalid level `%s` in %s (expected error, warning or off)", value, what);
        return false;
    }
    char *g = strip_prefix_dup(glob, strlen(glob));
    if (strchr(g, '*') ? !names_a_check(g) : check_index(g) < 0) {
        *err = unknown_check(what, g);
        free(g);
        return false;
    }
    level_rule r = {g, lv};
    fl_vec_push(&l->levels, r);
    return true;
}

static void layer_free(layer *l)
{
    fl_sb_free(&l->checks);
    fl_sb_free(&l->wae);
    for (size_t i = 0; i < l->levels.len; i++)
        free(l->levels.items[i].glob);
    fl_vec_free(&l->levels);
}

/* ---- files ---- */

static char *read_file(const char *path, size_t *len)
{
    fl_strbuf sb = {0};
    if (!fl_sb_read_file(&sb, path)) {
        fl_sb_free(&sb);
        return NULL;
    }
    *len = sb.len;
    return fl_sb_take(&sb);
}

/* An input error located at line `line`, columns [b, e) of a configuration file. */
static void file_error(config *c, const char *path, size_t line_start, size_t b, size_t e, char *msg,
                       const char *help)
{
    char *shown = fe_display_path(path);
    uint32_t id = fl_srcmap_intern(c->sm, shown);
    free(shown);
    diag *d = diag_new(LVL_ERROR, NULL, NULL, "%s", msg);
    diag_primary(d, (fl_span){id, (uint32_t)(line_start + b), (uint32_t)(line_start + e)}, NULL);
    if (help)
        diag_help(d, "%s", help);
    diag_sink_add(c->sink, d);
    free(msg);
}

static const char *const fearless_keys[] = {"checks", "warnings-as-errors"};

/* Split "message; did you mean `x`?" into message and help, for located errors. */
static void located_error(config *c, const char *path, size_t ls, size_t b, size_t e, char *msg)
{
    char *dym = strstr(msg, "; did you mean");
    char *help = NULL;
    if (dym) {
        help = fl_xasprintf("%s", dym + 2);
        *dym = '\0';
    }
    file_error(c, path, ls, b, e, msg, help);
    free(help);
}

static void parse_fearless(config *c, const char *path, layer *l)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        diag_sink_add(c->sink, diag_new(LVL_ERROR, NULL, NULL, "cannot read configuration file `%s`", path));
        return;
    }
    size_t ls = 0;
    while (ls < len) {
        size_t le = ls;
        while (le < len && text[le] != '\n')
            le++;
        char *line = fl_xstrndup(text + ls, le - ls);
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        size_t b = 0, e = strlen(line);
        while (b < e && isspace((unsigned char)line[b]))
            b++;
        while (e > b && isspace((unsigned char)line[e - 1]))
            e--;
        line[e] = '\0';
        char *eq = strchr(line + b, '=');
        if (b < e && !eq) {
            file_error(c, path, ls, b, e, fl_xstrdup("expected `key = value` in `.fearless`"),
                       "keys are `checks`, `warnings-as-errors`, or a check name (or glob) set to error, warning or off");
        } else if (b < e) {
            size_t ke = (size_t)(eq - line);
            while (ke > b && isspace((unsigned char)line[ke - 1]))
                ke--;
            char *key = fl_xstrndup(line + b, ke - b);
            char *val = eq + 1;
            while (isspace((unsigned char)*val))
                val++;
            char *err = NULL;
            const char *what = "`.fearless`";
            if (!strcmp(key, "checks"))
                add_globs(&l->checks, val, false, what, &err);
            else if (!strcmp(key, "warnings-as-errors"))
                add_globs(&l->wae, val, false, what, &err);
            else if (!strchr(key, '*') && check_index(key + (strncmp(key, PREFIX, sizeof PREFIX - 1) ? 0 : sizeof PREFIX - 1)) < 0) {
                /* neither a key nor a check: suggest either */
                const char *cands[sizeof check_names / sizeof *check_names + 2];
                size_t n = ncheck_names();
                memcpy(cands, check_names, n * sizeof *cands);
                cands[n++] = fearless_keys[0];
                cands[n++] = fearless_keys[1];
                const char *best = fl_suggest(key, cands, n);
                err = best ? fl_xasprintf("unknown key `%s` in %s; did you mean `%s`?", key, what, best)
                           : fl_xasprintf("unknown key `%s` in %s", key, what);
            } else {
                add_level(l, key, val, what, &err);
            }
            if (err)
                located_error(c, path, ls, b, e, err);
            free(key);
        }
        free(line);
        ls = le + 1;
    }
    free(text);
}

/* The value of a top-level `Key:` of a .clang-tidy (YAML): a plain, quoted or block scalar, or
   a list of `- item` lines, as one comma-separated string; NULL when the key is absent. */
static char *yaml_value(const char *text, const char *key)
{
    size_t kl = strlen(key);
    const char *p = text;
    while (p && *p) {
        if (strncmp(p, key, kl) == 0 && p[kl] == ':') {
            const char *v = p + kl + 1;
            while (*v == ' ' || *v == '\t')
                v++;
            fl_strbuf sb = {0};
            if (*v == '\'' || *v == '"') {
                char q = *v++;
                while (*v && *v != q)
                    fl_sb_putc(&sb, *v == '\n' ? ',' : *v), v++;
            } else if (*v == '>' || *v == '|' || *v == '\n' || *v == '\r' || *v == '\0') {
                /* block scalar or list: the indented lines that follow */
                const char *l = strchr(v, '\n');
                while (l && (l[1] == ' ' || l[1] == '\t' || l[1] == '-')) {
                    const char *s = l + 1, *e = strchr(s, '\n');
                    if (!e)
                        e = s + strlen(s);
                    while (s < e && (*s == ' ' || *s == '\t'))
                        s++;
                    if (*s == '-' && s + 1 < e && s[1] == ' ')
                        s += 2; /* a list item */
                    fl_sb_putc(&sb, ',');
                    fl_sb_putn(&sb, s, (size_t)(e - s));
                    l = *e ? e : NULL;
                }
            } else {
                while (*v && *v != '\n' && *v != '#')
                    fl_sb_putc(&sb, *v++);
            }
            return fl_sb_take(&sb);
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return NULL;
}

static void parse_clang_tidy(config *c, const char *path, layer *l)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text)
        return; /* clang-tidy's file: not ours to complain about */
    (void)c;
    char *v = yaml_value(text, "Checks");
    if (v)
        add_globs(&l->checks, v, true, NULL, NULL);
    free(v);
    v = yaml_value(text, "WarningsAsErrors");
    if (v)
        add_globs(&l->wae, v, true, NULL, NULL);
    free(v);
    free(text);
}

static bool is_clang_tidy_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    return !strcmp(base, ".clang-tidy") || (n > 5 && !strcmp(base + n - 5, ".yaml")) ||
           (n > 4 && !strcmp(base + n - 4, ".yml"));
}

/* The layer of a configuration file, read once. */
static const layer *file_layer(config *c, const char *path)
{
    for (size_t i = 0; i < c->loaded.len; i++)
        if (!strcmp(c->loaded.items[i], path))
            return c->cache.items[i];
    layer *l = fl_xcalloc(1, sizeof *l);
    if (is_clang_tidy_name(path))
        parse_clang_tidy(c, path, l);
    else
        parse_fearless(c, path, l);
    fl_vec_push(&c->loaded, fl_xstrdup(path));
    fl_vec_push(&c->cache, l);
    return l;
}

/* The nearest `name` in dir or its parents, heap-owned, or NULL. */
static char *find_up(const char *dir, const char *name)
{
    char *d = fl_xstrdup(dir);
    for (;;) {
        char *cand = fl_xasprintf("%s/%s", strcmp(d, "/") ? d : "", name);
        struct stat st;
        if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
            free(d);
            return cand;
        }
        free(cand);
        char *slash = strrchr(d, '/');
        if (!slash || slash == d) {
            if (slash && d[1]) {
                d[1] = '\0';
                continue;
            }
            free(d);
            return NULL;
        }
        *slash = '\0';
    }
}

/* ---- policies ---- */

static void apply_layer(const layer *l, fl_strbuf *checks, fl_strbuf *wae, config_policy *p)
{
    fl_sb_puts(checks, fl_sb_str(&l->checks));
    fl_sb_puts(wae, fl_sb_str(&l->wae));
    for (size_t r = 0; r < l->levels.len; r++)
        for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS; i++)
            if (fl_glob_match(l->levels.items[r].glob, check_registry[i].name,
                              (int)strlen(l->levels.items[r].glob)))
                p->level[i] = l->levels.items[r].level;
}

static void compute_policy(config *c, const char *dir, config_policy *p)
{
    fl_strbuf checks = {0}, wae = {0};
    fl_sb_puts(&checks, "*");
    for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS; i++)
        p->level[i] = check_registry[i].level;
    if (c->file) {
        apply_layer(c->file, &checks, &wae, p);
    } else {
        char *ct = find_up(dir, ".clang-tidy"), *fl = find_up(dir, ".fearless");
        if (ct)
            apply_layer(file_layer(c, ct), &checks, &wae, p);
        if (fl)
            apply_layer(file_layer(c, fl), &checks, &wae, p);
        free(ct);
        free(fl);
    }
    apply_layer(&c->cli, &checks, &wae, p);
    for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS; i++) {
        const char *n = check_registry[i].name;
        p->run[i] = fl_glob_list_match(fl_sb_str(&checks), n) && p->level[i] != CONFIG_OFF;
        p->wae[i] = fl_glob_list_match(fl_sb_str(&wae), n);
    }
    for (unsigned k = 0; k < suggest_nkinds && k < CONFIG_MAX_SUGGEST; k++)
        p->suggest[k] = fl_glob_list_match(fl_sb_str(&checks), suggest_kinds[k]);
    fl_sb_free(&checks);
    fl_sb_free(&wae);
}

const config_policy *config_for_file(config *c, const char *path)
{
    char real[PATH_MAX];
    char *dir;
    struct stat st;
    if (realpath(path, real)) {
        if (stat(real, &st) == 0 && S_ISDIR(st.st_mode)) {
            dir = fl_xstrdup(real);
        } else {
            char *slash = strrchr(real, '/');
            dir = slash && slash != real ? fl_xstrndup(real, (size_t)(slash - real)) : fl_xstrdup("/");
        }
    } else {
        dir = getcwd(real, sizeof real) ? fl_xstrdup(real) : fl_xstrdup(".");
    }
    for (size_t i = 0; i < c->dirs.len; i++)
        if (!strcmp(c->dirs.items[i]->dir, dir)) {
            free(dir);
            return &c->dirs.items[i]->policy;
        }
    dir_entry *e = fl_xcalloc(1, sizeof *e);
    e->dir = dir;
    compute_policy(c, dir, &e->policy);
    fl_vec_push(&c->dirs, e);
    return &e->policy;
}

int config_level_of(void *ctx, const diag *d)
{
    config *c = ctx;
    int i = check_index(d->check);
    if (i < 0)
        return d->level;
    const diag_label *p = diag_primary_label(d);
    const char *path = p && fl_span_valid(p->span) ? fl_srcmap_path(c->sm, p->span.file) : ".";
    const config_policy *pol = config_for_file(c, path);
    int lv = pol->level[i];
    if (lv == CONFIG_OFF)
        return -1;
    if (d->level == LVL_NOTE || d->level == LVL_HELP)
        return d->level; /* --verbose explanations keep their level */
    if (d->level == LVL_WARNING) /* what the check ranks below its findings (an annotation it cannot read) */
        return pol->wae[i] ? LVL_ERROR : LVL_WARNING;
    return lv == LVL_WARNING && pol->wae[i] ? LVL_ERROR : lv;
}

/* ---- the run's configuration ---- */

config *config_new(const fl_options *o, fl_srcmap *sm, diag_sink *sink, char **err)
{
    config *c = fl_xcalloc(1, sizeof *c);
    c->sm = sm;
    c->sink = sink;
    *err = NULL;
    if ((o->checks && !add_globs(&c->cli.checks, o->checks, false, "--checks", err)) ||
        (o->warnings_as_errors &&
         !add_globs(&c->cli.wae, o->warnings_as_errors, false, "--warnings-as-errors", err)))
        goto fail;
    for (uint32_t i = 0; i < o->nlevels; i++) {
        const char *eq = strrchr(o->levels[i], '=');
        if (!eq) {
            *err = fl_xasprintf("--level=%s: expected <checks>=<error|warning|off>", o->levels[i]);
            goto fail;
        }
        char *glob = fl_xstrndup(o->levels[i], (size_t)(eq - o->levels[i]));
        bool ok = true;
        /* a comma list of globs sets each */
        for (char *save = NULL, *g = strtok_r(glob, ",", &save); g && ok; g = strtok_r(NULL, ",", &save))
            ok = add_level(&c->cli, g, eq + 1, "--level", err);
        free(glob);
        if (!ok)
            goto fail;
    }
    if (o->config_file) {
        if (access(o->config_file, R_OK) != 0) {
            *err = fl_xasprintf("cannot read --config-file `%s`", o->config_file);
            goto fail;
        }
        c->file = file_layer(c, o->config_file);
    }
    return c;
fail:
    config_free(c);
    return NULL;
}

void config_free(config *c)
{
    if (!c)
        return;
    layer_free(&c->cli);
    for (size_t i = 0; i < c->dirs.len; i++) {
        free(c->dirs.items[i]->dir);
        free(c->dirs.items[i]);
    }
    fl_vec_free(&c->dirs);
    for (size_t i = 0; i < c->loaded.len; i++) {
        free(c->loaded.items[i]);
        layer_free(c->cache.items[i]);
        free(c->cache.items[i]);
    }
    fl_vec_free(&c->loaded);
    fl_vec_free(&c->cache);
    free(c);
}
