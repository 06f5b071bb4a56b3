void stats_lock(void);
void stats_unlock(void);
void stats_bump(void);

void record(int twice)
{
    stats_lock();
    stats_bump();
    if (twice)
        stats_bump();
    stats_unlock();
}

int main(void)
{
    record(1);
    return 0;
}
