// `get_config` loads the configuration through pthread_once and returns the global pointer to it;
// the clients read it through the pointer they got. The once construct orders the load before
// every client's read, and main frees it only after joining them: no pair of these races, though
// a write outside the once routine (the free) keeps the location from being once-only.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NUM_CLIENTS 3

struct config {
    int timeout_ms;
    int max_retries;
    char endpoint[64];
};

static struct config *g_cfg;
static pthread_once_t cfg_once = PTHREAD_ONCE_INIT;

static void load_config(void)
{
    g_cfg = calloc(1, sizeof *g_cfg);
    if (!g_cfg)
        abort();
    g_cfg->timeout_ms = 250;
    g_cfg->max_retries = 4;
    strcpy(g_cfg->endpoint, "tcp://127.0.0.1:9000");
}

static const struct config *get_config(void)
{
    pthread_once(&cfg_once, load_config);
    return g_cfg;
}

static void *client(void *arg)
{
    long *budget = arg;
    const struct config *cfg = get_config();
    long total = 0;
    for (int req = 0; req < 1000; req++)
        total += (long)cfg->timeout_ms * cfg->max_retries;
    *budget = total;
    return NULL;
}

int main(void)
{
    pthread_t clients[NUM_CLIENTS];
    long budgets[NUM_CLIENTS];

    for (int i = 0; i < NUM_CLIENTS; i++)
        pthread_create(&clients[i], NULL, client, &budgets[i]);
    for (int i = 0; i < NUM_CLIENTS; i++)
        pthread_join(clients[i], NULL);

    for (int i = 0; i < NUM_CLIENTS; i++)
        printf("client %d budget %ld ms\n", i, budgets[i]);
    const struct config *cfg = get_config();
    printf("endpoint %s timeout %d\n", cfg->endpoint, cfg->timeout_ms);
    free(g_cfg);
    return 0;
}
