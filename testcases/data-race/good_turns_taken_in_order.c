// Two players take turns: each waits until the shared `turn` is its own number, appends to the
// log, and passes the turn on. The log and its length are written without a lock, but only by
// the player whose turn it is.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define ROUNDS 50

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int turn;
static int log_buf[2 * ROUNDS];
static int pos;

static void wait_turn(int me)
{
    pthread_mutex_lock(&m);
    while (turn != me)
        pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
}

static void pass_turn(int next)
{
    pthread_mutex_lock(&m);
    turn = next;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&m);
}

static void *player(void *arg)
{
    int me = (int)(intptr_t)arg;
    for (int r = 0; r < ROUNDS; r++) {
        wait_turn(me);
        log_buf[pos] = me * 100 + r;
        pos = pos + 1;
        pass_turn(1 - me);
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, player, (void *)(intptr_t)0);
    pthread_create(&b, NULL, player, (void *)(intptr_t)1);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("pos=%d\n", pos);
    return 0;
}
