// fearless-flags: --verbose
/* The program starts its threads through a function whose body is in no file of the database
   (a prebuilt library): fearless says so once, pointing at the call, instead of a silent "clean". */
#include <pthread.h>

int lib_thread_start(pthread_t *t, void *(*fn)(void *), void *arg);
int lib_lock(pthread_mutex_t *m);

static long counter;

static void *work(void *arg) //~ NOTE input
{
    (void)arg;
    counter++;
    return NULL;
}

int main(void)
{
    static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_t t;
    lib_thread_start(&t, work, NULL); //~ NOTE input //~ NOTE input
    lib_lock(&m); //~ NOTE input
    counter++;
    pthread_join(t, NULL);
    return 0;
}
