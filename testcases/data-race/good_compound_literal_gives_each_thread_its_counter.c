// Each thread's argument is assigned a compound literal whose pointer field holds the address of
// its own counter (`args[i] = (struct job){.hits = &hits[i], .id = i};`): no two threads share
// one.
#include <pthread.h>

struct job {
    long *hits;
    int id;
};

static void *count(void *p)
{
    struct job *j = p;
    for (int k = 0; k < 1000; k++)
        (*j->hits)++;
    return NULL;
}

int main(void)
{
    static long hits[4];
    struct job args[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        args[i] = (struct job){.hits = &hits[i], .id = i};
        pthread_create(&t[i], NULL, count, &args[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return hits[0] > 0;
}
