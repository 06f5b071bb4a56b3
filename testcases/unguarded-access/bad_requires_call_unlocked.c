// account_add is REQUIRES(acct->lock): the caller must hold `a->lock` (resolved through the
// parameter name `acct`).
#include "include/bank.h"

void pay_interest(struct account *a)
{
    account_add(a, 5); //~ ERROR unguarded-access
}
