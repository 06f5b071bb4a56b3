// Workers that may reach, many calls down, code of the spawning side that starts and joins a
// helper thread of its own (the shape of a preload worker whose gitlink check could read a
// submodule's index): calls alone cannot tell whether a worker takes that path, so the
// helpers are not counted as started by the workers, and not as running twice at once.
#include <pthread.h>
#include <stddef.h>

static long loads;

static void *load_helper(void *arg)
{
    (void)arg;
    loads++;
    return NULL;
}

static void read_index(void)
{
    pthread_t t;
    pthread_create(&t, NULL, load_helper, NULL);
    pthread_join(t, NULL);
}

static void open_submodule(int kind) { if (kind == 3) read_index(); }
static void resolve_link(int kind) { open_submodule(kind); }
static void compare_link(int kind) { resolve_link(kind); }
static void check_entry(int kind) { if (kind != 1) compare_link(kind); }

static void *worker(void *arg)
{
    check_entry(*(int *)arg);
    return NULL;
}

int main(void)
{
    static int kinds[4] = {1, 1, 1, 1};
    pthread_t t[4];
    read_index();
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, &kinds[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return (int)loads;
}
