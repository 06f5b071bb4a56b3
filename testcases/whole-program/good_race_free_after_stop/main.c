#include <stdio.h>

void pool_start(void);
void pool_stop(void);

long processed;

int main(void)
{
    processed = 0; /* before the threads start */
    pool_start();
    pool_stop();
    printf("%ld\n", processed); /* after they are joined */
    return 0;
}
