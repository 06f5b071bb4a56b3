/* A generic container: it has no lock of its own, each user serializes its writers with its own. */
struct table {
    int n;
    int last;
};

void table_insert(struct table *t, int v);
void table_remove(struct table *t);
