// `move_one` locks the two locks it is given lower address first, whatever order the callers
// pass them in: the two balancer threads take them in one order.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t rx_queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t tx_queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int rx_queue_len = 200;
static int tx_queue_len = 200;

static void move_one(pthread_mutex_t *src_lock, int *src_len,
                     pthread_mutex_t *dst_lock, int *dst_len)
{
    if (src_lock < dst_lock) {
        pthread_mutex_lock(src_lock);
        pthread_mutex_lock(dst_lock);
    } else {
        pthread_mutex_lock(dst_lock);
        pthread_mutex_lock(src_lock);
    }
    if (*src_len > 0) {
        (*src_len)--;
        (*dst_len)++;
    }
    pthread_mutex_unlock(dst_lock);
    pthread_mutex_unlock(src_lock);
}

static void *rx_to_tx(void *arg)
{
    for (int i = 0; i < 500; i++)
        move_one(&rx_queue_lock, &rx_queue_len, &tx_queue_lock, &tx_queue_len);
    return arg;
}

static void *tx_to_rx(void *arg)
{
    for (int i = 0; i < 500; i++)
        move_one(&tx_queue_lock, &tx_queue_len, &rx_queue_lock, &rx_queue_len);
    return arg;
}

int main(void)
{
    pthread_t a, b;

    pthread_create(&a, NULL, rx_to_tx, NULL);
    pthread_create(&b, NULL, tx_to_rx, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("rx=%d tx=%d\n", rx_queue_len, tx_queue_len);
    return 0;
}
