// The classic broken double-checked initialization: the first test of the plain `inited` is
// made with no lock, so a thread may see it set and read `table` before the write is visible.
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int *table;
static int inited;

static int *get_table(void)
{
    if (!inited) {
        pthread_mutex_lock(&m);
        if (!inited) {
            table = calloc(8, sizeof *table); //~ ERROR data-race
            inited = 1; //~ ERROR data-race
        }
        pthread_mutex_unlock(&m);
    }
    return table;
}

static void *worker(void *arg)
{
    return get_table();
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
