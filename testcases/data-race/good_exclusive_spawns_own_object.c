// Each iteration gives its own submitter to exactly one of two thread functions (fio's
// t/io_uring.c): the two spawn sites pass `s`, but never the same object while both threads
// may run, so submit_sync and submit_async do not share `s->calls`.
#include <pthread.h>

struct submitter {
    pthread_t thread;
    unsigned long calls;
};

static struct submitter subs[4];
static int use_sync;

static void *submit_sync(void *data)
{
    struct submitter *s = data;
    s->calls++;
    return NULL;
}

static void *submit_async(void *data)
{
    struct submitter *s = data;
    s->calls++;
    return NULL;
}

int main(int argc, char **argv)
{
    (void)argv;
    use_sync = argc > 1;
    for (int j = 0; j < 4; j++) {
        struct submitter *s = &subs[j];
        if (use_sync)
            pthread_create(&s->thread, NULL, submit_sync, s);
        else
            pthread_create(&s->thread, NULL, submit_async, s);
    }
    for (int j = 0; j < 4; j++)
        pthread_join(subs[j].thread, NULL);
    return 0;
}
