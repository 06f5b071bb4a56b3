// The helper is started and joined under tests of `use_sideband`, a file-static that only
// set_options() writes; nothing run_hook() calls reaches set_options(), so both tests see one
// value and the path that spawns is the path that joins.
#include <pthread.h>
#include <string.h>

struct async { int (*proc)(void *); void *data; pthread_t tid; int ret; };

static int use_sideband;

static void *run_thread(void *arg)
{
    struct async *a = arg;
    a->ret = a->proc(a->data);
    return NULL;
}

static int start_async(struct async *a)
{
    return pthread_create(&a->tid, NULL, run_thread, a) ? -1 : 0;
}

static int finish_async(struct async *a)
{
    pthread_join(a->tid, NULL);
    return a->ret;
}

static int copy(void *data)
{
    return data != NULL;
}

static int run_hook(int n)
{
    struct async muxer;
    if (use_sideband) {
        memset(&muxer, 0, sizeof muxer);
        muxer.proc = copy;
        if (start_async(&muxer))
            return -1;
    }
    if (n & 1) {
        if (use_sideband)
            finish_async(&muxer);
        return 1;
    }
    if (use_sideband)
        finish_async(&muxer);
    return 0;
}

static void set_options(int argc)
{
    use_sideband = argc > 1;
}

int main(int argc, char **argv)
{
    (void)argv;
    set_options(argc);
    return run_hook(argc);
}
