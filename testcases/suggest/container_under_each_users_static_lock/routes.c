#include <pthread.h>

#include "table.h"

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static struct table routes; //~ NOTE suggest-guarded-by

void routes_add(int v)
{
    pthread_mutex_lock(&mutex);
    table_insert(&routes, v);
    pthread_mutex_unlock(&mutex);
}

void routes_del(void)
{
    pthread_mutex_lock(&mutex);
    table_remove(&routes);
    pthread_mutex_unlock(&mutex);
}
