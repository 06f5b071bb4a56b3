// Only the logger thread, started once, touches the non-Sync global.
#include <pthread.h>
#include <stdio.h>

#include "../../annotations/fearless.h"

struct NOT_SYNC line_buffer {
    char text[256];
    int len;
};

static struct line_buffer g_line;

static void *logger(void *arg)
{
    (void)arg;
    g_line.len = snprintf(g_line.text, sizeof g_line.text, "started");
    fputs(g_line.text, stderr);
    return NULL;
}

int main(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, logger, NULL) != 0)
        return 1;
    return pthread_join(t, NULL);
}
