// `dirty` and `busy` are bit-fields of one struct: each thread writes only its own under its own
// lock, but a bit-field write reads and rewrites the whole storage unit, so one thread can undo
// the other's write.
#include <pthread.h>

struct page {
    unsigned dirty : 1;
    unsigned busy : 1;
    unsigned pinned : 1;
};
static struct page page;
static pthread_mutex_t writer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t io_lock = PTHREAD_MUTEX_INITIALIZER;

static void *writer(void *arg)
{
    pthread_mutex_lock(&writer_lock);
    page.dirty = 1; //~ ERROR data-race
    pthread_mutex_unlock(&writer_lock);
    return arg;
}

static void *io(void *arg)
{
    pthread_mutex_lock(&io_lock);
    page.busy = 1;
    pthread_mutex_unlock(&io_lock);
    return arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, writer, NULL);
    pthread_create(&b, NULL, io, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return page.dirty;
}
