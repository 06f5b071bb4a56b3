// The same mode flag, but main turns it on while uring threads run: a uring thread that calls
// submitter_init after that takes the aio branch, and its write of `polled` races with the
// other uring threads' reads.
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
        polled = 0; //~ ERROR data-race
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

int main(int argc, char **argv)
{
    if (argc > 1)
        aio = atoi(argv[1]);
    if (!aio) {
        for (int j = 0; j < 4; j++)
            pthread_create(&subs[j].thread, NULL, uring_fn, &subs[j]);
        aio = 1; //~ ERROR data-race
        for (int j = 0; j < 4; j++)
            pthread_join(subs[j].thread, NULL);
    }
    return 0;
}
