// Two tables of the same listener type: `alarms` fires with `alarm_lock` held, `timers` without
// it. The listener that takes `alarm_lock` is registered in `timers` only, so no thread locks
// `alarm_lock` twice.
#include <pthread.h>
#include <stdio.h>

struct listener {
    void (*fn)(void *);
    void *arg;
};

static struct listener alarms[4], timers[4];
static int nalarms, ntimers;
static pthread_mutex_t alarm_lock = PTHREAD_MUTEX_INITIALIZER;
static int raised;

static void on_alarm(void *arg)
{
    (void)arg;
    raised++;
}

static void on_timer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&alarm_lock);
    for (int i = 0; i < nalarms; i++)
        alarms[i].fn(alarms[i].arg);
    pthread_mutex_unlock(&alarm_lock);
}

static void *run_timers(void *arg)
{
    (void)arg;
    for (int i = 0; i < ntimers; i++)
        timers[i].fn(timers[i].arg);
    return NULL;
}

int main(void)
{
    pthread_t t;
    alarms[nalarms].fn = on_alarm;
    alarms[nalarms++].arg = NULL;
    timers[ntimers].fn = on_timer;
    timers[ntimers++].arg = NULL;
    pthread_create(&t, NULL, run_timers, NULL);
    pthread_join(t, NULL);
    printf("%d\n", raised);
    return 0;
}
