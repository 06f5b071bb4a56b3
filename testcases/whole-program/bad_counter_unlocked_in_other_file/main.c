#include <pthread.h>
#include <stdio.h>

extern long hits;
void stats_lock(void);
void stats_unlock(void);
void *worker(void *arg);

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    stats_lock();
    long seen = hits; /* under the lock `worker` takes through the same helpers */
    stats_unlock();
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("%ld %ld\n", seen, hits);
    return 0;
}
