// C11 threads: producer and consumer take the two queue locks in opposite orders.
#include <threads.h>

static mtx_t in_mu, out_mu;
static int in_n, out_n;

void move_one_in(void)
{
    mtx_lock(&in_mu);
    mtx_lock(&out_mu);
    in_n--;
    out_n++;
    mtx_unlock(&out_mu);
    mtx_unlock(&in_mu);
}

void move_one_back(void)
{
    mtx_lock(&out_mu);
    mtx_lock(&in_mu); //~ ERROR lock-order
    out_n--;
    in_n++;
    mtx_unlock(&in_mu);
    mtx_unlock(&out_mu);
}
