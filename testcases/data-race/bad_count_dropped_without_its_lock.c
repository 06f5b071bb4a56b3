// The readers drop their reference without `refs_lock`: two decrements at once can both see a
// count above zero (the object is never freed) or both see zero (it is freed twice).
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct buffer {
    int refcount;
    char data[32];
};

static pthread_mutex_t refs_lock = PTHREAD_MUTEX_INITIALIZER;

static void buffer_get(struct buffer *b)
{
    pthread_mutex_lock(&refs_lock);
    b->refcount++;
    pthread_mutex_unlock(&refs_lock);
}

static void buffer_put(struct buffer *b)
{
    int last = --b->refcount == 0; //~ ERROR data-race
    if (last)
        free(b);
}

static void *reader(void *arg)
{
    struct buffer *b = arg;
    size_t len = strlen(b->data);
    buffer_put(b);
    return len ? NULL : arg;
}

int main(void)
{
    pthread_t readers[4];
    struct buffer *b = malloc(sizeof *b);
    if (!b)
        return 1;
    strcpy(b->data, "frame #1 payload");
    b->refcount = 1;
    for (int i = 0; i < 4; i++) {
        buffer_get(b);
        pthread_create(&readers[i], NULL, reader, b);
    }
    buffer_put(b);
    for (int i = 0; i < 4; i++)
        pthread_join(readers[i], NULL);
    return 0;
}
