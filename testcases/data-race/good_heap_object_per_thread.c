// Each thread gets its own heap object: the pointer is reassigned before the next spawn.
#include <pthread.h>
#include <stdlib.h>

struct task {
    int id;
    long result;
};

static void *run(void *arg)
{
    struct task *t = arg;
    t->result = t->id * 2L;
    return NULL;
}

int main(void)
{
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        struct task *t = malloc(sizeof *t);
        if (!t)
            abort();
        t->id = i;
        t->result = 0;
        pthread_create(&th[i], NULL, run, t);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    return 0;
}
