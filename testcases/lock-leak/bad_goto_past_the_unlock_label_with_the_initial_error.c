// The registry full: the code jumps to `out_free`, past `out_unlock`, with the lock held. `rc`
// still has its first value (-1), the error every early exit returns, so no caller can take the
// return as "you hold the lock now".
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct registry {
    pthread_mutex_t lock;
    char *names[2];
    int n;
};

static struct registry reg = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int registry_add(struct registry *r, const char *name)
{
    int rc = -1;
    char *copy = strdup(name);
    if (!copy)
        goto out;
    if (copy[0] == '\0')
        goto out_free;
    pthread_mutex_lock(&r->lock);
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->names[i], copy) == 0)
            goto out_unlock;
    if (r->n == 2)
        goto out_free; //~ ERROR lock-leak
    r->names[r->n++] = copy;
    copy = NULL;
    rc = 0;
out_unlock:
    pthread_mutex_unlock(&r->lock);
out_free:
    free(copy);
out:
    return rc;
}

static void *client(void *arg)
{
    return (void *)(long)registry_add(&reg, arg);
}

int main(void)
{
    pthread_t t[3];
    static char *names[] = {"web", "db", "cache"};
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, client, names[i]);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
