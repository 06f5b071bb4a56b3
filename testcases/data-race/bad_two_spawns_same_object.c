// Two thread functions get the same submitter, one after the other, while both run: they race
// on `s->calls`.
#include <pthread.h>

struct submitter {
    unsigned long calls;
};

static void *submit_sync(void *data)
{
    struct submitter *s = data;
    s->calls++; //~ ERROR data-race
    return NULL;
}

static void *submit_async(void *data)
{
    struct submitter *s = data;
    s->calls++;
    return NULL;
}

int main(void)
{
    struct submitter sub = {0};
    struct submitter *s = &sub;
    pthread_t a, b;
    pthread_create(&a, NULL, submit_sync, s);
    pthread_create(&b, NULL, submit_async, s);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
