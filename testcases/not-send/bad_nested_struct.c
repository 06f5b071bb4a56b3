// The non-Send field is two structs deep (job -> target -> context), held by value: every step
// of the derivation is a note.
#include <pthread.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct NOT_SEND vk_device {
    int queue_family;
};

struct target {
    int width, height;
    struct vk_device *device;
};

struct blit_job {
    int id;
    struct target dst;
};

void blit(struct blit_job *job);

static void *blitter(void *arg)
{
    blit(arg);
    free(arg);
    return NULL;
}

int queue_blit(struct vk_device *dev, int id)
{
    pthread_t t;
    struct blit_job *job = malloc(sizeof *job);
    if (!job)
        return -1;
    job->id = id;
    job->dst.width = job->dst.height = 64;
    job->dst.device = dev;
    if (pthread_create(&t, NULL, blitter, fl_move(job)) != 0) //~ ERROR not-send
        return -1;
    return pthread_detach(t);
}
