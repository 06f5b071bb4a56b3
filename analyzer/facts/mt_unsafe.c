/* mt_unsafe.c - the table of mt_unsafe.h. */
#include "mt_unsafe.h"

#include <string.h>

static const mt_unsafe_fn table[] = {
    {"strtok", "strtok", false, "strtok_r", "its position in the string being split"},
    {"localtime", "tmbuf", false, "localtime_r", "the `struct tm` it returns"},
    {"gmtime", "tmbuf", false, "gmtime_r", "the `struct tm` it returns"},
    {"ctime", "tmbuf", false, "ctime_r", "the `struct tm` it converts through"},
    {"ctime", "asctime", false, "ctime_r", "the string it returns"},
    {"asctime", "asctime", false, "asctime_r", "the string it returns"},
    {"getpwnam", "getpwnam", false, "getpwnam_r", "the `struct passwd` it returns"},
    {"getpwuid", "getpwuid", false, "getpwuid_r", "the `struct passwd` it returns"},
    {"getpwent", "pwent", false, "getpwent_r", "the `struct passwd` it returns"},
    {"getgrnam", "getgrnam", false, "getgrnam_r", "the `struct group` it returns"},
    {"getgrgid", "getgrgid", false, "getgrgid_r", "the `struct group` it returns"},
    {"getgrent", "grent", false, "getgrent_r", "the `struct group` it returns"},
    {"gethostbyname", "hostbyname", false, "getaddrinfo", "the `struct hostent` it returns"},
    {"gethostbyname2", "hostbyname2", false, "getaddrinfo", "the `struct hostent` it returns"},
    {"gethostbyaddr", "hostbyaddr", false, "getnameinfo", "the `struct hostent` it returns"},
    {"getservbyname", "servbyname", false, "getaddrinfo", "the `struct servent` it returns"},
    {"getprotobyname", "protobyname", false, "getprotobyname_r", "the `struct protoent` it returns"},
    {"strsignal", "strsignal", false, "sigdescr_np", "the string it returns"},
    {"ttyname", "ttyname", false, "ttyname_r", "the string it returns"},
    {"getlogin", "getlogin", false, "getlogin_r", "the string it returns"},
    {"ptsname", "ptsname", false, "ptsname_r", "the string it returns"},
    {"crypt", "crypt", false, "crypt_r", "the string it returns"},
    {"ecvt", "ecvt", false, "ecvt_r", "the string it returns"},
    {"fcvt", "fcvt", false, "fcvt_r", "the string it returns"},
    {"l64a", "l64a", false, NULL, "the string it returns"},
    {"drand48", "drand48", false, "drand48_r", "the generator's state"},
    {"erand48", "drand48", false, "erand48_r", "the generator's state"},
    {"lrand48", "drand48", false, "lrand48_r", "the generator's state"},
    {"nrand48", "drand48", false, "nrand48_r", "the generator's state"},
    {"mrand48", "drand48", false, "mrand48_r", "the generator's state"},
    {"jrand48", "drand48", false, "jrand48_r", "the generator's state"},
    {"srand48", "drand48", false, "srand48_r", "the generator's state"},
    {"seed48", "drand48", false, "seed48_r", "the generator's state"},
    {"lcong48", "drand48", false, "lcong48_r", "the generator's state"},
    {"hcreate", "hsearch", false, "hcreate_r", "the one hash table"},
    {"hsearch", "hsearch", false, "hsearch_r", "the one hash table"},
    {"hdestroy", "hsearch", false, "hdestroy_r", "the one hash table"},
    {"getmntent", "getmntent", false, "getmntent_r", "the `struct mntent` it returns"},
    {"setenv", "env", false, NULL, "the environment"},
    {"unsetenv", "env", false, NULL, "the environment"},
    {"putenv", "env", false, NULL, "the environment"},
    {"clearenv", "env", false, NULL, "the environment"},
    {"getenv", "env", true, NULL, "the environment"},
    {"secure_getenv", "env", true, NULL, "the environment"},
};

unsigned mt_unsafe_lookup(const char *name, const mt_unsafe_fn **out)
{
    unsigned n = 0;
    /* cheap filter first: this runs on every call of every function */
    if (!name || !strchr("acdefghjlmnpsu", name[0]))
        return 0;
    for (size_t i = 0; i < sizeof table / sizeof table[0] && n < 2; i++)
        if (strcmp(name, table[i].name) == 0)
            out[n++] = &table[i];
    return n;
}

const mt_unsafe_fn *mt_unsafe_state(const char *state)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(state, table[i].state) == 0)
            return &table[i];
    return NULL;
}
