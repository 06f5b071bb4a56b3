// Each worker locks only when its options say so, and the options come from the command line:
// which value the workers get is not known, nor whether they lock.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int hits;

struct opts {
    int synchronized;
    int rounds;
};

static void *run(void *p)
{
    const struct opts *o = p;
    int locked = o->synchronized;
    for (int i = 0; i < o->rounds; i++) {
        if (locked)
            pthread_mutex_lock(&m);
        hits++;
        if (locked)
            pthread_mutex_unlock(&m);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t a, b;
    struct opts oa = {argc > 1, 5000};
    struct opts ob = {argc > 2, 5000};
    pthread_create(&a, NULL, run, &oa);
    pthread_create(&b, NULL, run, &ob);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("hits=%d\n", hits);
    return 0;
}
