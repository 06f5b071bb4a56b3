// load() starts the helper only when `off` is non-zero and joins it under the same test; the
// write in the `else` arm runs where no helper was started. load() runs twice, one call after
// the other: the first call's helper is joined before the second starts.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job { pthread_t th; unsigned long src_offset; };

static void *worker(void *arg)
{
    struct job *p = arg;
    printf("%lu\n", p->src_offset);
    return NULL;
}

static unsigned long find_ext(const char *m)
{
    return m[0] ? 12 : 0;
}

static void load(int nr_threads, const char *m)
{
    struct job p;
    unsigned long off = 0;
    if (nr_threads > 1) {
        off = find_ext(m);
        if (off) {
            p.src_offset = off;
            if (pthread_create(&p.th, NULL, worker, &p))
                exit(1);
        }
    }
    if (off)
        pthread_join(p.th, NULL);
    else {
        p.src_offset = 4;
        worker(&p);
    }
}

int main(int argc, char **argv)
{
    load(argc, argv[0]);
    load(argc, argv[0] + 1);
    return 0;
}
