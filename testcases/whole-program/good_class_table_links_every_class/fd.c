#include "classes.h"

static void fd_connect(void)
{
}

const struct stream_class fd_class = {fd_connect};
