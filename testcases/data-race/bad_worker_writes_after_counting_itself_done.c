// Each worker counts itself done before it writes its slot: `main` may stop waiting and add up
// the slots while the last worker still writes its own.
#include <pthread.h>

#define NWORKERS 4
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static int done;
static long results[NWORKERS];

static void *worker(void *arg)
{
    long id = (long)arg;
    pthread_mutex_lock(&lock);
    done++;
    pthread_cond_signal(&all_done);
    pthread_mutex_unlock(&lock);
    results[id] = id * id; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    for (long i = 0; i < NWORKERS; i++) {
        pthread_t t;
        pthread_create(&t, NULL, worker, (void *)i);
        pthread_detach(t);
    }
    pthread_mutex_lock(&lock);
    while (done < NWORKERS)
        pthread_cond_wait(&all_done, &lock);
    pthread_mutex_unlock(&lock);
    long sum = 0;
    for (int i = 0; i < NWORKERS; i++)
        sum += results[i];
    return sum > 0;
}
