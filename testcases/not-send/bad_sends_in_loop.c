// Sending every element of an array of requests: each send is checked; one report per call site.
#include <stddef.h>

#include "include/chan.h"

#include "../../annotations/fearless.h"

struct NOT_SEND curl_handle {
    int sock;
};

struct request {
    const char *url;
    struct curl_handle *easy;
};

int fan_out(struct chan *workers, struct request **reqs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (chan_send(workers, reqs[i]) != 0) //~ ERROR not-send
            return -1;
    return 0;
}
