// A process-shared mutex locked before fork: the child unlocks it, then the parent locks it
// again (glibc's tst-cond4 shape). After fork the lock may have changed hands.
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

struct shared {
    pthread_mutex_t mu;
    int ready;
};

int run(struct shared *sh)
{
    if (pthread_mutex_lock(&sh->mu) != 0)
        return 1;
    pid_t pid = fork();
    if (pid == -1)
        return 1;
    if (pid == 0) {
        sh->ready = 1;
        pthread_mutex_unlock(&sh->mu);
        _exit(0);
    }
    if (pthread_mutex_lock(&sh->mu) != 0)
        return 1;
    pthread_mutex_unlock(&sh->mu);
    waitpid(pid, NULL, 0);
    return 0;
}
