/* sensor_poll.c - C11 threads: polls a sensor on a background thread.
 *
 * BUG: start_polling() gives the poller a pointer to its local `state` and returns; the thread
 * is never joined, so it goes on writing into a dead stack frame.
 *
 * fearless: 1 error [thread-borrow]
 */
#include <stdbool.h>
#include <threads.h>

struct poll_state {
    int fd;
    int samples;
    bool stop;
};

int read_sensor(int fd);

static int poll_sensor(void *arg)
{
    struct poll_state *st = arg;
    while (!st->stop) {
        if (read_sensor(st->fd) < 0)
            break;
        st->samples++;
        thrd_yield();
    }
    return st->samples;
}

int start_polling(int fd)
{
    struct poll_state state = {fd, 0, false};
    thrd_t poller;
    if (thrd_create(&poller, poll_sensor, &state) != thrd_success)
        return -1;
    return 0;
}
