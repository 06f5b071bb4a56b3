/* gcc_compat.h - parsing code as GCC builds it (see gcc_compat.c). */
#ifndef FL_GCC_COMPAT_H
#define FL_GCC_COMPAT_H

/* "-fgnuc-version=12.2.0" for a command whose compiler (its argv[0]) is GCC, asked once per
   compiler; NULL for another compiler or when it cannot be asked. Thread-safe. */
const char *fe_gnuc_version_flag(const char *compiler);

#endif
