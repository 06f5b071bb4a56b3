// The worker gets the current buffer through its argument; `main` then points the global at a
// fresh buffer and fills that one. The two threads write different objects: the one the
// pointer held at the spawn, and the one it holds after.
#include <pthread.h>
#include <stdlib.h>

struct buffer {
    int len;
    char data[64];
};

static struct buffer *cur;

static void *drain(void *arg)
{
    struct buffer *b = arg;
    b->len = 0;
    return NULL;
}

int main(void)
{
    pthread_t t;
    cur = calloc(1, sizeof *cur);
    if (!cur)
        return 1;
    struct buffer *old = cur;
    pthread_create(&t, NULL, drain, cur);
    cur = calloc(1, sizeof *cur);
    if (cur)
        cur->len = 5;
    pthread_join(t, NULL);
    free(old);
    free(cur);
    return 0;
}
