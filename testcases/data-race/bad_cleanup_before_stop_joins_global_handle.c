// The shutdown path closes connections, through code the maintenance thread also runs, before
// it stops that thread: the join of the thread's global handle comes too late.
#include <pthread.h>

static pthread_t maintenance_tid;
static int run_maintenance = 1;
static unsigned deleted;

static void assoc_delete(void)
{
    deleted++; //~ ERROR data-race
}

static void *maintenance_thread(void *arg)
{
    (void)arg;
    while (__atomic_load_n(&run_maintenance, __ATOMIC_ACQUIRE))
        assoc_delete();
    return NULL;
}

static void stop_maintenance(void)
{
    __atomic_store_n(&run_maintenance, 0, __ATOMIC_RELEASE);
    pthread_join(maintenance_tid, NULL);
}

static void stop_threads(void)
{
    assoc_delete();
    stop_maintenance();
}

int main(void)
{
    pthread_create(&maintenance_tid, NULL, maintenance_thread, NULL);
    stop_threads();
    return 0;
}
