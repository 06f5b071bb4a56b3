// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* Two files each keep a table under a `static` lock that both name `mutex`: two different locks.
   Each table is guarded by its own file's lock, but the table's helpers are not called with one
   lock held, and no declaration of the table's fields could name the lock that guards them. */
#include "table.h"

void table_insert(struct table *t, int v)
{
    t->n++;
    t->last = v;
}

void table_remove(struct table *t)
{
    t->n--;
    t->last = 0;
}
