// `inv_acquire` locks the inventory and returns it. `main` fills the stock and forgets to give
// it back before asking for it again: the second call locks `inv.mu` while it is held.
#include <pthread.h>

struct inventory {
    pthread_mutex_t mu;
    int stock[8];
    long sold;
};

static struct inventory inv = {.mu = PTHREAD_MUTEX_INITIALIZER};

static struct inventory *inv_acquire(void)
{
    pthread_mutex_lock(&inv.mu);
    return &inv;
}

static void inv_release(struct inventory *p)
{
    pthread_mutex_unlock(&p->mu);
}

static int try_sell(int item, int qty)
{
    struct inventory *p = inv_acquire();
    if (p->stock[item] < qty) {
        inv_release(p);
        return 0;
    }
    p->stock[item] -= qty;
    p->sold += qty;
    inv_release(p);
    return qty;
}

static void *shopper(void *arg)
{
    for (int i = 0; i < 100; i++)
        try_sell(i % 8, 1 + (int)(long)arg);
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct inventory *p;

    p = inv_acquire();
    for (int i = 0; i < 8; i++)
        p->stock[i] = 10;

    pthread_create(&t, NULL, shopper, (void *)1L);
    p = inv_acquire(); //~ ERROR double-lock
    long sold = p->sold;
    inv_release(p);
    pthread_join(t, NULL);
    return (int)sold;
}
