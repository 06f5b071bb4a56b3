// fearless-flags: --verbose
// A codec's `.code` field holds one of five implementations, each object its own (xz's
// lzma_next_coder, OVS's netdev classes). The worker calls `c->code`: which one its object
// holds is not known, and one of the five writes a global main writes. A race through a call
// that may enter any of many implementations is not reported; --verbose says why.
#include <pthread.h>

struct coder {
    void (*code)(int n);
};

static int restarts;

static void code_a(int n) { (void)n; }
static void code_b(int n) { (void)n; }
static void code_c(int n) { (void)n; }
static void code_d(int n) { (void)n; }
static void code_restart(int n)
{
    restarts = n; //~ NOTE data-race
}

static const struct coder coders[] = {{code_a}, {code_b}, {code_c}, {code_d}, {code_restart}};

static void *worker(void *arg)
{
    const struct coder *c = arg;
    c->code(1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, (void *)&coders[0]);
    restarts = 0;
    pthread_join(t, NULL);
    return restarts;
}
