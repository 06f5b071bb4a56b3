void stats_lock(void);
void stats_unlock(void);
void stats_bump(void);

void record(int twice)
{
    stats_lock();
    stats_bump();
    if (twice)
        stats_lock(); //~ ERROR double-lock
    stats_unlock();
}

void reset(void)
{
    stats_lock();
    stats_unlock();
    stats_unlock(); //~ ERROR unlock-unheld
}

int main(void)
{
    record(0);
    reset();
    return 0;
}
