#include <pthread.h>

struct queue {
    pthread_mutex_t mu;
    int len; //~ NOTE suggest-guarded-by
};

void queue_push(struct queue *q);
int queue_pop(struct queue *q);
