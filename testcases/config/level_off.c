// A check set to off does not run: nothing is reported.
// fearless-flags: --level=use-after-*,thread-borrow=off
#include <stdlib.h>

int use_freed(int *p)
{
    free(p);
    return *p;
}
