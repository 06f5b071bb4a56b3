// Only the reporter thread ever calls strtok and ctime, and only one reporter runs: a static
// buffer used by one thread is not shared.
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static char config[] = "cpu,mem,disk";

static void *reporter(void *arg)
{
    (void)arg;
    for (char *k = strtok(config, ","); k; k = strtok(NULL, ","))
        puts(k);
    time_t now = time(NULL);
    fputs(ctime(&now), stdout);
    return NULL;
}

static void *worker(void *arg)
{
    return arg;
}

int main(void)
{
    pthread_t r, w;
    pthread_create(&r, NULL, reporter, NULL);
    pthread_create(&w, NULL, worker, NULL);
    pthread_join(r, NULL);
    pthread_join(w, NULL);
    return 0;
}
