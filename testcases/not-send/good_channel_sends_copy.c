// The fix for bad_channel_send: send the frame number and a copy of the pixels, not the
// sender's GL context; the receiver uses its own context.
#include <stdlib.h>
#include <string.h>

#include "include/chan.h"
#include "include/gl.h"

struct frame_msg {
    int frame;
    unsigned char pixels[64];
};

int publish_frame(struct chan *out, int frame, const unsigned char *pixels)
{
    struct frame_msg *m = malloc(sizeof *m);
    if (!m)
        return -1;
    m->frame = frame;
    memcpy(m->pixels, pixels, sizeof m->pixels);
    return chan_send(out, m);
}
