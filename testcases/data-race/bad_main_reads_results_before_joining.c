// Each worker writes the result into its own element; main adds the results up in a loop of
// its own before it joins the workers, while they may still be writing them.
#include <pthread.h>
#include <stdio.h>

struct work {
    int id;
    long result;
};

static void *compute(void *p)
{
    struct work *w = p;
    w->result = (long)w->id * w->id; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    struct work jobs[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].id = i;
        pthread_create(&t[i], NULL, compute, &jobs[i]);
    }
    long sum = 0;
    for (int i = 0; i < 4; i++)
        sum += jobs[i].result;
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("%ld\n", sum);
    return 0;
}
