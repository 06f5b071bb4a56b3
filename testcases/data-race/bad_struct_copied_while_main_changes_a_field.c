// The reporter copies the whole `current` settings struct while `main` changes one of its
// fields: the copy reads `current.interval` as `main` writes it.
#include <pthread.h>

struct settings {
    int interval;
    int verbose;
    long limit;
};
static struct settings current, seen;

static void *reporter(void *arg)
{
    seen = current;
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, reporter, NULL);
    current.interval = 5; //~ ERROR data-race
    pthread_join(t, NULL);
    return seen.interval;
}
