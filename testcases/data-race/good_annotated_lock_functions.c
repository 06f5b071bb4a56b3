// Lock functions declared with FL_ACQUIRE / FL_RELEASE (no bodies here).
#include <pthread.h>
#include "../../annotations/fearless.h"

struct db {
    pthread_mutex_t mu;
    int rows;
};
static struct db g_db;

void db_lock(struct db *d) FL_ACQUIRE(d->mu);
void db_unlock(struct db *d) FL_RELEASE(d->mu);

static void *insert(void *arg)
{
    (void)arg;
    db_lock(&g_db);
    g_db.rows++;
    db_unlock(&g_db);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, insert, NULL);
    db_lock(&g_db);
    int r = g_db.rows;
    db_unlock(&g_db);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return r;
}
