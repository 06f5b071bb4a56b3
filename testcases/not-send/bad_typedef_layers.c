// The NOT_SEND struct is reached through two typedef layers and a pointer typedef.
#include <pthread.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct NOT_SEND sqlite_conn {
    int fd;
};
typedef struct sqlite_conn db_conn;
typedef db_conn *db_handle;

typedef struct query {
    const char *sql;
    db_handle db;
} query_t;

static void *run_query(void *arg)
{
    query_t *q = arg;
    free(q);
    return NULL;
}

int query_async(db_handle db, const char *sql)
{
    pthread_t t;
    query_t *q = malloc(sizeof *q);
    if (!q)
        return -1;
    q->sql = sql;
    q->db = db;
    int rc = pthread_create(&t, NULL, run_query, fl_move(q)); //~ ERROR not-send
    if (rc == 0)
        pthread_detach(t);
    return rc;
}
