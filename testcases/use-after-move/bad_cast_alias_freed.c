// The thread argument is freed through its void * copy, then read through the typed pointer.
#include <stdio.h>
#include <stdlib.h>

struct request {
    int id;
    int status;
};

void *handle_request(void *arg)
{
    struct request *req = (struct request *)arg;
    req->status = 200;
    free(arg);
    printf("request %d done\n", req->id); //~ ERROR use-after-move
    return NULL;
}
