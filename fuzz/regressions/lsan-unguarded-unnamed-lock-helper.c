#include <pthread.h>
#define A(x) __attribute__((annotate(x)))
struct s { pthread_mutex_t mu; int v A("fearless:guarded_by:") ; int w A("fearless:guarded_by:->->") ; int z A("fearless:pt_guarded_by:*****************"); };
void f1(struct s *s) A("fearless:requires:,,,,");
void f2(struct s *s) A("fearless:acquire:&");
void f3(struct s *s) A("fearless:release:s->");
void f4(struct s *s) A("fearless:excludes:s->mu.x.y.z->q");
void f5(struct s *s) A("fearless:acquire_shared:*s");
void f6(void) A("fearless:allow:");
void f7(void) A("fearless:allow:data-race,");
void f8(void *FL) A("fearless:thread_fn");
int t(struct s *s) { f1(s); f2(s); f3(s); f4(s); f5(s); f6(); f7(); s->v++; s->w++; return s->z; }
void *th(void *a) A("fearless:move") { return a; }
int main(void) { struct s s; pthread_t x; pthread_create(&x, 0, th, &s); t(&s); return 0; }
