/* registry.c - the table of checks. */
#include "registry.h"

#include <string.h>

#include "../diag/diag.h"

const check_info check_registry[] = {
#define CHECK(ident, name, code, level, needs, summary) {name, code, level, needs, summary, check_##ident},
#include "checks.def"
#undef CHECK
};

const unsigned check_count = sizeof check_registry / sizeof check_registry[0];

const check_info *check_find(const char *key)
{
    for (unsigned i = 0; i < check_count; i++)
        if (strcmp(check_registry[i].name, key) == 0 || strcmp(check_registry[i].code, key) == 0)
            return &check_registry[i];
    return NULL;
}

/* Generated at build time from docs/checks/ (see CMakeLists.txt). */
extern const char *const fl_explain_names[];
extern const char *const fl_explain_texts[];
extern const unsigned fl_explain_count;

const char *check_explain_text(const check_info *c)
{
    for (unsigned i = 0; i < fl_explain_count; i++)
        if (strcmp(fl_explain_names[i], c->name) == 0)
            return fl_explain_texts[i];
    return NULL;
}
