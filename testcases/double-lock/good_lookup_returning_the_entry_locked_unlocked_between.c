// The same lookup, used as meant: each lookup that found a session is followed by the unlock
// before the next lookup, and a lookup that found nothing left the table unlocked.
#include <pthread.h>
#include <stddef.h>

struct session {
    int id;
    int user;
};

struct session_table {
    pthread_mutex_t mu;
    struct session sessions[8];
};

static struct session *session_find_locked(struct session_table *t, int id)
{
    pthread_mutex_lock(&t->mu);
    for (int i = 0; i < 8; i++)
        if (t->sessions[i].id == id)
            return &t->sessions[i];
    pthread_mutex_unlock(&t->mu);
    return NULL;
}

int session_user(struct session_table *t, int id)
{
    struct session *s = session_find_locked(t, id);
    if (!s)
        return -1;
    int user = s->user;
    pthread_mutex_unlock(&t->mu);
    s = session_find_locked(t, id + 1); /* unlocked in between: fine */
    if (s)
        pthread_mutex_unlock(&t->mu);
    return user;
}
