// fearless-flags: --verbose
// A lock helper called on an object fearless cannot name (the result of a call): the function
// is not checked, and --verbose says why. (It once leaked the accesses it had collected before
// giving up: the sanitizer pass of the suite runs this case under LeakSanitizer.)
#include <pthread.h>
#include "../../annotations/fearless.h"

struct acct {
    pthread_mutex_t mu;
    long balance FL_GUARDED_BY(mu);
};

struct acct *acct_next(struct acct *a);
void acct_lock(struct acct *a) FL_ACQUIRE(a->mu);
void acct_unlock(struct acct *a) FL_RELEASE(a->mu);

void deposit_next(struct acct *a, long n)
{
    acct_lock(acct_next(a)); //~ NOTE unguarded-access
    a->balance += n;
    acct_unlock(acct_next(a)); //~ NOTE unguarded-access
    //~^ NOTE unguarded-access
}
