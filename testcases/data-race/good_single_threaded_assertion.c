// Code after a call that asserts the process has no thread yet (OVS's
// assert_single_threaded(), which aborts otherwise) runs while no other thread exists: its
// write to `inited` cannot race, though a thread reads the flag later.
#include <pthread.h>
#include <stdbool.h>

void assert_single_threaded(void);

static bool inited;
static int handlers;

static void signals_init(void)
{
    if (!inited) {
        assert_single_threaded();
        inited = true;
        handlers = 4;
    }
}

static void *worker(void *arg)
{
    (void)arg;
    return inited ? (void *)&handlers : NULL;
}

int main(void)
{
    pthread_t t;
    signals_init();
    pthread_create(&t, NULL, worker, NULL);
    signals_init();
    pthread_join(t, NULL);
    return 0;
}
