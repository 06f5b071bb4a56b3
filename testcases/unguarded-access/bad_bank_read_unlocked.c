// Reading a GUARDED_BY field without its lock: the balance may be half-updated by a deposit.
#include "include/bank.h"

long account_peek(struct account *a)
{
    return a->balance; //~ ERROR unguarded-access
}
