// main changes the environment after its workers have started, while they read it with getenv:
// setenv may move or free the strings getenv is walking.
#include <pthread.h>
#include <stdlib.h>

static void *worker(void *arg)
{
    (void)arg;
    const char *home = getenv("HOME");
    return (void *)home;
}

int main(void)
{
    pthread_t t[2];
    setenv("LANG", "C", 1); /* before the threads: fine */
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    setenv("TZ", "UTC", 1); //~ ERROR mt-unsafe-call
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
