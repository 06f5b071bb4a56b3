// An opaque struct with no annotation is assumed Send: fearless cannot see inside it.
#include <pthread.h>

#include "../../annotations/fearless.h"

struct zip_archive;
void zip_close(struct zip_archive *z);

static void *closer(void *arg)
{
    zip_close(arg);
    return NULL;
}

int close_async(struct zip_archive *z, pthread_t *t)
{
    return pthread_create(t, NULL, closer, fl_move(z));
}
