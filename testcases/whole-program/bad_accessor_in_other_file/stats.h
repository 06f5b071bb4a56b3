struct stats {
    long hits, misses;
};
struct stats *stats_get(void);
