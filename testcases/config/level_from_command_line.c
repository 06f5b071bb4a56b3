// --level on the command line overrides the folder's .fearless.
// fearless-flags: --level=use-after-move=error
#include <stdlib.h>

int use_freed(int *p)
{
    free(p);
    return *p; //~ ERROR use-after-move
}
