// Each thread is started through a pointer to its task (`t = &tasks[i]`, handle `t->thread`)
// and joined by index (`tasks[i].thread`): the same handles, all joined before `tasks` dies.
#include <pthread.h>
#include <stdio.h>

#define NTASKS 4

struct task {
    pthread_t thread;
    const char *text;
    unsigned long words;
};

static void *count_words(void *arg)
{
    struct task *t = arg;
    int in_word = 0;
    for (const char *p = t->text; *p; p++) {
        if (*p != ' ' && !in_word)
            t->words++;
        in_word = *p != ' ';
    }
    return NULL;
}

int main(void)
{
    static const char *texts[NTASKS] = {"a b c", "hello world", "one", "x y"};
    struct task tasks[NTASKS] = {{0}};
    for (int i = 0; i < NTASKS; i++) {
        struct task *t = &tasks[i];
        t->text = texts[i];
        if (pthread_create(&t->thread, NULL, count_words, t) != 0)
            return 1;
    }
    for (int i = 0; i < NTASKS; i++)
        pthread_join(tasks[i].thread, NULL);
    unsigned long total = 0;
    for (int i = 0; i < NTASKS; i++)
        total += tasks[i].words;
    printf("%lu\n", total);
    return 0;
}
