// A request made by a constructor function is given to a thread that frees it when done; the
// creator still reads it while the thread may run. Each call of `request_new` makes its own
// object, as `malloc` written in place would.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct request {
    int id;
    size_t len;
    char *body;
};

static struct request *request_new(int id, const char *text)
{
    struct request *r = malloc(sizeof *r);
    if (!r)
        return NULL;
    r->id = id;
    r->len = strlen(text);
    r->body = strdup(text);
    if (!r->body) {
        free(r);
        return NULL;
    }
    return r;
}

static void request_free(struct request *r)
{
    free(r->body);
    free(r); //~ ERROR data-race
}

static void *serve(void *arg)
{
    struct request *r = arg;
    printf("serving %d: %.*s\n", r->id, (int)r->len, r->body);
    request_free(r);
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct request *r = request_new(1, "GET /");
    if (!r)
        return 1;
    if (pthread_create(&t, NULL, serve, r) != 0) {
        request_free(r);
        return 1;
    }
    printf("queued request %d\n", r->id);
    pthread_join(t, NULL);
    return 0;
}
