// `break` leaves the loop body, ending `chunk`, while the thread may run.
#include <pthread.h>

static void *compress(void *arg)
{
    return arg;
}

void compress_all(int n)
{
    for (int i = 0; i < n; i++) {
        char chunk[4096];
        pthread_t t;
        pthread_create(&t, NULL, compress, chunk); //~ ERROR thread-borrow
        if (i == 3)
            break;
        pthread_join(t, NULL);
    }
}
