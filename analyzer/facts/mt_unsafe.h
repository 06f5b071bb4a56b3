/* mt_unsafe.h - C library functions that keep their state or result in static storage shared by
 * every thread (POSIX lets them; glibc's manual marks them MT-Unsafe "race:<state>"). A call is
 * an access to that state (facts/access.h keys it "c:<state>"), a write unless it only reads it;
 * two calls that may run at once with no lock in common race inside the library (mt-unsafe-call).
 *
 * Only functions whose state is process-wide are listed: glibc's rand, random, strerror,
 * inet_ntoa and basename are thread-safe, and readdir races only on one directory stream. */
#ifndef FL_MT_UNSAFE_H
#define FL_MT_UNSAFE_H

#include <stdbool.h>

typedef struct mt_unsafe_fn {
    const char *name;       /* "strtok" */
    const char *state;      /* the static state its calls share ("tmbuf": localtime, gmtime, ctime) */
    bool reads;             /* it only reads the state (getenv reads what setenv writes) */
    const char *instead;    /* what to call instead, for the help ("strtok_r"), or NULL */
    const char *keeps;      /* what the state is, for the message ("its position in the string") */
} mt_unsafe_fn;

/* The entries for a function name (at most 2: ctime writes two states), in out; their count. */
unsigned mt_unsafe_lookup(const char *name, const mt_unsafe_fn **out);

/* The entry of a state's first function, for messages about the state ("c:<state>" keys). */
const mt_unsafe_fn *mt_unsafe_state(const char *state);

#endif
