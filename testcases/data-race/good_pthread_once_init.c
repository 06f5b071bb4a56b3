// The table is initialised once through pthread_once, then only read.
#include <pthread.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int table[16];
static int table_size;

static void init_table(void)
{
    for (int i = 0; i < 16; i++)
        table[i] = i * i;
    table_size = 16;
}

static void *lookup(void *arg)
{
    pthread_once(&once, init_table);
    return (void *)(long)table_size;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, lookup, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
