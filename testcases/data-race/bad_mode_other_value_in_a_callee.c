// Workers call handle() when `mode` is MODE_READ, and handle() skips the list only when `mode`
// is MODE_WRITE: MODE_READ is not MODE_WRITE, so the workers all reach the list.
#include <pthread.h>
#include <stdlib.h>

enum { MODE_IDLE, MODE_READ, MODE_WRITE };

struct node { struct node *next; };

static int mode = MODE_IDLE;
static struct node *pending;

static void handle(void)
{
    if (mode == MODE_WRITE)
        return;
    struct node *n = malloc(sizeof *n);
    n->next = pending;
    pending = n; //~ ERROR data-race
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
    return pending == NULL;
}
