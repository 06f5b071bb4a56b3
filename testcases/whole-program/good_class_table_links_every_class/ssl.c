#include "classes.h"

static int verify_peer;

static void ssl_connect(void)
{
    verify_peer = 0; //~ NOTE data-race
}

void ssl_configure(int verify)
{
    verify_peer = verify;
}

const struct stream_class ssl_class = {ssl_connect};
