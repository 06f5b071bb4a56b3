#include <stdio.h>

int count_fields(char *s);

void *parse_worker(void *arg)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", (const char *)arg);
    return (void *)(long)count_fields(buf);
}
