// The reentrant forms keep their state where the caller says; a non-reentrant call made under
// one mutex by every thread is serialized; the environment is only read once threads run.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t time_mu = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    char line[128], *save;
    snprintf(line, sizeof line, "%s", (const char *)arg);
    for (char *tok = strtok_r(line, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
        puts(tok);
    time_t now = time(NULL);
    struct tm mine;
    localtime_r(&now, &mine);
    pthread_mutex_lock(&time_mu);
    struct tm *shared = gmtime(&now);
    int year = shared->tm_year;
    pthread_mutex_unlock(&time_mu);
    const char *tz = getenv("TZ");
    printf("%d %d %s\n", mine.tm_hour, year, tz ? tz : "");
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    setenv("TZ", "UTC", 1);
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, "a,b,c");
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    char *tok = strtok(getenv("PATH"), ":"); /* after every join: no other thread */
    return tok != NULL;
}
