#include <stdio.h>
#include <stdlib.h>

struct job {
    char *name;
};

void job_destroy(struct job *j);

int main(void)
{
    struct job *j = calloc(1, sizeof *j);
    if (!j)
        return 1;
    job_destroy(j);
    printf("%p\n", (void *)j->name); //~ ERROR use-after-move
    return 0;
}
