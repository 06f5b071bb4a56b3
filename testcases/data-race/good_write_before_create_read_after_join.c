// Main writes before the thread starts and reads after it is joined: both ordered.
#include <pthread.h>
#include <stdio.h>

static int input, output;

static void *square(void *arg)
{
    (void)arg;
    output = input * input;
    return NULL;
}

int main(void)
{
    pthread_t t;
    input = 12;
    pthread_create(&t, NULL, square, NULL);
    pthread_join(t, NULL);
    printf("%d\n", output);
    input = 0;
    return 0;
}
