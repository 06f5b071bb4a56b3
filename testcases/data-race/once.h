/* A once construct as OVS's ovsthread_once: once_start() returns true to the first caller only,
 * and every other caller waits until that one calls once_done(). For the once_* UI cases. */
#include <pthread.h>
#include <stdbool.h>

struct once {
    bool done;
    pthread_mutex_t mutex;
};
#define ONCE_INITIALIZER { false, PTHREAD_MUTEX_INITIALIZER }

bool once_start(struct once *);
void once_done(struct once *);
