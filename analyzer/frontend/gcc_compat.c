/* gcc_compat.c - parsing code as GCC builds it: the GCC version a compile command's compiler
 * reports, for clang's -fgnuc-version=.
 *
 * clang presents itself as GCC 4.2.1 (__GNUC__ 4, __GNUC_MINOR__ 2). Code that tests for a newer
 * GCC takes its fallback branch under clang, and the fallback is often what concurrency rests on:
 * libuv's `uv__store_relaxed` is `__atomic_store_n` for GCC 4.7 and later, and a plain store
 * otherwise. A command whose compiler is GCC (`gcc`, `cc`, `x86_64-linux-gnu-gcc-12`) is parsed
 * with that GCC's version, asked once per compiler and process (`gcc -dumpfullversion`, the only
 * process fearless starts), and at most 6.5: glibc's headers expect more of a GCC 7 or 11 than
 * clang gives (_Float32 built in, `__malloc__ (fclose, 1)`). That covers the tests concurrency
 * code makes (__sync 4.1, __atomic 4.7, <stdatomic.h> 4.9). A compiler that cannot be run changes
 * nothing.
 */
#include "gcc_compat.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"

#define MAX_COMPILERS 8

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
    char *compiler;
    char *flag; /* NULL: not GCC, or no version */
} known[MAX_COMPILERS];
static int nknown;

static bool is_gcc_name(const char *compiler)
{
    const char *base = strrchr(compiler, '/');
    base = base ? base + 1 : compiler;
    if (strstr(base, "clang"))
        return false;
    return strstr(base, "gcc") || strcmp(base, "cc") == 0 || strcmp(base, "c99") == 0 || strcmp(base, "c89") == 0;
}

/* `compiler -dumpfullversion`, when it prints a version of digits and dots. */
static char *ask_version(const char *compiler)
{
    for (const char *c = compiler; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              strchr("/._+-", *c)))
            return NULL; /* nothing a shell would read differently */
    char cmd[4200];
    if (snprintf(cmd, sizeof cmd, "%s -dumpfullversion 2>/dev/null", compiler) >= (int)sizeof cmd)
        return NULL;
    FILE *f = popen(cmd, "r");
    if (!f)
        return NULL;
    char line[64] = {0};
    bool ok = fgets(line, sizeof line, f) != NULL;
    pclose(f);
    size_t n = strcspn(line, "\r\n");
    line[n] = 0;
    if (!ok || !n || line[0] < '0' || line[0] > '9' || strspn(line, "0123456789.") != n)
        return NULL;
    /* glibc's headers take a GCC 7 and later to provide _Float32 and friends, and a GCC 11 to
       accept `__malloc__ (fclose, 1)`, which clang does not: no more than 6 */
    if (atoi(line) >= 7)
        snprintf(line, sizeof line, "6.5.0");
    size_t len = strlen("-fgnuc-version=") + strlen(line) + 1;
    char *flag = fl_xmalloc(len);
    snprintf(flag, len, "-fgnuc-version=%s", line);
    return flag;
}

const char *fe_gnuc_version_flag(const char *compiler)
{
    if (!compiler || !is_gcc_name(compiler) || getenv("FEARLESS_NO_GNUC_VERSION"))
        return NULL;
    pthread_mutex_lock(&mu);
    const char *flag = NULL;
    int i;
    for (i = 0; i < nknown; i++)
        if (strcmp(known[i].compiler, compiler) == 0)
            break;
    if (i < nknown) {
        flag = known[i].flag;
    } else if (nknown < MAX_COMPILERS) { /* more compilers than that in one database: the rest as clang */
        flag = ask_version(compiler);
        known[nknown].compiler = fl_xstrdup(compiler);
        known[nknown].flag = (char *)flag;
        nknown++;
    }
    pthread_mutex_unlock(&mu);
    return flag;
}
