// Two arguments built by initializer lists, each holding the address of `hits`: both threads
// update it.
#include <pthread.h>

struct job {
    const char *name;
    int *hits;
};

static void *count(void *p)
{
    struct job *j = p;
    (*j->hits)++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    int hits = 0;
    pthread_t t1, t2;
    struct job a = {"a", &hits}, b = {"b", &hits};
    pthread_create(&t1, NULL, count, &a);
    pthread_create(&t2, NULL, count, &b);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return hits;
}
