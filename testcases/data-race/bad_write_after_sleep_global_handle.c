// The thread's handle is a global, and main calls sleep() before writing a flag the thread
// reads. A function of the C library cannot join a thread whose handle it is not given: the
// thread still runs at the write (fio's t/io_uring.c `stats_running`).
#include <pthread.h>
#include <unistd.h>

static int flag;
static pthread_t th;

static void *fn(void *arg)
{
    return flag ? arg : NULL;
}

int main(void)
{
    pthread_create(&th, NULL, fn, NULL);
    sleep(1);
    flag = 1; //~ ERROR data-race
    pthread_join(th, NULL);
    return 0;
}
