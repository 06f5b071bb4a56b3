extern long hits;

void *worker(void *arg)
{
    (void)arg;
    hits++; //~ ERROR data-race
    return 0;
}
