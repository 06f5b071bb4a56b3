// The pointer is set to NULL right after the free, so the later test and free are fine.
#include <stdlib.h>

struct conn {
    char *rbuf;
    int fd;
};

void conn_reset(struct conn *c, int hard)
{
    char *buf = c->rbuf;
    if (hard) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[0] = '\0';
    c->rbuf = buf;
    free(buf);
    buf = NULL;
    free(buf);
}
