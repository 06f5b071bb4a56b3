// A field of a global configuration is reloaded by a thread while main reads it.
#include <pthread.h>
#include <stdio.h>

struct config {
    int level;
    int color;
};
static struct config cfg;

static void *reload(void *arg)
{
    (void)arg;
    cfg.level = 2; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, reload, NULL);
    printf("level %d\n", cfg.level);
    pthread_join(t, NULL);
    return 0;
}
