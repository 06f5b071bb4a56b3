// The demultiplexer starts when both `use_sideband` and `cmds_sent` are set, and is joined
// under tests of the same two. `cmds_sent` is set in a loop that first tests it, but no write
// of it can follow the tests that decide the spawn and the joins.
#include <pthread.h>
#include <stdlib.h>

struct demux { pthread_t th; int fd; int out; };

static void *demux_run(void *arg)
{
    struct demux *d = arg;
    d->out = d->fd + 1;
    return NULL;
}

int send_pack(int fd, int nrefs, int caps, int need_pack)
{
    struct demux demux;
    int use_sideband = 0;
    unsigned cmds_sent = 0;
    if (caps & 1)
        use_sideband = 1;
    for (int i = 0; i < nrefs; i++)
        if (!cmds_sent)
            cmds_sent = 1;
    if (use_sideband && cmds_sent) {
        demux.fd = fd;
        if (pthread_create(&demux.th, NULL, demux_run, &demux))
            exit(128);
    }
    if (need_pack && cmds_sent && fd < 0) {
        if (use_sideband)
            pthread_join(demux.th, NULL);
        return -1;
    }
    if (use_sideband && cmds_sent)
        pthread_join(demux.th, NULL);
    return 0;
}
