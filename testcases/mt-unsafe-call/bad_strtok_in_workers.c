// Every worker splits its own copy of a line with strtok, which keeps its position in one static
// pointer for the whole process: two workers splitting at once read each other's position.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void *worker(void *arg)
{
    char line[128];
    snprintf(line, sizeof line, "%s", (const char *)arg);
    for (char *tok = strtok(line, ","); tok; tok = strtok(NULL, ",")) //~ ERROR mt-unsafe-call
        puts(tok);
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, "a,b,c");
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
