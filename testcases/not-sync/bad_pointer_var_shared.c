// The object is on the heap and named by a pointer: the thread borrows *session while the
// spawning function keeps writing through the same pointer.
#include <pthread.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

typedef struct session {
    int user;
    char scratch[256];
} session_t NOT_SYNC;

static void *audit(void *arg)
{
    session_t *s = arg;
    (void)s->scratch[0];
    return NULL;
}

int login(int user)
{
    pthread_t t;
    session_t *session = calloc(1, sizeof *session);
    if (!session)
        return -1;
    if (pthread_create(&t, NULL, audit, session) != 0) { //~ ERROR not-sync
        free(session);
        return -1;
    }
    session->user = user;
    pthread_join(t, NULL);
    free(session);
    return 0;
}
