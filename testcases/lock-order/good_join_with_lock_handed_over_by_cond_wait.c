// main holds `mu` from start to end, but every handshake waits on `cv` with it, which gives
// `mu` to the peer thread; the peer's last step unlocks it before main's wait returns, so the
// join never waits for a thread that waits for `mu`. (libuv's thread tests work this way.)
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int step;

static void handshake(void)
{
    int current = step;
    step++;
    pthread_cond_signal(&cv);
    while (step == current + 1)
        pthread_cond_wait(&cv, &mu);
}

static void *peer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    step++;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_mutex_lock(&mu);
    pthread_create(&t, NULL, peer, NULL);
    handshake();
    pthread_join(t, NULL);
    pthread_mutex_unlock(&mu);
    return 0;
}
