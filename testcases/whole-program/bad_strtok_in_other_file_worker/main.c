#include <pthread.h>

void *parse_worker(void *arg);

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, parse_worker, "k=v;x=y");
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
