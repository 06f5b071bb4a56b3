// The spawning function keeps using the connection while the reader thread parses from it.
#include <pthread.h>

#include "include/tokenizer.h"

struct conn {
    int fd;
    struct tokenizer tok;
};

static void *reader(void *arg)
{
    struct conn *c = arg;
    while (tok_next(&c->tok) > 0)
        ;
    return NULL;
}

int serve(int fd)
{
    pthread_t t;
    struct conn conn = {fd, {0, 1}};
    if (pthread_create(&t, NULL, reader, &conn) != 0) //~ ERROR not-sync
        return -1;
    conn.tok.line = 1; /* races with the reader */
    return pthread_join(t, NULL);
}
