// The thread gets a pointer to a field of main's struct: `i->hits` is `o.in.hits`.
#include <pthread.h>

struct inner {
    long hits;
};
struct outer {
    int flags;
    struct inner in;
};

static void *count(void *arg)
{
    struct inner *i = arg;
    i->hits++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    struct outer o = {0, {0}};
    pthread_t t;
    pthread_create(&t, NULL, count, &o.in);
    long h = o.in.hits;
    o.flags = 1; /* another field: no conflict */
    pthread_join(t, NULL);
    return (int)h;
}
