/* The workers split their input with a helper of another file that uses strtok. */
#include <string.h>

int count_fields(char *s)
{
    int n = 0;
    for (char *f = strtok(s, ";"); f; f = strtok(NULL, ";")) //~ ERROR mt-unsafe-call
        n++;
    return n;
}
