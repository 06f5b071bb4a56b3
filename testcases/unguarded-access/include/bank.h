/* bank.h - accounts whose balance is guarded by the account's own lock (fearless.h spelling). */
#ifndef BANK_H
#define BANK_H
#include <pthread.h>
#include "../../../annotations/fearless.h"

struct account {
    pthread_mutex_t lock;
    long balance GUARDED_BY(lock);
    long *history PT_GUARDED_BY(lock);
    int id;
};

/* callers hold acct->lock */
void account_add(struct account *acct, long amount) REQUIRES(acct->lock);
/* takes acct->lock itself */
void account_deposit(struct account *acct, long amount) EXCLUDES(acct->lock);
#endif
