#include <stdio.h>

void pool_start(void);
void pool_stop(void);

long processed;

int main(void)
{
    pool_start();
    processed = 0;
    pool_stop();
    printf("%ld\n", processed);
    return 0;
}
