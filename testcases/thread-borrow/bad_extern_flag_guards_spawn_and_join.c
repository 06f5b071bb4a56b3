// `verbose_helper` has external linkage: another file may change it while the helper runs (a
// call to report() goes there), so the two tests of it are not known to agree.
#include <pthread.h>

struct job { long in, out; pthread_t th; };

int verbose_helper;
void report(const char *what);

static void *helper(void *arg)
{
    struct job *j = arg;
    j->out = j->in * 2;
    return NULL;
}

long run(long in)
{
    struct job j = {in, 0, 0};
    if (verbose_helper)
        pthread_create(&j.th, NULL, helper, &j); //~ ERROR thread-borrow
    report("started");
    if (verbose_helper)
        pthread_join(j.th, NULL);
    return j.in;
}
