// The sweeper walks the whole table with a counter wrapped round it (`slots[i % NSLOTS]`)
// without the lock the clients hold for their own slot: it writes every client's slot.
#include <pthread.h>

#define NSLOTS 8

static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static long slots[NSLOTS];

static void *client(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&slots_lock);
        slots[id]++;
        pthread_mutex_unlock(&slots_lock);
    }
    return NULL;
}

static void *sweeper(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10 * NSLOTS; i++)
        slots[i % NSLOTS] = 0; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t c[2], s;
    for (long i = 0; i < 2; i++)
        pthread_create(&c[i], NULL, client, (void *)i);
    pthread_create(&s, NULL, sweeper, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(c[i], NULL);
    pthread_join(s, NULL);
    return (int)slots[0];
}
