// C11 threads: each runner is given a plan kept in a static local of main, whose fields name
// the two global accounts in opposite orders; `transfer` locks `from` then `to`.
#include <threads.h>

struct account {
    mtx_t lock;
    long balance;
};

struct plan {
    struct account *from, *to;
    long amount;
};

static struct account checking, savings;

static void transfer(struct account *from, struct account *to, long amount)
{
    mtx_lock(&from->lock);
    mtx_lock(&to->lock);
    from->balance -= amount;
    to->balance += amount;
    mtx_unlock(&to->lock);
    mtx_unlock(&from->lock);
}

static int runner(void *arg)
{
    const struct plan *p = arg;
    for (int i = 0; i < 10; i++)
        transfer(p->from, p->to, p->amount);
    return 0;
}

int main(void)
{
    static struct plan sweep = {&checking, &savings, 100};
    static struct plan topup = {&savings, &checking, 50};
    thrd_t t1, t2;
    mtx_init(&checking.lock, mtx_plain);
    mtx_init(&savings.lock, mtx_plain);
    thrd_create(&t1, runner, &sweep);
    thrd_create(&t2, runner, &topup); //~ ERROR lock-order
    thrd_join(t1, NULL);
    thrd_join(t2, NULL);
    return 0;
}
