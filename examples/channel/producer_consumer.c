/* producer_consumer.c - the Rust book's message passing, in C.
 *
 * Chapter 16, "Using Message Passing to Transfer Data Between Threads", with chan.h standing in
 * for std::sync::mpsc:
 *  - one_producer (listings 16-8 to 16-10): a spawned thread sends "hi", "from", "the", "thread",
 *    pausing between them; the main thread prints each as it arrives. The loop ends when the
 *    thread has dropped its sender: the channel is closed.
 *  - two_producers (listing 16-11): a second thread sends with a clone of the sender; the main
 *    thread prints the two streams as they interleave.
 *
 * As in Rust, the sender moves into the thread (the book's `move` closure): here with fl_move,
 * and the thread drops it when done. Each message is a heap string (the book's String); sending
 * moves it to the main thread, which prints and frees it: the producer must not touch it after
 * chan_send (producer_consumer_bad.c does, and fearless says so).
 *
 * fearless: clean
 */
#define _POSIX_C_SOURCE 200809L

#include "chan.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The book pauses a second between messages; a tenth keeps the demo (and its test) quick while
   still showing the messages arrive one by one. */
#define PAUSE_MS 100

static const char *const greeting[] = {"hi", "from", "the", "thread", NULL};
static const char *const more[] = {"more", "messages", "for", "you", NULL};

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* What a producer thread owns: its sender, and which words to send. */
struct producer {
    struct chan_sender *tx;
    const char *const *vals;
};

static void *producer_main(void *arg)
{
    struct producer *p = arg;
    for (size_t i = 0; p->vals[i] != NULL; i++) {
        char *val = strdup(p->vals[i]); /* String::from(...) */
        /* tx.send(val): from here on, val belongs to the receiving thread. When the send fails
           (the receiver is gone, or no memory), chan_send has destroyed val. */
        if (!val || chan_send(p->tx, val) != 0)
            break;
        pause_ms(PAUSE_MS);
    }
    chan_sender_drop(p->tx); /* the last sender closes the channel: the receiving loop ends */
    free(p);
    return NULL;
}

/* thread::spawn(move || ...): tx moves into the new thread. Like Rust's spawn, which panics when
   the system cannot start a thread, this gives up on the program. */
static pthread_t spawn_producer(struct chan_sender *tx, const char *const *vals)
{
    struct producer *p = malloc(sizeof *p);
    if (!p) {
        perror("malloc");
        exit(1);
    }
    p->tx = tx;
    p->vals = vals;
    pthread_t t;
    int err = pthread_create(&t, NULL, producer_main, fl_move(p));
    if (err != 0) {
        fprintf(stderr, "pthread_create: %s\n", strerror(err));
        exit(1);
    }
    return t;
}

/* for received in rx { println!("Got: {received}"); } */
static void print_all(struct chan_receiver *rx)
{
    char *received;
    while ((received = chan_recv(rx)) != NULL) {
        printf("Got: %s\n", received);
        fflush(stdout); /* show each message as it arrives, even into a pipe */
        free(received);
    }
}

static int one_producer(void)
{
    struct chan_sender *tx;
    struct chan_receiver *rx;
    if (chan_new(&tx, &rx, free) != 0) {
        perror("chan_new");
        return -1;
    }
    pthread_t t = spawn_producer(tx, greeting);
    print_all(rx);
    chan_receiver_drop(rx);
    /* Rust's example never joins; C's main must, or the thread may still be finishing (freeing
       its arguments) when the process exits. */
    pthread_join(t, NULL);
    return 0;
}

static int two_producers(void)
{
    struct chan_sender *tx;
    struct chan_receiver *rx;
    if (chan_new(&tx, &rx, free) != 0) {
        perror("chan_new");
        return -1;
    }
    struct chan_sender *tx1 = chan_sender_clone(tx); /* let tx1 = tx.clone(); */
    if (!tx1) {
        perror("chan_sender_clone");
        chan_sender_drop(tx);
        chan_receiver_drop(rx);
        return -1;
    }
    pthread_t t1 = spawn_producer(tx1, greeting);
    pthread_t t2 = spawn_producer(tx, more);
    print_all(rx);
    chan_receiver_drop(rx);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}

int main(void)
{
    puts("-- one producer --");
    if (one_producer() != 0)
        return 1;
    puts("-- two producers --");
    if (two_producers() != 0)
        return 1;
    return 0;
}
