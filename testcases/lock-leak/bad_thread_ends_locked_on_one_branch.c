// The writer gives the lock back only when the write succeeded: when it failed, the thread ends
// holding `file_mu`, and every later writer waits forever.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t file_mu = PTHREAD_MUTEX_INITIALIZER;
static FILE *out;

static void *writer(void *arg)
{
    pthread_mutex_lock(&file_mu);
    if (fputs(arg, out) >= 0)
        pthread_mutex_unlock(&file_mu);
    return NULL; //~ ERROR lock-leak
}

int main(void)
{
    pthread_t t;
    out = stdout;
    pthread_create(&t, NULL, writer, "hello\n");
    pthread_join(t, NULL);
    return 0;
}
