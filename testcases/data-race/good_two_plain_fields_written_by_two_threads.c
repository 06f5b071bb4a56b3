// `dirty` and `busy` are plain members: each its own memory location, so two threads may write
// one each under different locks.
#include <pthread.h>

struct page {
    unsigned char dirty;
    unsigned char busy;
};
static struct page page;
static pthread_mutex_t writer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t io_lock = PTHREAD_MUTEX_INITIALIZER;

static void *writer(void *arg)
{
    pthread_mutex_lock(&writer_lock);
    page.dirty = 1;
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
