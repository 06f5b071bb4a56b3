// The helper is started when `ext` is non-zero, but `ext` is cleared after the spawn: the
// later test of it skips the join, and `p` dies while the thread may still run.
#include <pthread.h>
#include <stdlib.h>

struct load { long off; long sum; pthread_t th; };

static void *load_ext(void *arg)
{
    struct load *p = arg;
    p->sum = p->off * 2; //~ ERROR data-race
    return NULL;
}

static long find_ext(int n)
{
    return n > 3 ? n : 0;
}

long read_index(int n, int quick)
{
    struct load p;
    long ext = find_ext(n);
    p.sum = 0;
    if (ext) {
        p.off = ext;
        if (pthread_create(&p.th, NULL, load_ext, &p)) //~ ERROR thread-borrow
            exit(128);
    }
    if (quick)
        ext = 0;
    if (ext)
        pthread_join(p.th, NULL);
    return p.sum;
}

int main(int argc, char **argv)
{
    (void)argv;
    return (int)read_index(argc * 4, argc > 2);
}
