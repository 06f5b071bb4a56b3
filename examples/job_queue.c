/* job_queue.c - hands each request to a detached thread that owns it.
 *
 * Correct: the request lives on the heap, and fl_move() (from fearless.h) states that the
 * thread now owns it; the spawner never touches it again and the thread frees it.
 *
 * fearless: clean
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../annotations/fearless.h"

struct request {
    int client;
    char path[256];
};

static void *handle_request(void *FL_MOVE arg)
{
    struct request *req = arg;
    printf("client %d: GET %s\n", req->client, req->path);
    free(req);
    return NULL;
}

int dispatch(int client, const char *path)
{
    struct request *req = malloc(sizeof *req);
    if (!req)
        return -1;
    req->client = client;
    snprintf(req->path, sizeof req->path, "%s", path);

    pthread_t worker;
    if (pthread_create(&worker, NULL, handle_request, fl_move(req)) != 0) {
        free(req);
        return -1;
    }
    pthread_detach(worker);
    return 0;
}
