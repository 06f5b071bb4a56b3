void prof_start(void);
void prof_stop(void);
extern int verbose;

int main(int argc, char **argv)
{
    (void)argv;
    prof_start();
    prof_stop();
    verbose = argc > 1; /* the profiling thread has said it is done */
    return 0;
}
