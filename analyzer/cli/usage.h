/* usage.h - usage errors: what they print, where, and the exit code. */
#ifndef FL_USAGE_H
#define FL_USAGE_H

#include "options.h"

/* Report a usage error (a bad option, no input, --checks that enables no check...): `error:
   <message>` and the --help hint on stderr, in every format; under --format=json also one
   diagnostic object on stdout (level "error", code and check null, no spans, the hint as a help
   child), so that a reader of the JSON stream learns why nothing else follows. Returns 2, the
   exit code. */
int usage_error(fl_format format, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
