/* ovs_neutral.h - Open vSwitch's thread-safety annotations made to expand to nothing, for
 * bench/suggest_ovs.py: passed with -include, it includes OVS's compiler.h first (whose include
 * guard then keeps it from being read again) and redefines every annotation macro as empty, so
 * that fearless --suggest sees the code as it would be without the developers' annotations. The
 * sources are not changed. */
#include "openvswitch/compiler.h"

#undef OVS_LOCKABLE
#undef OVS_REQ_RDLOCK
#undef OVS_ACQ_RDLOCK
#undef OVS_REQ_WRLOCK
#undef OVS_ACQ_WRLOCK
#undef OVS_REQUIRES
#undef OVS_ACQUIRES
#undef OVS_TRY_WRLOCK
#undef OVS_TRY_RDLOCK
#undef OVS_TRY_LOCK
#undef OVS_GUARDED
#undef OVS_GUARDED_BY
#undef OVS_RELEASES
#undef OVS_EXCLUDED
#undef OVS_ACQ_BEFORE
#undef OVS_ACQ_AFTER
#undef OVS_NO_THREAD_SAFETY_ANALYSIS
#define OVS_LOCKABLE
#define OVS_REQ_RDLOCK(...)
#define OVS_ACQ_RDLOCK(...)
#define OVS_REQ_WRLOCK(...)
#define OVS_ACQ_WRLOCK(...)
#define OVS_REQUIRES(...)
#define OVS_ACQUIRES(...)
#define OVS_TRY_WRLOCK(...)
#define OVS_TRY_RDLOCK(...)
#define OVS_TRY_LOCK(...)
#define OVS_GUARDED
#define OVS_GUARDED_BY(...)
#define OVS_EXCLUDED(...)
#define OVS_RELEASES(...)
#define OVS_ACQ_BEFORE(...)
#define OVS_ACQ_AFTER(...)
#define OVS_NO_THREAD_SAFETY_ANALYSIS
