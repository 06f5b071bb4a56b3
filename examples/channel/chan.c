/* chan.c - the channel of chan.h.
 *
 * One heap object, struct chan_shared, holds the queue (a singly linked list, oldest first), the
 * mutex that guards it, the condition variable the receiver waits on, and the count of live
 * handles; each handle is a small heap object pointing to it, so that a dropped handle is
 * really gone (freed) and the last handle to go frees the shared part. drop_msg is never called
 * with the lock held: it is the user's code, and may be slow.
 *
 * fearless: clean
 */
#define _POSIX_C_SOURCE 200809L

#include "chan.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

struct chan_node {
    struct chan_node *next;
    void *msg;
};

/* Shared by every handle of one channel, from any thread: everything mutable is under mu, so the
   type is Sync (FL_SYNC says so; fearless would also derive it). */
struct FL_SYNC chan_shared {
    pthread_mutex_t mu;
    pthread_cond_t ready;                   /* signalled when a message is queued or the last
                                               sender goes; waited on by the receiver */
    struct chan_node *head FL_GUARDED_BY(mu); /* next message to receive; NULL: queue empty */
    struct chan_node *tail FL_GUARDED_BY(mu); /* last queued, where sends append */
    size_t senders FL_GUARDED_BY(mu);         /* live sender handles; 0: closed to the receiver */
    bool receiver_alive FL_GUARDED_BY(mu);    /* false: closed to the senders */
    void (*drop_msg)(void *);                 /* set by chan_new, then only read: no lock */
};

struct chan_sender {
    struct chan_shared *sh;
};

struct chan_receiver {
    struct chan_shared *sh;
};

/* Internal contracts: the queue helpers run with the lock held, the rest without. */
static void queue_push(struct chan_shared *sh, struct chan_node *n) FL_REQUIRES(sh->mu);
static struct chan_node *queue_pop(struct chan_shared *sh) FL_REQUIRES(sh->mu);
static struct chan_node *queue_take_all(struct chan_shared *sh) FL_REQUIRES(sh->mu);
static void drop_list(void (*drop_msg)(void *), struct chan_node *list);
static void shared_free(FL_MOVE struct chan_shared *sh) FL_EXCLUDES(sh->mu);

static void queue_push(struct chan_shared *sh, struct chan_node *n)
{
    n->next = NULL;
    if (sh->tail)
        sh->tail->next = n;
    else
        sh->head = n;
    sh->tail = n;
}

/* The oldest node, unlinked; NULL when the queue is empty. */
static struct chan_node *queue_pop(struct chan_shared *sh)
{
    struct chan_node *n = sh->head;
    if (n) {
        sh->head = n->next;
        if (!sh->head)
            sh->tail = NULL;
    }
    return n;
}

/* The whole queue, unlinked, so that it can be destroyed after unlocking. */
static struct chan_node *queue_take_all(struct chan_shared *sh)
{
    struct chan_node *list = sh->head;
    sh->head = sh->tail = NULL;
    return list;
}

/* Destroy the messages of an unlinked list (nobody will receive them) and the nodes. */
static void drop_list(void (*drop_msg)(void *), struct chan_node *list)
{
    while (list) {
        struct chan_node *next = list->next;
        if (drop_msg)
            drop_msg(list->msg);
        free(list);
        list = next;
    }
}

/* Called by the last handle to go: no other thread can reach sh any more. */
static void shared_free(struct chan_shared *sh)
{
    /* Both sides are gone; the receiver's drop emptied the queue and sends failed since. */
    pthread_cond_destroy(&sh->ready);
    pthread_mutex_destroy(&sh->mu);
    free(sh);
}

int chan_new(struct chan_sender **tx, struct chan_receiver **rx, void (*drop_msg)(void *))
{
    *tx = NULL;
    *rx = NULL;
    struct chan_shared *sh = malloc(sizeof *sh);
    struct chan_sender *s = malloc(sizeof *s);
    struct chan_receiver *r = malloc(sizeof *r);
    int err = ENOMEM;
    if (!sh || !s || !r)
        goto fail;
    err = pthread_mutex_init(&sh->mu, NULL);
    if (err)
        goto fail;
    err = pthread_cond_init(&sh->ready, NULL);
    if (err) {
        pthread_mutex_destroy(&sh->mu);
        goto fail;
    }
    /* No other thread can see sh before we return: the guarded fields need no lock yet. */
    sh->head = sh->tail = NULL;
    sh->senders = 1;
    sh->receiver_alive = true;
    sh->drop_msg = drop_msg;
    s->sh = sh;
    r->sh = sh;
    *tx = s;
    *rx = r;
    return 0;

fail:
    free(r);
    free(s);
    free(sh);
    errno = err;
    return -1;
}

struct chan_sender *chan_sender_clone(struct chan_sender *tx)
{
    struct chan_shared *sh = tx->sh;
    struct chan_sender *clone = malloc(sizeof *clone);
    if (!clone) {
        errno = ENOMEM;
        return NULL;
    }
    clone->sh = sh;
    /* tx is alive, so senders >= 1: a clone never reopens a closed channel. */
    pthread_mutex_lock(&sh->mu);
    sh->senders++;
    pthread_mutex_unlock(&sh->mu);
    return clone;
}

void chan_sender_drop(struct chan_sender *tx)
{
    struct chan_shared *sh = tx->sh;
    free(tx);
    pthread_mutex_lock(&sh->mu);
    bool last = --sh->senders == 0;
    if (last)
        pthread_cond_broadcast(&sh->ready); /* a waiting chan_recv must now return NULL */
    bool free_shared = last && !sh->receiver_alive;
    pthread_mutex_unlock(&sh->mu);
    /* Unless we were the very last handle, sh may be freed by the receiver's drop from here on:
       do not touch it again. */
    if (free_shared)
        shared_free(sh);
}

int chan_send(struct chan_sender *tx, void *msg)
{
    /* tx is alive until our caller drops it, so sh is too, and drop_msg never changes. */
    struct chan_shared *sh = tx->sh;
    void (*drop_msg)(void *) = sh->drop_msg;
    /* Allocated before locking, to keep the critical section short. */
    struct chan_node *n = malloc(sizeof *n);
    if (!n) {
        if (drop_msg)
            drop_msg(msg);
        errno = ENOMEM;
        return -1;
    }
    n->msg = msg;
    pthread_mutex_lock(&sh->mu);
    bool delivered = sh->receiver_alive;
    if (delivered) {
        queue_push(sh, n);
        pthread_cond_signal(&sh->ready); /* there is one receiver to wake */
    }
    pthread_mutex_unlock(&sh->mu);
    if (!delivered) {
        /* Rust hands the message back in a SendError; the usual caller drops it. */
        free(n);
        if (drop_msg)
            drop_msg(msg);
        errno = EPIPE;
        return -1;
    }
    return 0;
}

void *chan_recv(struct chan_receiver *rx)
{
    struct chan_shared *sh = rx->sh;
    pthread_mutex_lock(&sh->mu);
    /* A loop, not an if: condition variables wake up spuriously. */
    while (sh->head == NULL && sh->senders > 0)
        pthread_cond_wait(&sh->ready, &sh->mu);
    struct chan_node *n = queue_pop(sh); /* NULL: empty and no sender left */
    pthread_mutex_unlock(&sh->mu);
    if (!n)
        return NULL;
    void *msg = n->msg;
    free(n);
    return msg;
}

void chan_receiver_drop(struct chan_receiver *rx)
{
    struct chan_shared *sh = rx->sh;
    /* Read before unlocking: once unlocked, the last sender's drop may free sh. */
    void (*drop_msg)(void *) = sh->drop_msg;
    free(rx);
    pthread_mutex_lock(&sh->mu);
    sh->receiver_alive = false;
    struct chan_node *queued = queue_take_all(sh);
    bool free_shared = sh->senders == 0;
    pthread_mutex_unlock(&sh->mu);
    drop_list(drop_msg, queued);
    if (free_shared)
        shared_free(sh);
}
