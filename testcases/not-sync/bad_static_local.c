// A function-static buffer of non-Sync type, in a function both threads call.
#include <pthread.h>
#include <stdio.h>

#include "../../annotations/fearless.h"

struct NOT_SYNC fmt_buf {
    char text[64];
    int len;
};

static const char *format_id(int id)
{
    static struct fmt_buf buf;
    buf.len = snprintf(buf.text, sizeof buf.text, "id-%d", id); //~ ERROR not-sync //~ ERROR data-race //~ ERROR data-race
    return buf.text;
}

static void *announce(void *arg)
{
    puts(format_id(*(int *)arg));
    return NULL;
}

int main(void)
{
    pthread_t t;
    static int id = 1;
    pthread_create(&t, NULL, announce, &id);
    puts(format_id(2));
    pthread_join(t, NULL);
    return 0;
}
