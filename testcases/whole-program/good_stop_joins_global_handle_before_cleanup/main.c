/* memcached's shape: stop_threads stops the maintenance thread first (joining its global
   handle in another file), then closes connections through code that thread also runs. */
void start_maintenance(void);
void stop_maintenance(void);
void assoc_delete(void);

static void close_all(void)
{
    assoc_delete();
}

static void stop_threads(void)
{
    stop_maintenance();
    close_all();
}

int main(void)
{
    start_maintenance();
    stop_threads();
    return 0;
}
