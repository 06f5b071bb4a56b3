// The last philosopher is given its forks the other way round: it takes the lower-numbered fork
// first, like every other, and the ring is broken.
#include <pthread.h>

#define N 5

static pthread_mutex_t forks[N];

struct philosopher {
    pthread_mutex_t *left, *right;
    long meals;
};

static void *dine(void *arg)
{
    struct philosopher *p = arg;
    for (int k = 0; k < 100; k++) {
        pthread_mutex_lock(p->left);
        pthread_mutex_lock(p->right);
        p->meals++;
        pthread_mutex_unlock(p->right);
        pthread_mutex_unlock(p->left);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    struct philosopher ph[N];
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&forks[i], NULL);
    for (int i = 0; i < N; i++) {
        ph[i].meals = 0;
        if (i == N - 1) {
            ph[i].left = &forks[0];
            ph[i].right = &forks[i];
        } else {
            ph[i].left = &forks[i];
            ph[i].right = &forks[i + 1];
        }
        pthread_create(&t[i], NULL, dine, &ph[i]);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return 0;
}
