/* test_chan.c - the channel of chan.h under real threads.
 *
 * Plain C with assertions that stay on in every build (CHECK aborts with the failed condition).
 * ctest runs it as built normally (channel/test), under ThreadSanitizer (channel/test-tsan: any
 * data race or lock misuse fails the run) and under AddressSanitizer with LeakSanitizer
 * (channel/test-asan: use-after-free, and any leaked node, handle or shared state). Messages are
 * counted (made, received, dropped by the channel) so that each test also proves every message
 * was destroyed exactly once.
 *
 * fearless: clean
 */
#define _POSIX_C_SOURCE 200809L

#include "chan.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK(cond)                                                                           \
    do {                                                                                      \
        if (!(cond)) {                                                                        \
            fprintf(stderr, "%s:%d: in %s: check failed: %s\n", __FILE__, __LINE__, __func__,  \
                    #cond);                                                                   \
            abort();                                                                          \
        }                                                                                     \
    } while (0)

/* ---- messages ---------------------------------------------------------------------------- */

/* A message: which producer sent it, and its place in that producer's sequence. */
struct msg {
    int producer;
    int seq;
};

static atomic_long msgs_made;     /* msg_new */
static atomic_long msgs_received; /* freed by a test after chan_recv gave them */
static atomic_long msgs_dropped;  /* destroyed by the channel through msg_drop */

static struct msg *msg_new(int producer, int seq)
{
    struct msg *m = malloc(sizeof *m);
    CHECK(m != NULL);
    m->producer = producer;
    m->seq = seq;
    atomic_fetch_add(&msgs_made, 1);
    return m;
}

/* The channel's drop_msg. */
static void msg_drop(void *p)
{
    free(p);
    atomic_fetch_add(&msgs_dropped, 1);
}

static void msg_received(struct msg *m)
{
    free(m);
    atomic_fetch_add(&msgs_received, 1);
}

/* Every message made so far was received or dropped, once. */
static void check_all_messages_accounted(void)
{
    long made = atomic_load(&msgs_made);
    long received = atomic_load(&msgs_received);
    long dropped = atomic_load(&msgs_dropped);
    if (made != received + dropped)
        fprintf(stderr, "made %ld, received %ld, dropped %ld\n", made, received, dropped);
    CHECK(made == received + dropped);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* ---- threads ----------------------------------------------------------------------------- */

/* A producer owns its sender and its arguments: both are moved to the thread with fl_move. */
struct producer {
    struct chan_sender *tx;
    int id;
    int count;     /* messages to send, seq 0 .. count-1 */
    long ok, fail; /* sends that returned 0 and -1 (read by the joiner) */
};

static void *producer_main(void *arg)
{
    struct producer *p = arg;
    for (int seq = 0; seq < p->count; seq++) {
        if (chan_send(p->tx, msg_new(p->id, seq)) == 0)
            p->ok++;
        else {
            CHECK(errno == EPIPE);
            p->fail++;
        }
    }
    chan_sender_drop(p->tx);
    return p; /* the joiner reads the counts and frees it */
}

static pthread_t spawn_producer(struct chan_sender *tx, int id, int count)
{
    struct producer *p = malloc(sizeof *p);
    CHECK(p != NULL);
    p->tx = tx;
    p->id = id;
    p->count = count;
    p->ok = p->fail = 0;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, producer_main, fl_move(p)) == 0);
    return t;
}

/* Join a producer; its counts are added to *ok and *fail. */
static void join_producer(pthread_t t, long *ok, long *fail)
{
    void *ret;
    CHECK(pthread_join(t, &ret) == 0);
    struct producer *p = ret;
    *ok += p->ok;
    *fail += p->fail;
    free(p);
}

#define MAX_PRODUCERS 8

/* What a consumer saw: per producer, how many messages and whether each came in order. */
struct tally {
    long count[MAX_PRODUCERS];
    int in_order[MAX_PRODUCERS]; /* 1 while every seq was the previous one plus 1 */
    long total;
};

/* Receive until the channel is closed and empty, checking each producer's order. */
static void consume(struct chan_receiver *rx, struct tally *t)
{
    for (int i = 0; i < MAX_PRODUCERS; i++) {
        t->count[i] = 0;
        t->in_order[i] = 1;
    }
    t->total = 0;
    struct msg *m;
    while ((m = chan_recv(rx)) != NULL) {
        CHECK(m->producer >= 0 && m->producer < MAX_PRODUCERS);
        if (m->seq != t->count[m->producer])
            t->in_order[m->producer] = 0;
        t->count[m->producer]++;
        t->total++;
        msg_received(m);
    }
}

/* A consumer thread owns the receiver (moved in: a receiver is Send) and drops it. */
static void *consumer_main(void *arg)
{
    struct chan_receiver *rx = arg;
    struct tally *t = malloc(sizeof *t);
    CHECK(t != NULL);
    consume(rx, t);
    CHECK(chan_recv(rx) == NULL); /* closed stays closed */
    chan_receiver_drop(rx);
    return t;
}

/* ---- tests ------------------------------------------------------------------------------- */

/* One producer thread: every message arrives, in the order sent, then NULL. */
static void test_single_producer_order(void)
{
    struct chan_sender *tx;
    struct chan_receiver *rx;
    CHECK(chan_new(&tx, &rx, msg_drop) == 0);
    pthread_t t = spawn_producer(tx, 0, 2000);
    struct tally got;
    consume(rx, &got);
    CHECK(got.total == 2000 && got.count[0] == 2000 && got.in_order[0]);
    CHECK(chan_recv(rx) == NULL);
    long ok = 0, fail = 0;
    join_producer(t, &ok, &fail);
    CHECK(ok == 2000 && fail == 0);
    chan_receiver_drop(rx);
    check_all_messages_accounted();
}

/* Several producers, each with its own clone, and the receiver in a thread of its own: every
   message is received exactly once, each producer's in its order. */
static void test_many_producers(void)
{
    enum { PRODUCERS = 4, EACH = 5000 };
    struct chan_sender *tx;
    struct chan_receiver *rx;
    CHECK(chan_new(&tx, &rx, msg_drop) == 0);
    pthread_t consumer;
    CHECK(pthread_create(&consumer, NULL, consumer_main, fl_move(rx)) == 0);
    pthread_t producers[PRODUCERS];
    for (int i = 0; i < PRODUCERS; i++) {
        struct chan_sender *clone = chan_sender_clone(tx);
        CHECK(clone != NULL);
        producers[i] = spawn_producer(clone, i, EACH);
    }
    /* The original is not needed: the channel stays open while the clones live. */
    chan_sender_drop(tx);
    long ok = 0, fail = 0;
    for (int i = 0; i < PRODUCERS; i++)
        join_producer(producers[i], &ok, &fail);
    CHECK(ok == (long)PRODUCERS * EACH && fail == 0);
    void *ret;
    CHECK(pthread_join(consumer, &ret) == 0);
    struct tally *got = ret;
    CHECK(got->total == (long)PRODUCERS * EACH);
    for (int i = 0; i < PRODUCERS; i++)
        CHECK(got->count[i] == EACH && got->in_order[i]);
    free(got);
    check_all_messages_accounted();
}

/* Once every sender is dropped, recv returns what is queued, then NULL, and NULL again. */
static void test_recv_null_after_senders_dropped(void)
{
    struct chan_sender *tx;
    struct chan_receiver *rx;
    CHECK(chan_new(&tx, &rx, msg_drop) == 0);
    struct chan_sender *tx2 = chan_sender_clone(tx);
    CHECK(tx2 != NULL);
    CHECK(chan_send(tx, msg_new(0, 0)) == 0);
    CHECK(chan_send(tx2, msg_new(1, 0)) == 0);
    CHECK(chan_send(tx, msg_new(0, 1)) == 0);
    chan_sender_drop(tx);
    chan_sender_drop(tx2);
    struct msg *m = chan_recv(rx);
    CHECK(m != NULL && m->producer == 0 && m->seq == 0);
    msg_received(m);
    m = chan_recv(rx);
    CHECK(m != NULL && m->producer == 1 && m->seq == 0);
    msg_received(m);
    m = chan_recv(rx);
    CHECK(m != NULL && m->producer == 0 && m->seq == 1);
    msg_received(m);
    CHECK(chan_recv(rx) == NULL);
    CHECK(chan_recv(rx) == NULL);
    chan_receiver_drop(rx);
    check_all_messages_accounted();
}

/* A receiver blocked in an empty channel wakes up with NULL when the last sender is dropped. */
static void test_blocked_recv_wakes_on_close(void)
{
    struct chan_sender *tx;
    struct chan_receiver *rx;
    CHECK(chan_new(&tx, &rx, msg_drop) == 0);
    pthread_t consumer;
    CHECK(pthread_create(&consumer, NULL, consumer_main, fl_move(rx)) == 0);
    sleep_ms(50); /* very likely blocked in chan_recv by now; correct either way */
    chan_sender_drop(tx);
    void *ret;
    CHECK(pthread_join(consumer, &ret) == 0);
    struct tally *got = ret;
    CHECK(got->total == 0);
    free(got);
    check_all_messages_accounted();
}

/* After the receiver is dropped, sends fail with EPIPE and destroy their message; messages still
   queued when it is dropped are destroyed too. */
static void test_send_after_receiver_dropped(void)
{
    struct chan_sender *tx;
    struct chan_receiver *rx;
    CHECK(chan_new(&tx, &rx, msg_drop) == 0);
    for (int i = 0; i < 5; i++)
        CHECK(chan_send(tx, msg_new(0, i)) == 0);
    long dropped = atomic_load(&msgs_dropped);
    chan_receiver_drop(rx);
    CHECK(atomic_load(&msgs_dropped) == dropped + 5);
    errno = 0;
    CHECK(chan_send(tx, msg_new(0, 5)) == -1);
    CHECK(errno == EPIPE);
    CHECK(atomic_load(&msgs_dropped) == dropped + 6);
    /* A clone made now is a sender of a closed channel like the others. */
    struct chan_sender *late = chan_sender_clone(tx);
    CHECK(late != NULL);
    CHECK(chan_send(late, msg_new(1, 0)) == -1);
    CHECK(atomic_load(&msgs_dropped) == dropped + 7);
    chan_sender_drop(tx);
    chan_sender_drop(late); /* the last handle: frees the channel (LeakSanitizer checks) */
    check_all_messages_accounted();
}

/* The channel stays open while any clone lives, whatever the order handles are dropped in. */
static void test_clone_drop_counting(void)
{
    struct chan_sender *tx;
    struct chan_receiver *rx;
    CHECK(chan_new(&tx, &rx, msg_drop) == 0);
    struct chan_sender *a = chan_sender_clone(tx);
    struct chan_sender *b = chan_sender_clone(a); /* a clone of a clone counts the same */
    struct chan_sender *c = chan_sender_clone(tx);
    CHECK(a != NULL && b != NULL && c != NULL);
    chan_sender_drop(tx);
    chan_sender_drop(b);
    CHECK(chan_send(a, msg_new(0, 0)) == 0);
    chan_sender_drop(a);
    /* c is left: the queued message comes out, and the channel is still open for c. */
    struct msg *m = chan_recv(rx);
    CHECK(m != NULL && m->producer == 0);
    msg_received(m);
    CHECK(chan_send(c, msg_new(2, 0)) == 0);
    m = chan_recv(rx);
    CHECK(m != NULL && m->producer == 2);
    msg_received(m);
    chan_sender_drop(c);
    CHECK(chan_recv(rx) == NULL);
    chan_receiver_drop(rx);
    check_all_messages_accounted();
}

/* The receiver goes away while producers are sending: each message is received or dropped,
   exactly once, and the sends after the drop fail. No lock, no free, races (TSan checks). */
static void test_receiver_drops_mid_stream(void)
{
    enum { PRODUCERS = 3, EACH = 3000, TAKE = 1000 };
    struct chan_sender *tx;
    struct chan_receiver *rx;
    CHECK(chan_new(&tx, &rx, msg_drop) == 0);
    pthread_t producers[PRODUCERS];
    for (int i = 0; i < PRODUCERS; i++) {
        struct chan_sender *clone = chan_sender_clone(tx);
        CHECK(clone != NULL);
        producers[i] = spawn_producer(clone, i, EACH);
    }
    chan_sender_drop(tx);
    for (int i = 0; i < TAKE; i++) {
        struct msg *m = chan_recv(rx);
        CHECK(m != NULL); /* 9000 are coming: the channel cannot be closed yet */
        msg_received(m);
    }
    chan_receiver_drop(rx);
    long ok = 0, fail = 0;
    for (int i = 0; i < PRODUCERS; i++)
        join_producer(producers[i], &ok, &fail);
    CHECK(ok + fail == (long)PRODUCERS * EACH);
    CHECK(ok >= TAKE);
    check_all_messages_accounted();
}

/* Messages that own nothing: drop_msg may be NULL. */
static void test_static_messages(void)
{
    static char first[] = "first", second[] = "second", third[] = "third";
    struct chan_sender *tx;
    struct chan_receiver *rx;
    CHECK(chan_new(&tx, &rx, NULL) == 0);
    CHECK(chan_send(tx, first) == 0);
    CHECK(chan_send(tx, second) == 0);
    const char *got = chan_recv(rx);
    CHECK(got != NULL && strcmp(got, "first") == 0);
    chan_receiver_drop(rx); /* drops the queued second one: nothing to do */
    errno = 0;
    CHECK(chan_send(tx, third) == -1);
    CHECK(errno == EPIPE);
    chan_sender_drop(tx);
}

int main(void)
{
    static const struct {
        const char *name;
        void (*run)(void);
    } tests[] = {
        {"single_producer_order", test_single_producer_order},
        {"many_producers", test_many_producers},
        {"recv_null_after_senders_dropped", test_recv_null_after_senders_dropped},
        {"blocked_recv_wakes_on_close", test_blocked_recv_wakes_on_close},
        {"send_after_receiver_dropped", test_send_after_receiver_dropped},
        {"clone_drop_counting", test_clone_drop_counting},
        {"receiver_drops_mid_stream", test_receiver_drops_mid_stream},
        {"static_messages", test_static_messages},
    };
    size_t n = sizeof tests / sizeof tests[0];
    for (size_t i = 0; i < n; i++) {
        tests[i].run();
        printf("ok %zu - %s\n", i + 1, tests[i].name);
    }
    printf("%zu tests passed (%ld messages made, %ld received, %ld dropped by the channel)\n", n,
           atomic_load(&msgs_made), atomic_load(&msgs_received), atomic_load(&msgs_dropped));
    return 0;
}
