// The non-Sync global is used by main only; the worker gets plain numbers.
#include <pthread.h>

#include "include/tokenizer.h"

static struct tokenizer g_args;

static void *square(void *arg)
{
    long n = (long)arg;
    return (void *)(n * n);
}

int main(int argc, char **argv)
{
    pthread_t t;
    g_args.cursor = argc > 1 ? argv[1] : "";
    pthread_create(&t, NULL, square, (void *)(long)tok_next(&g_args));
    pthread_join(t, NULL);
    return 0;
}
