// The argument is a local struct that also carries the address of a local buffer:
// one finding for the spawn, naming the struct and noting the buffer.
#include <pthread.h>
#include <string.h>

struct read_request {
    int fd;
    char *buf;
    size_t len;
};

static void *do_read(void *arg)
{
    struct read_request *req = arg;
    memset(req->buf, 0, req->len);
    return NULL;
}

int start_read(int fd)
{
    char buffer[64];
    struct read_request req;
    req.fd = fd;
    req.buf = buffer;
    req.len = sizeof buffer;
    pthread_t reader;
    if (pthread_create(&reader, NULL, do_read, &req) != 0) //~ ERROR thread-borrow
        return -1;
    if (fd < 0)
        return -1;
    pthread_join(reader, NULL);
    return 0;
}
