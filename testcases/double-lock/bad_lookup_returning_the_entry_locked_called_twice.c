// session_find_locked returns the session with the table locked, or NULL with it unlocked. The
// swap looks up the first session and, still holding the table, looks up the second: the lookup
// waits for `t->mu`, which this thread already holds.
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

int session_swap_users(struct session_table *t, int id_a, int id_b)
{
    struct session *a = session_find_locked(t, id_a);
    if (!a)
        return -1;
    struct session *b = session_find_locked(t, id_b); //~ ERROR double-lock
    if (!b) {
        pthread_mutex_unlock(&t->mu);
        return -1;
    }
    int tmp = a->user;
    a->user = b->user;
    b->user = tmp;
    pthread_mutex_unlock(&t->mu);
    return 0;
}
