// A function-static sequence number in a thread function started twice.
#include <pthread.h>

static void *next_id(void *arg)
{
    static unsigned seq;
    (void)arg;
    seq++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, next_id, NULL);
    pthread_create(&b, NULL, next_id, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
