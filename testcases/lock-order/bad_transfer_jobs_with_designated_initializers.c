// The jobs name their accounts with designators, in another order than the fields' (`.to` first
// in the second job): the two threads lock a and b in opposite orders.
#include <pthread.h>
struct account { pthread_mutex_t lock; long balance; };
struct job { int id; struct account *from, *to; long amount; };
static struct account a, b;
static void transfer(struct account *from, struct account *to, long n)
{
    pthread_mutex_lock(&from->lock);
    pthread_mutex_lock(&to->lock);
    from->balance -= n; to->balance += n;
    pthread_mutex_unlock(&to->lock);
    pthread_mutex_unlock(&from->lock);
}
static void *run(void *arg) { struct job *j = arg; transfer(j->from, j->to, j->amount); return 0; }
int main(void)
{
    struct job j1 = { .from = &a, .to = &b, .amount = 5 };
    struct job j2 = { .to = &a, .from = &b };
    pthread_t t1, t2;
    pthread_create(&t1, 0, run, &j1);
    pthread_create(&t2, 0, run, &j2); //~ ERROR lock-order
    pthread_join(t1, 0); pthread_join(t2, 0);
    return 0;
}
