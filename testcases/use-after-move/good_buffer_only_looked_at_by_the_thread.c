// The sender only looks at the slot (it never takes the buffer out), and main keeps every
// buffer and frees it itself after the join: the slot is no hand-off, and main's own use of
// its buffers after posting them is fine.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mailbox {
    pthread_mutex_t lock;
    pthread_cond_t cv;
    char *msg;
    int done;
};

static struct mailbox mb = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0};

static void mb_post(struct mailbox *m, char *msg)
{
    pthread_mutex_lock(&m->lock);
    while (m->msg)
        pthread_cond_wait(&m->cv, &m->lock);
    m->msg = msg;
    pthread_cond_broadcast(&m->cv);
    pthread_mutex_unlock(&m->lock);
}

static void *sender(void *arg)
{
    struct mailbox *m = arg;
    for (;;) {
        pthread_mutex_lock(&m->lock);
        while (!m->msg && !m->done)
            pthread_cond_wait(&m->cv, &m->lock);
        char *msg = m->msg;
        if (msg)
            printf("saw %s\n", msg);
        pthread_mutex_unlock(&m->lock);
        if (!msg)
            break;
        if (strlen(msg) > 64)
            free(msg);
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    char *bufs[4] = {0};
    pthread_create(&t, NULL, sender, &mb);
    for (int i = 0; i < 1; i++) {
        char *buf = malloc(64);
        if (!buf)
            break;
        snprintf(buf, 64, "frame %d", i);
        mb_post(&mb, buf);
        printf("posted %s\n", buf);
        bufs[i] = buf;
    }
    pthread_mutex_lock(&mb.lock);
    mb.done = 1;
    pthread_cond_broadcast(&mb.cv);
    pthread_mutex_unlock(&mb.lock);
    pthread_join(t, NULL);
    free(bufs[0]);
    return 0;
}
