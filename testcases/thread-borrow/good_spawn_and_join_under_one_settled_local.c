// The helper is started only when `ext` is non-zero, and joined under the same test before
// `p` dies. `ext` is written twice, but both writes come before its first test: every test of
// it sees the same value, so the path that spawns is the path that joins.
#include <pthread.h>
#include <stdlib.h>

struct load { long off; long sum; pthread_t th; };

static void *load_ext(void *arg)
{
    struct load *p = arg;
    p->sum = p->off * 2;
    return NULL;
}

static long find_ext(int n)
{
    return n > 3 ? n : 0;
}

long read_index(int n, int nr_threads)
{
    struct load p;
    long ext = 0;
    p.sum = 0;
    if (nr_threads > 1) {
        ext = find_ext(n);
        if (ext) {
            p.off = ext;
            if (pthread_create(&p.th, NULL, load_ext, &p))
                exit(128);
        }
    }
    if (ext)
        pthread_join(p.th, NULL);
    else {
        p.off = n;
        load_ext(&p);
    }
    return p.sum;
}

int main(int argc, char **argv)
{
    (void)argv;
    return (int)read_index(argc * 4, argc + 1);
}
