// The demultiplexer starts when `use_sideband` and `cmds_sent` are set, but the join also
// needs `verbose`: with `verbose` zero it is skipped and `demux` dies under the thread.
#include <pthread.h>
#include <stdlib.h>

struct demux { pthread_t th; int fd; int out; };

static void *demux_run(void *arg)
{
    struct demux *d = arg;
    d->out = d->fd + 1;
    return NULL;
}

int send_pack(int fd, int nrefs, int caps, int verbose)
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
        if (pthread_create(&demux.th, NULL, demux_run, &demux)) //~ ERROR thread-borrow
            exit(128);
    }
    if (cmds_sent && verbose)
        pthread_join(demux.th, NULL);
    return 0;
}
