// Each thread's pointer points to its own slot (`&slots[id]`, an element by a computed index):
// no slot is shared.
#include <pthread.h>

static long slots[4];

static void *worker(void *arg)
{
    int id = *(int *)arg;
    long *mine = &slots[id];
    for (int i = 0; i < 100; i++)
        (*mine)++;
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    static int ids[4] = {0, 1, 2, 3};
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, &ids[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
