// A freshly allocated account is private to its constructor until returned: no lock needed
// to initialize it. A local struct likewise.
#include <stdlib.h>
#include "include/bank.h"

struct account *account_new(int id)
{
    struct account *a = malloc(sizeof *a);
    if (!a)
        return NULL;
    pthread_mutex_init(&a->lock, NULL);
    a->balance = 0;
    a->history = NULL;
    a->id = id;
    return a;
}

long scratch(void)
{
    struct account tmp;
    tmp.balance = 3;
    return tmp.balance;
}
