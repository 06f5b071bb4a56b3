// A contract whose lock is no parameter of the function and no global (here a parameter name
// that exists nowhere) would check nothing: it is a warning, and the accesses it was meant to
// cover are reported.
// (Clang's own attributes would not compile such a name; fearless's annotations are strings.)
#include <pthread.h>

#define FL_GUARDED_BY(m) __attribute__((annotate("fearless:guarded_by:" #m)))
#define FL_REQUIRES(...) __attribute__((annotate("fearless:requires:" #__VA_ARGS__)))

struct stats { pthread_mutex_t mu; long n FL_GUARDED_BY(mu); };

void stats_reset(struct stats *s) FL_REQUIRES(stat->mu); //~ WARNING unguarded-access

void stats_reset(struct stats *s)
{
    s->n = 0; //~ ERROR unguarded-access
}
