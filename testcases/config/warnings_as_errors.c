// --warnings-as-errors turns the warning the folder's .fearless asks for back into an error.
// fearless-flags: --warnings-as-errors=use-after-*
#include <stdlib.h>

int use_freed(int *p)
{
    free(p);
    return *p; //~ ERROR use-after-move
}
