// --config-file with a .clang-tidy file: of its Checks and WarningsAsErrors, only the items
// naming fearless checks count (`-*` and `bugprone-*` are clang-tidy's); it replaces the
// folder's .fearless, so use-after-move is an error again, and lock-order runs.
// fearless-flags: --config-file=config/clang-tidy.yaml
#include <stdlib.h>

int use_freed(int *p)
{
    free(p);
    return *p; //~ ERROR use-after-move
}
