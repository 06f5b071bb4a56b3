// A mode flag set from the command line before any thread starts picks both which thread
// function runs and, in the setup both share, which branch it takes: uring threads never run
// setup_aio, so its write of `polled` never meets their reads (fio's t/io_uring.c).
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int aio;
static int polled = 1;
struct submitter { pthread_t thread; int fd; };
static struct submitter subs[4];

static void setup_aio(struct submitter *s)
{
    if (polled) {
        fprintf(stderr, "aio does not support polled IO\n");
        polled = 0;
    }
    s->fd = 1;
}

static void setup_ring(struct submitter *s) { s->fd = 2; }

static void submitter_init(struct submitter *s)
{
    if (!aio)
        setup_ring(s);
    else
        setup_aio(s);
}

static void *uring_fn(void *data)
{
    submitter_init(data);
    return (void *)(long)polled;
}

static void *aio_fn(void *data)
{
    submitter_init(data);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        aio = atoi(argv[1]);
    if (!aio) {
        for (int j = 0; j < 4; j++)
            pthread_create(&subs[j].thread, NULL, uring_fn, &subs[j]);
        for (int j = 0; j < 4; j++)
            pthread_join(subs[j].thread, NULL);
    } else {
        pthread_create(&subs[0].thread, NULL, aio_fn, &subs[0]);
        pthread_join(subs[0].thread, NULL);
    }
    return 0;
}
