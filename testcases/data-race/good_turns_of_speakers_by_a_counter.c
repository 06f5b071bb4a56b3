// Four speakers append to one transcript in a fixed order: each waits until the turn counter,
// taken modulo the number of speakers, is its own index, writes, and steps the counter.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define NTHREADS 4
#define ROUNDS 20

static pthread_mutex_t turn_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_cv = PTHREAD_COND_INITIALIZER;
static int turn;
static char transcript[NTHREADS * ROUNDS * 4 + 1];
static size_t transcript_len;

static void wait_turn(int me)
{
    pthread_mutex_lock(&turn_lock);
    while (turn % NTHREADS != me)
        pthread_cond_wait(&turn_cv, &turn_lock);
    pthread_mutex_unlock(&turn_lock);
}

static void pass_turn(void)
{
    pthread_mutex_lock(&turn_lock);
    turn++;
    pthread_cond_broadcast(&turn_cv);
    pthread_mutex_unlock(&turn_lock);
}

static void *speaker(void *arg)
{
    int me = (int)(long)arg;
    char word[4] = {(char)('A' + me), ' ', 0, 0};
    for (int r = 0; r < ROUNDS; r++) {
        wait_turn(me);
        memcpy(transcript + transcript_len, word, 2);
        transcript_len += 2;
        pass_turn();
    }
    return NULL;
}

int main(void)
{
    pthread_t th[NTHREADS];
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&th[i], NULL, speaker, (void *)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    printf("%zu\n", transcript_len);
    return 0;
}
