// A compound literal lives until the end of its enclosing block, like a local.
#include <pthread.h>

struct request {
    int id;
    const char *path;
};

static void *serve(void *arg)
{
    const struct request *req = arg;
    return (void *)req->path;
}

void dispatch(int id)
{
    pthread_t t;
    pthread_create(&t, NULL, serve, &(struct request){id, "/index.html"}); //~ ERROR thread-borrow
    pthread_detach(t);
}
