// Each philosopher is given pointers to its left and right forks, neighbours round the table,
// and locks left then right: when all hold their left fork, all wait forever.
#include <pthread.h>

#define N 5

static pthread_mutex_t forks[N];

struct philosopher {
    int id;
    pthread_mutex_t *left, *right;
    long meals;
};

static void *dine(void *arg)
{
    struct philosopher *p = arg;
    for (int k = 0; k < 100; k++) {
        pthread_mutex_lock(p->left);
        pthread_mutex_lock(p->right); //~ ERROR lock-order
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
        ph[i].id = i;
        ph[i].meals = 0;
        ph[i].left = &forks[i];
        ph[i].right = &forks[(i + 1) % N];
        pthread_create(&t[i], NULL, dine, &ph[i]);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return 0;
}
