// A table of command handlers, filled by the table's initializer, is dispatched with the table
// lock held; the "stats" handler counts the enabled commands through a function that takes the
// same lock.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct command {
    const char *name;
    int (*run)(const char *arg);
    int enabled;
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static int cmd_echo(const char *arg);
static int cmd_stats(const char *arg);

static struct command commands[] = {
    {"echo", cmd_echo, 1},
    {"stats", cmd_stats, 1},
};

static int enabled_commands(void)
{
    int n = 0;
    pthread_mutex_lock(&table_lock);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        n += commands[i].enabled;
    pthread_mutex_unlock(&table_lock);
    return n;
}

static int cmd_echo(const char *arg)
{
    return printf("%s\n", arg) < 0;
}

static int cmd_stats(const char *arg)
{
    (void)arg;
    return printf("%d commands\n", enabled_commands()) < 0;
}

static int dispatch(const char *name, const char *arg)
{
    int rc = -1;
    pthread_mutex_lock(&table_lock);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (commands[i].enabled && strcmp(commands[i].name, name) == 0) {
            rc = commands[i].run(arg); //~ ERROR double-lock
            break;
        }
    pthread_mutex_unlock(&table_lock);
    return rc;
}

static void *client(void *arg)
{
    dispatch("stats", arg);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, client, "x");
    dispatch("echo", "hello");
    pthread_join(t, NULL);
    return 0;
}
