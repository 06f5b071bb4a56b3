// Workers call handle() only when `mode` is MODE_READ, and handle() leaves the main thread's
// list alone unless `mode` is MODE_IDLE: in a worker it returns before touching `pending`. A
// call carries what its caller's branches said of the flag into the function it calls.
#include <pthread.h>
#include <stdlib.h>

enum { MODE_IDLE, MODE_READ };

struct node { struct node *next; };

static int mode = MODE_IDLE;
static struct node *pending;

static void handle(void)
{
    if (mode != MODE_IDLE)
        return;
    struct node *n = malloc(sizeof *n);
    n->next = pending;
    pending = n;
}

static void *worker(void *arg)
{
    if (mode == MODE_READ)
        handle();
    return arg;
}

int main(void)
{
    pthread_t t[3];
    mode = MODE_READ;
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    mode = MODE_IDLE;
    handle();
    return pending == NULL;
}
