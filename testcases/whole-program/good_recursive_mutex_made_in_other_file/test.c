#include <pthread.h>

int my_mutex_init_recursive(pthread_mutex_t *m);
void my_mutex_lock(pthread_mutex_t *m);
void my_mutex_unlock(pthread_mutex_t *m);

int main(void)
{
    pthread_mutex_t mutex;
    if (my_mutex_init_recursive(&mutex))
        return 1;
    my_mutex_lock(&mutex);
    my_mutex_lock(&mutex); /* a recursive mutex: taken twice on purpose */
    my_mutex_unlock(&mutex);
    my_mutex_unlock(&mutex);
    return 0;
}
