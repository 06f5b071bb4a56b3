// Every user drops its reference after its last use, and only the one that drops the last
// frees the object: the free comes after every other thread is done with it. With C11 atomics
// (through a local the test reads) and with GCC's builtins.
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct msg {
    atomic_int refs;
    int len;
};

struct blob {
    int refs; /* only touched through __atomic builtins */
    char data[64];
};

static void msg_put(struct msg *m)
{
    int before = atomic_fetch_sub(&m->refs, 1);
    if (before == 1)
        free(m);
}

static void blob_put(struct blob *b)
{
    if (__atomic_sub_fetch(&b->refs, 1, __ATOMIC_ACQ_REL) == 0)
        free(b);
}

static void *reader(void *arg)
{
    struct msg *m = arg;
    int n = m->len;
    (void)n;
    msg_put(m);
    return NULL;
}

static void *printer(void *arg)
{
    struct blob *b = arg;
    char c = b->data[0];
    (void)c;
    blob_put(b);
    return NULL;
}

int main(void)
{
    struct msg *m = calloc(1, sizeof *m);
    struct blob *b = calloc(1, sizeof *b);
    atomic_init(&m->refs, 2);
    m->len = 5;
    b->refs = 2;
    pthread_t x, y;
    pthread_create(&x, NULL, reader, m);
    pthread_create(&y, NULL, printer, b);
    msg_put(m);
    blob_put(b);
    pthread_join(x, NULL);
    pthread_join(y, NULL);
    return 0;
}
