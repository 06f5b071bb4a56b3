// Listeners are registered in a table and fired with the table's lock held; one listener asks
// how many listeners there are, which takes the same lock: the firing thread waits for itself.
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
    pthread_mutex_lock(&reg_lock);
    for (int i = 0; i < nlisteners; i++)
        listeners[i].fn(listeners[i].arg); //~ ERROR double-lock
    pthread_mutex_unlock(&reg_lock);
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
