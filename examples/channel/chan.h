/* chan.h - an unbounded multi-producer, single-consumer channel, after Rust's std::sync::mpsc.
 *
 * The example to copy when you write a thread-safe C API for fearless: every ownership and
 * threading rule of the API is written down with fearless.h's annotations, so fearless checks the
 * callers (a message used after it was sent, a handle used after it was dropped, the receiver
 * shared by two threads).
 *
 *     struct chan_sender *tx;
 *     struct chan_receiver *rx;
 *     if (chan_new(&tx, &rx, free) != 0)
 *         return -1;
 *     // a producer thread, owning tx:          // the consumer, owning rx:
 *     chan_send(tx, strdup("hi"));              char *msg;
 *     chan_sender_drop(tx);                     while ((msg = chan_recv(rx)) != NULL) {
 *                                                   puts(msg);
 *                                                   free(msg);
 *                                               }
 *                                               chan_receiver_drop(rx);
 *
 * Ownership, as in Rust:
 *  - A message is a `void *` the sender owns. chan_send always takes it (FL_SENDS: moved, and it
 *    reaches the receiving thread); chan_recv gives it to the receiver, who then owns it.
 *    Messages the receiver never gets (still queued when it is dropped, or sent after) are
 *    destroyed with the channel's drop_msg function.
 *  - Handles are moved into their drop functions (FL_MOVE): after chan_sender_drop(tx) or
 *    chan_receiver_drop(rx) the handle is gone.
 *  - The channel is closed when every sender or the receiver is dropped, and freed when both
 *    sides are gone, whichever goes last.
 *
 * Threads:
 *  - A sender handle may be moved to another thread, and may be shared: chan_send locks. To give
 *    each producer thread its own handle, as Rust's `tx.clone()` does, use chan_sender_clone.
 *  - The receiver may be moved to another thread but not shared (FL_NOT_SYNC): there is one
 *    consumer. (The lock would keep two concurrent chan_recv calls memory-safe, but the
 *    consumer that drops the receiver would free it under the other's feet.)
 *  - drop_msg runs inside chan_send and chan_receiver_drop, but never with the channel's lock
 *    held: it may be slow, or use the channel itself.
 *
 * Build: C11 and POSIX threads (-pthread). Warning-free with gcc and clang -Wall -Wextra -pedantic.
 */
#ifndef CHAN_H
#define CHAN_H

#include "../../annotations/fearless.h"

/* The producing end. Opaque; many may exist for one channel (chan_sender_clone). */
struct chan_sender;

/* The consuming end. Opaque; exactly one per channel. Like Rust's Receiver: Send, not Sync. */
struct FL_NOT_SYNC chan_receiver;

/* Create a channel: one sender in *tx, the receiver in *rx. drop_msg destroys a message the
   receiver never gets (free for malloc'ed messages; NULL when messages own nothing, e.g. they
   point to static data). Returns 0, or -1 with errno set (ENOMEM, or what pthread_mutex_init /
   pthread_cond_init returned) and *tx and *rx set to NULL. */
int chan_new(struct chan_sender **tx, struct chan_receiver **rx, void (*drop_msg)(void *));

/* Another sender for the same channel, which stays open until every sender is dropped. Returns
   NULL with errno ENOMEM when out of memory. Cloning after the receiver is gone is allowed; sends
   through the clone then fail like any other. */
struct chan_sender *chan_sender_clone(struct chan_sender *tx);

/* Drop a sender. When it is the last one, the channel closes: chan_recv returns the queued
   messages, then NULL. */
void chan_sender_drop(FL_MOVE struct chan_sender *tx);

/* Send msg to the receiver. Ownership of msg always passes to the channel, even when the send
   fails: do not use msg after this call. Returns 0 when queued; -1 when it cannot be delivered,
   errno EPIPE (the receiver was dropped) or ENOMEM (no memory for the queue node), in which case
   msg has been destroyed with drop_msg (Rust returns the message in a SendError, which the caller
   usually drops). Never blocks, except on the channel's lock. */
int chan_send(struct chan_sender *tx, FL_SENDS void *msg);

/* The next message, in the order the sends were queued, blocking until one arrives; the caller
   owns it. NULL once every sender is dropped and the queue is empty (and on every call after). */
void *chan_recv(struct chan_receiver *rx);

/* Drop the receiver. Queued messages are destroyed with drop_msg; later sends fail with EPIPE. */
void chan_receiver_drop(FL_MOVE struct chan_receiver *rx);

#endif /* CHAN_H */
