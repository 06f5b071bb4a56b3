// The supplier restocks every item through two helpers, the last indexing by its parameter
// (`inv->stock[item]`), and passes a counter wrapped round the table (`i % NITEMS`): it writes
// every element without the lock that the order threads hold.
#include <pthread.h>
#include <stdio.h>

#define NITEMS 8

struct inventory {
    pthread_mutex_t lock;
    int stock[NITEMS];
};

static struct inventory g_inv = {PTHREAD_MUTEX_INITIALIZER, {0}};

static int take_stock(struct inventory *inv, int item)
{
    if (inv->stock[item] < 1)
        return 0;
    inv->stock[item]--;
    return 1;
}

static void add_stock(struct inventory *inv, int item, int qty)
{
    inv->stock[item] += qty; //~ ERROR data-race
}

static void restock(struct inventory *inv, int item, int qty)
{
    add_stock(inv, item, qty);
}

static void *orders(void *arg)
{
    unsigned x = (unsigned)(unsigned long)arg;
    for (int i = 0; i < 1000; i++) {
        x = x * 1664525u + 1013904223u;
        pthread_mutex_lock(&g_inv.lock);
        take_stock(&g_inv, (int)(x >> 8) % NITEMS);
        pthread_mutex_unlock(&g_inv.lock);
    }
    return NULL;
}

static void *supplier(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++)
        restock(&g_inv, i % NITEMS, 2);
    return NULL;
}

int main(void)
{
    pthread_t o[2], s;
    for (unsigned long i = 0; i < 2; i++)
        pthread_create(&o[i], NULL, orders, (void *)i);
    pthread_create(&s, NULL, supplier, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(o[i], NULL);
    pthread_join(s, NULL);
    printf("%d\n", g_inv.stock[0]);
    return 0;
}
