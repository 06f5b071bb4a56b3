// Transfer locks the source account but updates the destination too: `to->balance` needs
// `to->lock`, not `from->lock`.
#include "include/bank.h"

void transfer(struct account *from, struct account *to, long amount)
{
    pthread_mutex_lock(&from->lock);
    from->balance -= amount;
    to->balance += amount; //~ ERROR unguarded-access
    pthread_mutex_unlock(&from->lock);
}
