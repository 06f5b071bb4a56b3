/* render_sarif.c - SARIF 2.1.0: one log, one run, a rule per check, a result per finding.
 *
 * For GitHub code scanning, the VS Code SARIF viewer and CodeChecker. A finding becomes a
 * result: the primary span is its location, secondary spans and located notes are
 * relatedLocations with their labels, notes and help are appended to the message text, and
 * the stable identity (diag.id) is its partialFingerprint. URIs are relative to the current
 * folder, declared as the SRCROOT base in originalUriBaseIds. Diagnostics without a check
 * (input errors, problems of suppressions) are the invocation's toolExecutionNotifications.
 * Columns count Unicode code points (run.columnKind), as the spec prefers for UTF-8 sources.
 */
#include "render.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/strbuf.h"
#include "render_util.h"

/* GitHub code scanning's limit of results per run. */
#define SARIF_MAX_RESULTS 25000
#define FINGERPRINT_KEY "fearless/v1"

static void key(fl_strbuf *sb, const char *k)
{
    render_json_str(sb, k);
    fl_sb_putc(sb, ':');
}

static void text_object(fl_strbuf *sb, const char *k, const char *text)
{
    key(sb, k);
    fl_sb_puts(sb, "{\"text\":");
    render_json_str(sb, text ? text : "");
    fl_sb_putc(sb, '}');
}

/* A URI reference for a path: RFC 3986 unreserved characters and `/` kept, the rest escaped. */
static void uri_path(fl_strbuf *sb, const char *path)
{
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            fl_sb_putc(sb, (char)*p);
        else
            fl_sb_printf(sb, "%%%02X", *p);
    }
}

static void artifact_location(fl_strbuf *sb, const char *path)
{
    fl_strbuf u = {0};
    if (path[0] == '/') {
        fl_sb_puts(&u, "file://");
        uri_path(&u, path);
    } else {
        uri_path(&u, path);
    }
    fl_sb_puts(sb, "\"artifactLocation\":{\"uri\":");
    render_json_str(sb, fl_sb_str(&u));
    if (path[0] != '/')
        fl_sb_puts(sb, ",\"uriBaseId\":\"SRCROOT\"");
    fl_sb_putc(sb, '}');
    fl_sb_free(&u);
}

/* 1-based line and code-point column of a byte offset; false if the file cannot be read. */
static bool cp_line_col(fl_srcmap *sm, uint32_t file, uint32_t off, uint32_t *line, uint32_t *col)
{
    uint32_t bcol;
    if (!fl_srcmap_line_col(sm, file, off, line, &bcol))
        return false;
    size_t len;
    const char *text = fl_srcmap_line(sm, file, *line, &len);
    uint32_t c = 1;
    for (uint32_t i = 0; text && i + 1 < bcol && i < len; i++)
        c += ((unsigned char)text[i] & 0xc0) != 0x80;
    if (text && bcol > len + 1)
        c += bcol - 1 - (uint32_t)len; /* past the end of the line (the newline) */
    *col = c;
    return true;
}

static void physical_location(fl_strbuf *sb, fl_srcmap *sm, fl_span sp)
{
    fl_sb_puts(sb, "\"physicalLocation\":{");
    artifact_location(sb, fl_srcmap_path(sm, sp.file));
    uint32_t l0, c0, l1, c1;
    if (cp_line_col(sm, sp.file, sp.begin, &l0, &c0) && cp_line_col(sm, sp.file, sp.end, &l1, &c1)) {
        if (l1 == l0 && c1 <= c0)
            c1 = c0 + 1; /* an empty span still covers a character */
        fl_sb_printf(sb, ",\"region\":{\"startLine\":%u,\"startColumn\":%u,\"endLine\":%u,\"endColumn\":%u}",
                     l0, c0, l1, c1);
    }
    fl_sb_putc(sb, '}');
}

/* Each help with a suggested edit as a fix: the span replaced (empty for an insertion) and
   the text put there. */
static void fixes(fl_strbuf *sb, fl_srcmap *sm, const diag *d)
{
    bool any = false;
    for (uint32_t i = 0; i < d->nchildren; i++) {
        const diag_child *ch = &d->children[i];
        uint32_t l0, c0, l1, c1;
        if (!ch->replacement || !fl_span_valid(ch->span) || !cp_line_col(sm, ch->span.file, ch->span.begin, &l0, &c0) ||
            !cp_line_col(sm, ch->span.file, ch->span.end, &l1, &c1))
            continue;
        fl_sb_puts(sb, any ? ",{" : ",\"fixes\":[{");
        any = true;
        text_object(sb, "description", ch->message);
        fl_sb_puts(sb, ",\"artifactChanges\":[{");
        artifact_location(sb, fl_srcmap_path(sm, ch->span.file));
        fl_sb_printf(sb, ",\"replacements\":[{\"deletedRegion\":{\"startLine\":%u,\"startColumn\":%u,\"endLine\":%u,"
                         "\"endColumn\":%u},",
                     l0, c0, l1, c1);
        text_object(sb, "insertedContent", ch->replacement);
        fl_sb_puts(sb, "}]}]}");
    }
    if (any)
        fl_sb_putc(sb, ']');
}

static const char *sarif_level(diag_level l)
{
    return l == LVL_ERROR ? "error" : l == LVL_WARNING ? "warning" : "note";
}

/* The message, then each note and help on a line of its own. */
static char *full_message(const diag *d)
{
    fl_strbuf sb = {0};
    fl_sb_puts(&sb, d->message ? d->message : "");
    for (uint32_t i = 0; i < d->nchildren; i++)
        fl_sb_printf(&sb, "\n%s: %s", diag_level_name(d->children[i].level),
                     d->children[i].message ? d->children[i].message : "");
    return fl_sb_take(&sb);
}

static int rule_index(const sarif_rule *rules, size_t nrules, const char *check)
{
    for (size_t i = 0; i < nrules; i++)
        if (!strcmp(rules[i].id, check))
            return (int)i;
    return -1;
}

static void result(fl_strbuf *sb, fl_srcmap *sm, const diag *d, int ri)
{
    fl_sb_puts(sb, "{");
    key(sb, "ruleId");
    render_json_str(sb, d->check);
    if (ri >= 0)
        fl_sb_printf(sb, ",\"ruleIndex\":%d", ri);
    fl_sb_printf(sb, ",\"level\":\"%s\",", sarif_level(d->level));
    char *msg = full_message(d);
    text_object(sb, "message", msg);
    free(msg);
    const diag_label *p = diag_primary_label(d);
    fl_sb_puts(sb, ",\"locations\":[");
    if (p && fl_span_valid(p->span)) {
        fl_sb_putc(sb, '{');
        physical_location(sb, sm, p->span);
        fl_sb_putc(sb, '}');
    }
    fl_sb_puts(sb, "],\"relatedLocations\":[");
    unsigned id = 0;
    for (uint32_t i = 0; i < d->nlabels; i++) {
        const diag_label *l = &d->labels[i];
        if (l->primary || !fl_span_valid(l->span))
            continue;
        fl_sb_printf(sb, "%s{\"id\":%u,", id ? "," : "", id);
        id++;
        physical_location(sb, sm, l->span);
        if (l->text) {
            fl_sb_putc(sb, ',');
            text_object(sb, "message", l->text);
        }
        fl_sb_putc(sb, '}');
    }
    for (uint32_t i = 0; i < d->nchildren; i++) {
        const diag_child *ch = &d->children[i];
        if (!fl_span_valid(ch->span) || ch->replacement) /* a suggested edit: under "fixes" */
            continue;
        fl_sb_printf(sb, "%s{\"id\":%u,", id ? "," : "", id);
        id++;
        physical_location(sb, sm, ch->span);
        fl_sb_putc(sb, ',');
        text_object(sb, "message", ch->message);
        fl_sb_putc(sb, '}');
    }
    fl_sb_putc(sb, ']');
    fixes(sb, sm, d);
    if (d->id) {
        fl_sb_puts(sb, ",\"partialFingerprints\":{");
        key(sb, FINGERPRINT_KEY);
        render_json_str(sb, d->id);
        fl_sb_putc(sb, '}');
    }
    fl_sb_putc(sb, '}');
}

static void notification(fl_strbuf *sb, fl_srcmap *sm, const diag *d, bool first)
{
    fl_sb_printf(sb, "%s{\"level\":\"%s\",", first ? "" : ",", sarif_level(d->level));
    char *msg = full_message(d);
    text_object(sb, "message", msg);
    free(msg);
    const diag_label *p = diag_primary_label(d);
    if (p && fl_span_valid(p->span)) {
        fl_sb_puts(sb, ",\"locations\":[{");
        physical_location(sb, sm, p->span);
        fl_sb_puts(sb, "}]");
    }
    fl_sb_putc(sb, '}');
}

/* The first paragraph after the page's title: the rule's full description. */
static char *first_paragraph(const char *page)
{
    fl_strbuf sb = {0};
    const char *p = page;
    if (p && *p == '#')
        p = strchr(p, '\n');
    while (p && (*p == '\n' || *p == '\r'))
        p++;
    while (p && *p && *p != '\n') {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (sb.len)
            fl_sb_putc(&sb, ' ');
        fl_sb_putn(&sb, p, n);
        p = e ? e + 1 : NULL;
    }
    return fl_sb_take(&sb);
}

/* "thread-borrow" -> "ThreadBorrow": SARIF's rule name is an identifier. */
static void pascal_name(fl_strbuf *sb, const char *id)
{
    bool up = true;
    for (const char *p = id; *p; p++) {
        if (*p == '-') {
            up = true;
            continue;
        }
        fl_sb_putc(sb, up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
        up = false;
    }
}

static void rule(fl_strbuf *sb, const sarif_rule *r, bool first)
{
    fl_sb_puts(sb, first ? "{" : ",{");
    key(sb, "id");
    render_json_str(sb, r->id);
    fl_sb_puts(sb, ",\"name\":\"");
    pascal_name(sb, r->id);
    fl_sb_puts(sb, "\",");
    text_object(sb, "shortDescription", r->summary);
    char *full = first_paragraph(r->help);
    fl_sb_putc(sb, ',');
    text_object(sb, "fullDescription", *full ? full : r->summary);
    free(full);
    fl_sb_puts(sb, ",\"help\":{\"text\":");
    render_json_str(sb, r->help ? r->help : r->summary);
    fl_sb_puts(sb, ",\"markdown\":");
    render_json_str(sb, r->help ? r->help : r->summary);
    fl_sb_printf(sb, "},\"defaultConfiguration\":{\"level\":\"%s\"}", sarif_level((diag_level)r->level));
    fl_sb_puts(sb, ",\"properties\":{\"tags\":[\"concurrency\",\"thread-safety\"],\"code\":");
    render_json_str(sb, r->code);
    fl_sb_puts(sb, "}}");
}

void render_sarif(diag_sink *s, FILE *out, const sarif_rule *rules, size_t nrules, const char *version)
{
    fl_srcmap *sm = diag_sink_srcmap(s);
    fl_strbuf sb = {0};
    fl_sb_puts(&sb, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
                    "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"fearless\",\"version\":");
    render_json_str(&sb, version);
    fl_sb_puts(&sb, ",\"semanticVersion\":");
    render_json_str(&sb, version);
    fl_sb_puts(&sb, ",\"rules\":[");
    for (size_t i = 0; i < nrules; i++)
        rule(&sb, &rules[i], i == 0);
    fl_sb_puts(&sb, "]}},");

    char cwd[PATH_MAX];
    fl_sb_puts(&sb, "\"originalUriBaseIds\":{\"SRCROOT\":{\"uri\":");
    fl_strbuf root = {0};
    fl_sb_puts(&root, "file://");
    uri_path(&root, getcwd(cwd, sizeof cwd) ? cwd : "/");
    if (root.data[root.len - 1] != '/')
        fl_sb_putc(&root, '/');
    render_json_str(&sb, fl_sb_str(&root));
    fl_sb_free(&root);
    fl_sb_puts(&sb, "}},\"columnKind\":\"unicodeCodePoints\",\"results\":[");

    size_t nres = 0, dropped = 0;
    for (size_t i = 0; i < diag_sink_count(s); i++) {
        const diag *d = diag_sink_get(s, i);
        if (!d->check)
            continue;
        if (nres == SARIF_MAX_RESULTS) {
            dropped++;
            continue;
        }
        if (nres++)
            fl_sb_putc(&sb, ',');
        result(&sb, sm, d, rule_index(rules, nrules, d->check));
        fputs(fl_sb_str(&sb), out);
        fl_sb_clear(&sb);
    }
    fl_sb_printf(&sb, "],\"invocations\":[{\"executionSuccessful\":%s,\"toolExecutionNotifications\":[",
                 diag_sink_has_input_errors(s) ? "false" : "true");
    bool first = true;
    for (size_t i = 0; i < diag_sink_count(s); i++) {
        const diag *d = diag_sink_get(s, i);
        if (d->check)
            continue;
        notification(&sb, sm, d, first);
        first = false;
    }
    if (dropped)
        fl_sb_printf(&sb, "%s{\"level\":\"warning\",\"message\":{\"text\":\"%zu more results were left out "
                          "(at most %d per run)\"}}", first ? "" : ",", dropped, SARIF_MAX_RESULTS);
    fl_sb_puts(&sb, "]}]}]}\n");
    fputs(fl_sb_str(&sb), out);
    fl_sb_free(&sb);
}
