// The session is freed on the error path, then handed to the logger.
#include <stdio.h>
#include <stdlib.h>

struct session {
    int fd;
    char user[32];
};

void session_log(const struct session *s, const char *event);
int session_auth(struct session *s);

int session_start(int fd)
{
    struct session *s = calloc(1, sizeof *s);
    if (!s)
        return -1;
    s->fd = fd;
    if (session_auth(s) != 0) {
        free(s);
        session_log(s, "authentication failed"); //~ ERROR use-after-move
        return -1;
    }
    session_log(s, "started");
    return 0;
}
