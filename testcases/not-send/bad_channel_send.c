// chan_send's parameter is FL_SENDS (include/chan.h): the message reaches the receiving thread,
// so its type must be Send. This message carries the sender's GL context.
#include <stdlib.h>

#include "include/chan.h"
#include "include/gl.h"

struct frame_msg {
    int frame;
    gl_context_t *gl;
};

int publish_frame(struct chan *out, int frame)
{
    struct frame_msg *m = malloc(sizeof *m);
    if (!m)
        return -1;
    m->frame = frame;
    m->gl = gl_current();
    return chan_send(out, m); //~ ERROR not-send
}
