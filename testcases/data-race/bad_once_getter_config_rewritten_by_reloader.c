// The configuration is loaded once, through pthread_once, but the reloader then rewrites
// `timeout_ms` through the pointer `get_config` returns, with no lock, while the clients read it:
// the once construct orders only the load.
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

static struct config *get_config(void)
{
    pthread_once(&cfg_once, load_config);
    return g_cfg;
}

static void *client(void *arg)
{
    long *budget = arg;
    struct config *cfg = get_config();
    long total = 0;
    for (int req = 0; req < 1000; req++)
        total += (long)cfg->timeout_ms * cfg->max_retries;
    *budget = total;
    return NULL;
}

static void *reloader(void *arg)
{
    (void)arg;
    struct config *cfg = get_config();
    for (int gen = 0; gen < 100; gen++)
        cfg->timeout_ms = 250 + gen; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t clients[NUM_CLIENTS], rel;
    long budgets[NUM_CLIENTS];

    for (int i = 0; i < NUM_CLIENTS; i++)
        pthread_create(&clients[i], NULL, client, &budgets[i]);
    pthread_create(&rel, NULL, reloader, NULL);

    for (int i = 0; i < NUM_CLIENTS; i++)
        pthread_join(clients[i], NULL);
    pthread_join(rel, NULL);

    for (int i = 0; i < NUM_CLIENTS; i++)
        printf("client %d budget %ld ms\n", i, budgets[i]);
    printf("endpoint %s timeout %d\n", g_cfg->endpoint, g_cfg->timeout_ms);
    free(g_cfg);
    return 0;
}
