// A spinlock on the stack of a parallel reduction is released before it was ever taken.
#include <pthread.h>

long reduce(const long *v, int n)
{
    pthread_spinlock_t spin;
    long total = 0;
    pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
    pthread_spin_unlock(&spin); //~ ERROR unlock-unheld
    for (int i = 0; i < n; i++)
        total += v[i];
    pthread_spin_destroy(&spin);
    return total;
}
