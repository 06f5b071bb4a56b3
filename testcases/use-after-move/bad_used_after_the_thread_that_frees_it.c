// The worker owns its message: it frees it when done. main reads the message after joining the
// worker, when it is already freed.
#include <pthread.h>
#include <stdlib.h>

struct msg {
    int len;
    char text[32];
};

static void *worker(void *arg)
{
    struct msg *m = arg;
    m->len = 0;
    free(m);
    return NULL;
}

int main(void)
{
    struct msg *m = malloc(sizeof *m);
    if (!m)
        return 1;
    pthread_t t;
    pthread_create(&t, NULL, worker, m);
    pthread_join(t, NULL);
    return m->len; //~ ERROR use-after-move
}
