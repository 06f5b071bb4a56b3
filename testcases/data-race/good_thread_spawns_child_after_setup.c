// A thread that is not main sets up an object, then starts a child with it (fio's workqueue):
// pthread_create orders the parent's writes before everything the child does.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
struct work { pthread_t thread; int index; };

static void *child(void *data) {
    struct work *w = data;
    printf("%d\n", w->index);              /* read in the child */
    return NULL;
}

static void *parent(void *arg) {
    struct work *w = malloc(sizeof(*w));
    w->index = 1;                          /* before the spawn */
    pthread_create(&w->thread, NULL, child, w);
    pthread_join(w->thread, NULL);
    free(w);
    return arg;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, parent, NULL);
    pthread_join(t, NULL);
    return 0;
}
