#include <pthread.h>

#include "table.h"

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static struct table ports; //~ NOTE suggest-guarded-by

void ports_add(int v)
{
    pthread_mutex_lock(&mutex);
    table_insert(&ports, v);
    pthread_mutex_unlock(&mutex);
}

void ports_del(void)
{
    pthread_mutex_lock(&mutex);
    table_remove(&ports);
    pthread_mutex_unlock(&mutex);
}
