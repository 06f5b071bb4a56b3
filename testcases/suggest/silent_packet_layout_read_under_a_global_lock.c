// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* A packet's layout is read and written while the module's lock happens to be held, but no object
   of it is ever allocated or global: it lies over a buffer. No proposal for its fields, while the
   module's own state, allocated, is proposed. */
#include <pthread.h>
#include <stdlib.h>

struct msg {
    unsigned char vers;
    unsigned char flags;
};

struct session {
    int state; //~ NOTE suggest-guarded-by
};

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;

struct session *session_new(void)
{
    struct session *s = calloc(1, sizeof *s);
    return s;
}

void put_packet(struct session *s, unsigned char *buf)
{
    struct msg *m = (struct msg *)buf;
    pthread_mutex_lock(&mutex);
    m->vers = 1;
    m->flags = (unsigned char)s->state;
    pthread_mutex_unlock(&mutex);
}

void process_packet(struct session *s, unsigned char *buf)
{
    struct msg *m = (struct msg *)buf;
    pthread_mutex_lock(&mutex);
    if (m->vers == 1)
        s->state = m->flags;
    pthread_mutex_unlock(&mutex);
}
