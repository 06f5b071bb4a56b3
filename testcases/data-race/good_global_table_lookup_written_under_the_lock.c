// `client_find` searches the global table under its lock and returns the entry it found; the
// session thread stamps `last_seen` under the same lock the sweeper reads it under.
#include <pthread.h>
#include <time.h>

#define MAXCLIENTS 8

struct client {
    int id;
    int in_use;
    time_t last_seen;
};

static pthread_mutex_t clients_lock = PTHREAD_MUTEX_INITIALIZER;
static struct client clients[MAXCLIENTS];
static int evicted;

static struct client *client_find(int id)
{
    struct client *found = NULL;
    pthread_mutex_lock(&clients_lock);
    for (int i = 0; i < MAXCLIENTS; i++) {
        if (clients[i].in_use && clients[i].id == id) {
            found = &clients[i];
            break;
        }
    }
    pthread_mutex_unlock(&clients_lock);
    return found;
}

static void *session_thread(void *arg)
{
    int id = (int)(long)arg;
    for (int i = 0; i < 40; i++) {
        struct client *c = client_find(id);
        if (!c)
            break;
        pthread_mutex_lock(&clients_lock);
        c->last_seen = time(NULL);
        pthread_mutex_unlock(&clients_lock);
    }
    return NULL;
}

static void *idle_sweeper(void *arg)
{
    time_t cutoff = *(time_t *)arg;
    pthread_mutex_lock(&clients_lock);
    for (int i = 0; i < MAXCLIENTS; i++) {
        if (clients[i].in_use && clients[i].last_seen < cutoff) {
            clients[i].in_use = 0;
            evicted++;
        }
    }
    pthread_mutex_unlock(&clients_lock);
    return NULL;
}

int main(void)
{
    time_t cutoff = time(NULL) - 60;
    for (int i = 0; i < MAXCLIENTS; i++) {
        clients[i].id = 100 + i;
        clients[i].in_use = 1;
    }
    pthread_t s, sw;
    pthread_create(&s, NULL, session_thread, (void *)100L);
    pthread_create(&sw, NULL, idle_sweeper, &cutoff);
    pthread_join(s, NULL);
    pthread_join(sw, NULL);
    return evicted;
}
