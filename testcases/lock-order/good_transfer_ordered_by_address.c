// `transfer` orders the two locks by address, so swapped arguments take them in one order.
#include <pthread.h>
#include <stdint.h>
struct acct { pthread_mutex_t mu; long bal; };
void transfer(struct acct *from, struct acct *to, long n)
{
    if ((uintptr_t)from < (uintptr_t)to) {
        pthread_mutex_lock(&from->mu);
        pthread_mutex_lock(&to->mu);
    } else {
        pthread_mutex_lock(&to->mu);
        pthread_mutex_lock(&from->mu);
    }
    from->bal -= n; to->bal += n;
    pthread_mutex_unlock(&to->mu);
    pthread_mutex_unlock(&from->mu);
}
static struct acct A = {PTHREAD_MUTEX_INITIALIZER, 0}, B = {PTHREAD_MUTEX_INITIALIZER, 0};
static void *t1(void *arg) { (void)arg; transfer(&A, &B, 1); return NULL; }
static void *t2(void *arg) { (void)arg; transfer(&B, &A, 1); return NULL; }
int main(void) { pthread_t p, q; pthread_create(&p, 0, t1, 0); pthread_create(&q, 0, t2, 0); pthread_join(p, 0); pthread_join(q, 0); return 0; }
