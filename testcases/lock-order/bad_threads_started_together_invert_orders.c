// `export_accounts` and `import_accounts` take `accounts` and `journal` in opposite orders, and
// main starts both before joining either: the two threads can deadlock.
#include <pthread.h>

static pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t journal = PTHREAD_MUTEX_INITIALIZER;
static long balance, entries;

static void *export_accounts(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&accounts);
    pthread_mutex_lock(&journal);
    entries = balance;
    pthread_mutex_unlock(&journal);
    pthread_mutex_unlock(&accounts);
    return NULL;
}

static void *import_accounts(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&journal);
    pthread_mutex_lock(&accounts); //~ ERROR lock-order
    balance = entries;
    pthread_mutex_unlock(&accounts);
    pthread_mutex_unlock(&journal);
    return NULL;
}

int main(void)
{
    pthread_t t, u;
    pthread_create(&t, NULL, export_accounts, NULL);
    pthread_create(&u, NULL, import_accounts, NULL);
    pthread_join(t, NULL);
    pthread_join(u, NULL);
    return 0;
}
