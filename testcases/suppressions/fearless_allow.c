// fearless's own suppressions: `// fearless: allow(check) -- reason` on the line, or alone on
// the line before the code; FL_ALLOW(check...) on a function, written on its definition or on a
// prototype. A misspelt check name is an error with a suggestion.
// fearless-flags: --report-unused-suppressions
// exit-code: 2
#include <stdlib.h>
#include "../../annotations/fearless.h"

int same_line(int *p) { free(p); return *p; } // fearless: allow(use-after-move) -- p is a pool slot

// fearless: allow(use-after-move) -- the slot stays mapped after free
// (a second comment line between the allow and the code is fine)
int line_below(int *p) { free(p); return *p; }

int two_below(int *p) // fearless: allow(use-after-move) -- not this line //~ WARNING input
{
    free(p);
    return *p; //~ ERROR use-after-move
}

FL_ALLOW(use-after-move) int on_definition(int *p)
{
    free(p);
    return *p;
}

int on_prototype(int *p) FL_ALLOW(data-race, use-after-move);
int on_prototype(int *p)
{
    free(p);
    return *p;
}

FL_ALLOW(data-race) int other_check(int *p) //~ WARNING input
{
    free(p);
    return *p; //~ ERROR use-after-move
}

int misspelt(int *p) { free(p); return *p; } // fearless: allow(use-after-mvoe) //~ ERROR input
//~^ ERROR use-after-move
