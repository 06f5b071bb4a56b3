// The moved value is a field of a struct (`s->pending`): its type is the field's declared type.
#include <pthread.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct NOT_SEND ssl_session {
    int refs;
};

struct upload {
    const char *path;
    struct ssl_session *tls;
};

struct server {
    struct upload *pending;
    pthread_t uploader;
};

static void *do_upload(void *arg)
{
    free(arg);
    return NULL;
}

int flush_upload(struct server *s)
{
    if (!s->pending)
        return 0;
    int rc = pthread_create(&s->uploader, NULL, do_upload, fl_move(s->pending)); //~ ERROR not-send
    s->pending = NULL;
    return rc;
}
