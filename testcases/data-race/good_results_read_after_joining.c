// Each worker gets its own element, set up (as a whole) before its own spawn, and copies and
// clears its own element; main reads each result after joining that worker, or in a loop after
// joining them all.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct work {
    int id;
    long result;
    char tag[8];
};

static void *compute(void *p)
{
    struct work *w = p;
    struct work copy = *w;
    memset(w->tag, 0, sizeof w->tag);
    w->result = (long)copy.id * copy.id;
    return NULL;
}

int main(void)
{
    struct work jobs[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (struct work){i, 0, "job"};
        pthread_create(&t[i], NULL, compute, &jobs[i]);
    }
    long sum = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        sum += jobs[i].result;
    }
    for (int i = 0; i < 4; i++)
        jobs[i].result = 0;
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, compute, &jobs[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++)
        sum += jobs[i].result;
    printf("%ld\n", sum);
    return 0;
}
