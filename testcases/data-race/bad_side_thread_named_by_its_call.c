// The report names the thread that runs the conflicting access beside the other: revalidator
// starts the rcu thread and then calls log_hit while it runs. main calls log_hit too, but
// before either thread exists: the conflicting access is revalidator's, not main's.
#include <pthread.h>

static long hits;

static void log_hit(void)
{
    hits++; //~ ERROR data-race
}

static void *rcu(void *arg)
{
    for (int i = 0; i < 100; i++)
        log_hit();
    return arg;
}

static void start_rcu(void)
{
    pthread_t t;
    pthread_create(&t, NULL, rcu, NULL);
    pthread_detach(t);
}

static void *revalidator(void *arg)
{
    start_rcu();
    log_hit();
    return arg;
}

int main(void)
{
    pthread_t t;
    log_hit();
    pthread_create(&t, NULL, revalidator, NULL);
    pthread_join(t, NULL);
    return 0;
}
