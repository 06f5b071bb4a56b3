// The arguments are cleared first (`= {0}`, then memset again for reuse), which leaves their
// pointers NULL; then each gets the address of the shared `errors` counter.
#include <pthread.h>
#include <string.h>

struct req {
    int fd;
    unsigned *errors;
};

static void *serve(void *p)
{
    struct req *r = p;
    if (r->fd < 0)
        ++*r->errors; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    unsigned errors = 0;
    struct req reqs[8] = {0};
    pthread_t t[8];
    memset(reqs, 0, sizeof reqs);
    for (int i = 0; i < 8; i++) {
        reqs[i].fd = i - 4;
        reqs[i].errors = &errors;
        pthread_create(&t[i], NULL, serve, &reqs[i]);
    }
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], NULL);
    return (int)errors;
}
