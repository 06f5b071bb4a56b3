// once_start__() returns true with the once's mutex held, for the caller to initialise and then
// call once_done(); its caller hands that value on (`return !o->done && once_start__(o);`), and
// the callers of that one release the mutex through once_done().
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

struct once {
    bool done;
    pthread_mutex_t mutex;
};

bool once_start__(struct once *o)
{
    pthread_mutex_lock(&o->mutex);
    if (!o->done)
        return true;
    pthread_mutex_unlock(&o->mutex);
    return false;
}

static inline bool once_start(struct once *o)
{
    return !o->done && once_start__(o);
}

void once_done(struct once *o)
{
    o->done = true;
    pthread_mutex_unlock(&o->mutex);
}

static struct once table_once = {false, PTHREAD_MUTEX_INITIALIZER};
static int table[16];

void table_init(void)
{
    if (once_start(&table_once)) {
        for (int i = 0; i < 16; i++)
            table[i] = i * i;
        once_done(&table_once);
    }
}

int main(void)
{
    table_init();
    printf("%d\n", table[3]);
    return 0;
}
