// Each worker locks only when its options say so; the second one is turned on before its spawn,
// which fearless does not follow: it claims nothing.
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

int main(void)
{
    pthread_t a, b;
    struct opts oa = {1, 5000};
    struct opts ob = {0, 5000};
    pthread_create(&a, NULL, run, &oa);
    ob.synchronized = 1;
    pthread_create(&b, NULL, run, &ob);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("hits=%d\n", hits);
    return 0;
}
