// The same steps, but one entry point forgot to declare (or take) the global mutex.
#include <pthread.h>
#include "include/thread_annotations.h"

extern pthread_mutex_t sm_mutex;
struct port { int state OVS_GUARDED_BY(sm_mutex); };

static void port_role_step(struct port *p) OVS_REQUIRES(sm_mutex);

void port_kick(struct port *p)
{
    p->state = 0; //~ ERROR unguarded-access
    port_role_step(p); //~ ERROR unguarded-access
}
