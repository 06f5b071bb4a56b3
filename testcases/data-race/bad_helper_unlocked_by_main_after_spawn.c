// The same helper, but main calls it without the lock after it starts the threads: that call
// runs beside expander's write, and the helper's read is not protected there.
#include <pthread.h>

static pthread_mutex_t rebal_lock = PTHREAD_MUTEX_INITIALIZER;
static int power = 16;

static int lookup(unsigned hv)
{
    return (int)(hv & ((1u << power) - 1));
}

static void *expander(void *arg)
{
    pthread_mutex_lock(&rebal_lock);
    power++; //~ ERROR data-race
    pthread_mutex_unlock(&rebal_lock);
    return arg;
}

int main(void)
{
    pthread_t b;
    pthread_create(&b, NULL, expander, NULL);
    int r = lookup(1);
    pthread_join(b, NULL);
    return r;
}
