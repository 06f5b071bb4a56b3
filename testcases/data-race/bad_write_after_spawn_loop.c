// Threads started in a loop into an array of handles are still running after a call fearless
// cannot see into (sleep): only a call given the handles could join them. main's write races
// with the threads' reads (fio's t/io_uring.c `stats_running`).
#include <pthread.h>
#include <unistd.h>

static int stats_running;

static void *submitter(void *arg)
{
    return stats_running ? arg : NULL;
}

int main(void)
{
    pthread_t t[4];
    int j;
    for (j = 0; j < 4; j++)
        pthread_create(&t[j], NULL, submitter, NULL);
    sleep(1);
    stats_running = 1; //~ ERROR data-race
    for (j = 0; j < 4; j++)
        pthread_join(t[j], NULL);
    return 0;
}
