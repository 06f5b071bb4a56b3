// The helper is started when the file-static `use_sideband` is set, but the function calls
// negotiate(), which may clear it: the later test then skips the join while the thread runs.
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

static void negotiate(int n)
{
    if (n > 3)
        use_sideband = 0;
}

static int run_hook(int n)
{
    struct async muxer;
    if (use_sideband) {
        memset(&muxer, 0, sizeof muxer);
        muxer.proc = copy;
        if (start_async(&muxer)) //~ ERROR thread-borrow
            return -1;
    }
    negotiate(n);
    if (use_sideband)
        finish_async(&muxer);
    return 0;
}

int main(int argc, char **argv)
{
    (void)argv;
    use_sideband = argc > 1;
    return run_hook(argc);
}
