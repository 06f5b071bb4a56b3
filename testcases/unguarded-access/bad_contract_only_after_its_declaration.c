// A static function is declared first without its contract and defined later with it. As for
// Clang's -Wthread-safety, a call sees only the declarations before it: the call in `early`
// has no contract to break, the one in `late` requires `stats_lock` (OVS's netdev-dummy.c and
// ofproto-dpif-sflow.c are written this way and build clean under Clang's analysis).
#include <pthread.h>

struct __attribute__((capability("mutex"))) lock { pthread_mutex_t m; };
static struct lock stats_lock;
static long hits __attribute__((guarded_by(stats_lock)));

static void count_hit(void);

void early(void)
{
    count_hit();
}

static void count_hit(void) __attribute__((requires_capability(stats_lock)));

static void count_hit(void)
{
    hits++;
}

void late(void)
{
    count_hit(); //~ ERROR unguarded-access
}
