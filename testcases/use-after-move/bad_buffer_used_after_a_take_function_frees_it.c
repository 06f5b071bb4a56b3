// The same mailbox with a take function returning the buffer (`char *mb_take(struct mailbox *)`),
// which the sender thread frees once sent: reading the buffer after posting it reads memory the
// sender may already have freed.
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

static char *mb_take(struct mailbox *m)
{
    pthread_mutex_lock(&m->lock);
    while (!m->msg && !m->done)
        pthread_cond_wait(&m->cv, &m->lock);
    char *msg = m->msg;
    m->msg = NULL;
    pthread_cond_broadcast(&m->cv);
    pthread_mutex_unlock(&m->lock);
    return msg;
}

static void *sender(void *arg)
{
    char *msg;
    while ((msg = mb_take(arg)) != NULL) {
        printf("sent %s\n", msg);
        free(msg);
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, sender, &mb);
    for (int i = 0; i < 4; i++) {
        char *buf = malloc(64);
        if (!buf)
            break;
        snprintf(buf, 64, "frame %d", i);
        mb_post(&mb, buf);
        printf("posted %zu bytes\n", strlen(buf)); //~ ERROR use-after-move
    }
    pthread_mutex_lock(&mb.lock);
    mb.done = 1;
    pthread_cond_broadcast(&mb.cv);
    pthread_mutex_unlock(&mb.lock);
    pthread_join(t, NULL);
    return 0;
}
