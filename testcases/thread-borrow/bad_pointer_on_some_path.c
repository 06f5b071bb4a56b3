// On one path `buf` points to heap memory, on the other to the stack.
#include <pthread.h>
#include <stdlib.h>

static void *scribble(void *arg)
{
    ((char *)arg)[0] = 1;
    return NULL;
}

void spawn_writer(size_t size)
{
    char small[64];
    char *buf = malloc(size);
    if (size <= sizeof small)
        buf = small;
    pthread_t t;
    pthread_create(&t, NULL, scribble, buf); //~ ERROR thread-borrow
    pthread_detach(t);
}
