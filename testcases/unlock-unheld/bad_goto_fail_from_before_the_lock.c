// The argument checks and the allocations jump to `fail` before `srv.lock` is taken, and the
// failure path unlocks it: an out-of-range id unlocks a lock nobody holds. The report is in
// `session_open`, with the first jump that skips the lock.
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#define MAX_SESSIONS 16

struct session {
    int id;
    char *rxbuf;
};

static struct server {
    pthread_mutex_t lock;
    struct session *sessions[MAX_SESSIONS];
    int nsessions;
} srv = {PTHREAD_MUTEX_INITIALIZER, {0}, 0};

static int session_open(int id)
{
    struct session *s = NULL;

    if (id < 0)
        goto fail;
    s = calloc(1, sizeof *s);
    if (s == NULL)
        goto fail;
    s->rxbuf = malloc(4096);
    if (s->rxbuf == NULL)
        goto fail;
    s->id = id;

    pthread_mutex_lock(&srv.lock);
    if (srv.nsessions == MAX_SESSIONS)
        goto fail;
    srv.sessions[srv.nsessions++] = s;
    pthread_mutex_unlock(&srv.lock);
    return 0;

fail:
    pthread_mutex_unlock(&srv.lock); //~ ERROR unlock-unheld
    if (s != NULL)
        free(s->rxbuf);
    free(s);
    return -1;
}

static void *client(void *arg)
{
    int base = (int)(intptr_t)arg * 100;
    for (int i = 0; i < 5; i++)
        session_open(base - i);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, client, (void *)(intptr_t)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
