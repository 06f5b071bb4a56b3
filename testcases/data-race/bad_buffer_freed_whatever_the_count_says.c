// Each holder drops its reference with GCC's __sync_sub_and_fetch, but then frees the buffer
// whatever the count says: the readers may still use it.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct buf {
    int refs;
    size_t len;
    char data[64];
};

static void buf_put(struct buf *b)
{
    __sync_sub_and_fetch(&b->refs, 1);
    free(b); //~ ERROR data-race
}

static void *reader(void *arg)
{
    struct buf *b = arg;
    size_t n = b->len;
    buf_put(b);
    return (void *)n;
}

int main(void)
{
    struct buf *b = malloc(sizeof *b);
    pthread_t t[2];
    if (!b)
        return 1;
    b->refs = 3;
    b->len = 5;
    memcpy(b->data, "hello", 5);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, reader, b);
    buf_put(b);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
