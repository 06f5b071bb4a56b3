extern long hits;
void stats_lock(void);
void stats_unlock(void);

void *worker(void *arg)
{
    (void)arg;
    stats_lock();
    hits++;
    stats_unlock();
    return 0;
}
