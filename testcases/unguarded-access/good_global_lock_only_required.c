// A file of state-machine steps that all run with a global mutex held (OVS_REQUIRES) and never
// lock it themselves: the lock is known only by name, and every step declares it.
#include <pthread.h>
#include "include/thread_annotations.h"

extern pthread_mutex_t sm_mutex;
struct port { int state OVS_GUARDED_BY(sm_mutex); int role OVS_GUARDED_BY(sm_mutex); };

static void port_role_step(struct port *p) OVS_REQUIRES(sm_mutex);

static void port_role_step(struct port *p)
{
    p->role = p->state ? 1 : 2;
}

void port_state_step(struct port *p) OVS_REQUIRES(sm_mutex)
{
    p->state++;
    port_role_step(p);
}
