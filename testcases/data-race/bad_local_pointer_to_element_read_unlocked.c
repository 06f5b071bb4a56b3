// The reporter takes each worker by a local pointer to its element (`w = &workers[j]`) and reads
// `w->errors` with no lock, while each worker updates its own `errors` under its lock.
#include <pthread.h>

#define NW 4

struct worker {
    pthread_mutex_t lock;
    long errors;
};

static struct worker workers[NW];

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    pthread_mutex_lock(&w->lock);
    w->errors++; //~ ERROR data-race
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

static void *reporter(void *arg)
{
    int *failing = arg;
    int nerr = 0;
    for (int j = 0; j < NW; j++) {
        struct worker *w = &workers[j];
        if (w->errors > 0)
            nerr++;
    }
    *failing = nerr;
    return NULL;
}

int main(void)
{
    pthread_t tw[NW], tr;
    int failing = 0;
    for (int i = 0; i < NW; i++)
        pthread_mutex_init(&workers[i].lock, NULL);
    for (int i = 0; i < NW; i++)
        pthread_create(&tw[i], NULL, worker_main, &workers[i]);
    pthread_create(&tr, NULL, reporter, &failing);
    for (int i = 0; i < NW; i++)
        pthread_join(tw[i], NULL);
    pthread_join(tr, NULL);
    return failing;
}
