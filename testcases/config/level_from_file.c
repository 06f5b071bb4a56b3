// The folder's .fearless makes use-after-move a warning: reported, and the exit code stays 0.
#include <stdlib.h>

int use_freed(int *p)
{
    free(p);
    return *p; //~ WARNING use-after-move
}
