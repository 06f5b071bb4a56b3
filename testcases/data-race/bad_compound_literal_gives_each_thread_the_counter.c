// Each thread's argument is assigned a compound literal whose pointer field holds the address of
// one shared counter (`args[i] = (struct job){.hits = &hits, .id = i};`): every thread bumps the
// same counter without a lock.
#include <pthread.h>

struct job {
    long *hits;
    int id;
};

static void *count(void *p)
{
    struct job *j = p;
    for (int k = 0; k < 1000; k++)
        (*j->hits)++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    static long hits;
    struct job args[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        args[i] = (struct job){.hits = &hits, .id = i};
        pthread_create(&t[i], NULL, count, &args[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return hits > 0;
}
