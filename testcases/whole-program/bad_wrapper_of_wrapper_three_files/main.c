#include <pthread.h>
#include <stdio.h>

struct worker {
    pthread_t tid;
    int id;
};

int worker_start(struct worker *w, void *(*fn)(void *), void *arg);

static void *greet(void *p)
{
    const char *name = p;
    printf("hello, %s\n", name);
    return NULL;
}

int main(void)
{
    struct worker w = {0};
    char name[16] = "worker";
    worker_start(&w, greet, name); //~ ERROR thread-borrow
    return 0;
}
