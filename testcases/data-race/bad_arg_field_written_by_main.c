// Main lowers the limit while the thread reads it through its argument.
#include <pthread.h>

struct budget {
    int limit;
    int used;
};

static void *spend(void *arg)
{
    struct budget *b = arg;
    while (b->used < b->limit)
        b->used++;
    return NULL;
}

int main(void)
{
    struct budget b = {10, 0};
    pthread_t t;
    pthread_create(&t, NULL, spend, &b);
    b.limit = 5; //~ ERROR data-race
    pthread_join(t, NULL);
    return b.used;
}
