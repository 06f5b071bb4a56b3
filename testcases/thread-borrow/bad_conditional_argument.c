// One arm of the conditional is a stack address.
#include <pthread.h>
#include <stdlib.h>

static void *consume(void *arg)
{
    return arg;
}

void start_consumer(int use_heap)
{
    int local_slot = 0;
    int *heap_slot = malloc(sizeof *heap_slot);
    pthread_t t;
    pthread_create(&t, NULL, consume, use_heap ? heap_slot : &local_slot); //~ ERROR thread-borrow
    pthread_detach(t);
}
