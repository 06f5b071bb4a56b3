// The logger thread formats its timestamps with localtime while main does the same for its
// report: both fill the one `struct tm` the C library returns, gmtime too.
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static void *logger(void *arg)
{
    (void)arg;
    time_t now = time(NULL);
    struct tm *tm = localtime(&now); //~ ERROR mt-unsafe-call
    printf("%02d:%02d\n", tm->tm_hour, tm->tm_min);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, logger, NULL);
    time_t start = time(NULL);
    struct tm *utc = gmtime(&start);
    printf("started %d\n", utc->tm_year);
    pthread_join(t, NULL);
    return 0;
}
