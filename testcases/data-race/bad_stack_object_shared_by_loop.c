// One stack object, declared outside the loop, is the argument of every worker.
#include <pthread.h>

struct tally {
    long words;
};

static void *count(void *arg)
{
    struct tally *t = arg;
    t->words += 100; //~ ERROR data-race
    return NULL;
}

long count_all(void)
{
    struct tally tally = {0};
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, count, &tally);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    return tally.words;
}
