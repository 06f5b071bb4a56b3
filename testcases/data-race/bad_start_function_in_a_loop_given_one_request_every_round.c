// One request, made before the loop, is handed to `dispatch` in every round: each thread started
// on it frees it, while the others may still use it.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct request {
    int client;
    size_t len;
    char *body;
};

static void request_free(struct request *req)
{
    free(req->body);
    free(req); //~ ERROR data-race
}

static void *handle(void *arg)
{
    struct request *req = arg;
    req->len = strlen(req->body);
    request_free(req);
    return NULL;
}

static struct request *request_new(int client, const char *body)
{
    struct request *req = malloc(sizeof *req);
    if (req == NULL)
        return NULL;
    req->client = client;
    req->len = 0;
    req->body = strdup(body);
    return req;
}

static int dispatch(struct request *req)
{
    pthread_t t;
    if (pthread_create(&t, NULL, handle, req) != 0) {
        request_free(req);
        return -1;
    }
    pthread_detach(t);
    return 0;
}

int main(void)
{
    const char *bodies[] = {"GET /", "HEAD /", "POST /upload"};
    struct request *req = request_new(0, bodies[0]);
    if (req == NULL)
        return 1;
    for (int i = 0; i < 3; i++)
        dispatch(req); //~ ERROR use-after-move
    pthread_exit(NULL);
}
