// A statistics counter guarded by a spinlock: the reset path locks it again while holding it.
#include <pthread.h>

static pthread_spinlock_t stats_spin;
static unsigned long packets, bytes;

void stats_account(unsigned long len, int reset)
{
    pthread_spin_lock(&stats_spin);
    packets++;
    bytes += len;
    if (reset) {
        pthread_spin_lock(&stats_spin); //~ ERROR double-lock
        packets = bytes = 0;
    }
    pthread_spin_unlock(&stats_spin);
}
