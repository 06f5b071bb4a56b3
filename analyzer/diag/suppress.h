/* suppress.h - suppressions: findings the user silenced in the source.
 *
 * Decided from a finding's primary location and the source text, after every unit was analyzed,
 * so that checks never need to know about them. Understood:
 *   // NOLINT                     this line, every check (clang-tidy's comment)
 *   // NOLINT(data-race,...)      this line, the listed checks (globs; `fearless-data-race` too)
 *   // NOLINTNEXTLINE(...)        the next line
 *   // NOLINTBEGIN(...) ... // NOLINTEND(...)   the lines between
 *   // fearless: allow(data-race) -- reason
 *                                 this line, or the next line of code when the comment stands
 *                                 alone on its line; the reason is for the reader
 *   FL_ALLOW(data-race) on a function (fearless.h): the whole definition (suppress_add_allow)
 *   FL_ALLOW(data-race) on a global variable: the findings whose message quotes it, or a place
 *                                 in it (`counter`, `stats.hits`; suppress_add_allow_var)
 * NOLINT lists also name other tools' checks: items that are not fearless checks are ignored,
 * except `fearless-` prefixed ones, which must name a check.
 */
#ifndef FL_SUPPRESS_H
#define FL_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/srcmap.h"
#include "diag.h"

typedef struct suppress_set suppress_set;

/* A set over the source map (borrowed) and the names of the known checks (borrowed; they must
   outlive the set), for validating the names suppressions give. */
suppress_set *suppress_new(fl_srcmap *sm, const char *const *checks, size_t nchecks);
void suppress_free(suppress_set *s);

/* FL_ALLOW(checks) written at `where`, on a function whose definition spans `extent`: findings
   of those checks whose primary location is inside the extent are suppressed. `checks` is the
   annotation's argument text ("data-race, lock-leak"), copied. Adding the same pair again
   (the function seen from another unit) changes nothing. */
void suppress_add_allow(suppress_set *s, fl_span extent, fl_span where, const char *checks);

/* FL_ALLOW(checks) written at `where` on a variable `name` declared at `decl`: findings of those
   checks whose message quotes the variable, or a place in it (`name`, `name.f`, `name->f`,
   `name[i]`), are suppressed: in decl's file only, or anywhere when `any_file` (a variable with
   external linkage is the same object in every unit). Strings copied. */
void suppress_add_allow_var(suppress_set *s, const char *name, fl_span decl, bool any_file, fl_span where,
                            const char *checks);

/* A file analyzed in full (a unit's main file): its suppressions are validated, and with
   --report-unused-suppressions, those that suppressed nothing are reported. */
void suppress_add_file(suppress_set *s, uint32_t file);

/* True if d, a finding (it has a check and a located primary span), is suppressed. The
   suppressions that match it are marked used. */
bool suppress_match(suppress_set *s, const diag *d);

/* The problems of the suppressions in the added files and in those scanned for findings:
   unknown check names (input errors, with "did you mean"), and with `unused` the suppressions
   naming fearless checks that suppressed nothing (warnings). Call after every suppress_match.
   Each new diagnostic is handed to emit, which takes ownership. */
void suppress_report(suppress_set *s, bool unused, void (*emit)(void *ctx, diag *d), void *ctx);

#endif
