/* producer_consumer_bad.c - the Rust book's classic mistake with channels, in C.
 *
 * Chapter 16, listing 16-9: the producer uses `val` after sending it.
 *
 *     let val = String::from("hi");
 *     tx.send(val).unwrap();
 *     println!("val is {val}");   // error[E0382]: borrow of moved value: `val`
 *
 * In Rust this does not compile. In C it compiles without a warning (-Wall -Wextra), and it is a
 * real bug: once sent, the string belongs to the main thread, which may already have printed and
 * freed it when the producer reads it (a use after free, and a data race). chan_send's message
 * parameter is FL_SENDS, so fearless knows the value moved, and reports the printf.
 * producer_consumer.c is the correct program.
 *
 * fearless: 1 error [use-after-move]
 */
#define _POSIX_C_SOURCE 200809L

#include "chan.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *producer_main(void *arg)
{
    struct chan_sender *tx = arg;
    char *val = strdup("hi");
    if (val) {
        chan_send(tx, val);
        printf("val is %s\n", val);
    }
    chan_sender_drop(tx);
    return NULL;
}

int main(void)
{
    struct chan_sender *tx;
    struct chan_receiver *rx;
    if (chan_new(&tx, &rx, free) != 0) {
        perror("chan_new");
        return 1;
    }
    pthread_t t;
    if (pthread_create(&t, NULL, producer_main, fl_move(tx)) != 0) {
        perror("pthread_create");
        return 1;
    }
    char *received;
    while ((received = chan_recv(rx)) != NULL) {
        printf("Got: %s\n", received);
        free(received);
    }
    chan_receiver_drop(rx);
    pthread_join(t, NULL);
    return 0;
}
