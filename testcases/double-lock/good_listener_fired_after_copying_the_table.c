// Listeners are copied out under the table lock and called after it is released: a listener
// may take the lock again.
#include <pthread.h>
#include <stdio.h>

struct listener {
    void (*fn)(void *);
    void *arg;
};

static struct listener listeners[8];
static int nlisteners;
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static int ticks;

void add_listener(void (*fn)(void *), void *arg)
{
    pthread_mutex_lock(&reg_lock);
    listeners[nlisteners].fn = fn;
    listeners[nlisteners].arg = arg;
    nlisteners++;
    pthread_mutex_unlock(&reg_lock);
}

static int listener_count(void)
{
    pthread_mutex_lock(&reg_lock);
    int n = nlisteners;
    pthread_mutex_unlock(&reg_lock);
    return n;
}

static void fire(void)
{
    struct listener copy[8];
    pthread_mutex_lock(&reg_lock);
    int n = nlisteners;
    for (int i = 0; i < n; i++)
        copy[i] = listeners[i];
    pthread_mutex_unlock(&reg_lock);
    for (int i = 0; i < n; i++)
        copy[i].fn(copy[i].arg);
}

static void on_tick(void *arg)
{
    (void)arg;
    if (listener_count() > 1)
        ticks++;
}

static void *run(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3; i++)
        fire();
    return NULL;
}

int main(void)
{
    pthread_t t;
    add_listener(on_tick, NULL);
    pthread_create(&t, NULL, run, NULL);
    pthread_join(t, NULL);
    printf("%d\n", ticks);
    return 0;
}
