// A thread started by the init routine of pthread_once() (as OVS starts its RCU thread from a
// once-guarded init): pthread_once(&once, start_rcu) calls start_rcu, which leaves rcu_thread
// running; revalidator and rcu_thread both bump `hits`.
#include <pthread.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static long hits;

static void poll_block(void)
{
    hits++; //~ ERROR data-race
}

static void *rcu_thread(void *arg)
{
    for (;;)
        poll_block();
    return arg;
}

static void start_rcu(void)
{
    pthread_t t;
    pthread_create(&t, NULL, rcu_thread, NULL);
}

static void rcu_init(void)
{
    pthread_once(&once, start_rcu);
}

static void *revalidator(void *arg)
{
    rcu_init();
    for (;;)
        poll_block();
    return arg;
}

int main(void)
{
    pthread_t t;
    rcu_init();
    pthread_create(&t, NULL, revalidator, NULL);
    pthread_join(t, NULL);
    return 0;
}
