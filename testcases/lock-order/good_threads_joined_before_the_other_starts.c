// `export_accounts` and `import_accounts` take `accounts` and `journal` in opposite orders, but
// main joins the exporter before it starts the importer: the two orders never run at once.
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
    pthread_mutex_lock(&accounts);
    balance = entries;
    pthread_mutex_unlock(&accounts);
    pthread_mutex_unlock(&journal);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, export_accounts, NULL);
    pthread_join(t, NULL);
    pthread_create(&t, NULL, import_accounts, NULL);
    pthread_join(t, NULL);
    return 0;
}
