// Each detached worker fills its own slot of `results`, then counts itself done under the mutex
// and signals. `main` waits until `done` reaches the number of workers, so every slot was written
// before it adds them up.
#include <pthread.h>

#define NWORKERS 4
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static int done;
static long results[NWORKERS];

static void *worker(void *arg)
{
    long id = (long)arg;
    results[id] = id * id;
    pthread_mutex_lock(&lock);
    done++;
    pthread_cond_signal(&all_done);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    done = 0;
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
