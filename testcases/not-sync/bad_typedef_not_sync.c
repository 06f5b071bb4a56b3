// The type is NOT_SYNC through a typedef layer, and the object is nested in a struct.
#include <pthread.h>

#include "../../annotations/fearless.h"

typedef struct zstream zstream_t NOT_SYNC;

struct archive {
    int fd;
    zstream_t *z;
};

void z_pump(zstream_t *z);

static void *pump(void *arg)
{
    struct archive *a = arg;
    z_pump(a->z);
    return NULL;
}

int extract(struct archive *a)
{
    pthread_t t;
    if (pthread_create(&t, NULL, pump, a) != 0) //~ ERROR not-sync
        return -1;
    z_pump(a->z);
    return pthread_join(t, NULL);
}
