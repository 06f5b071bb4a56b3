/* A general module: it leaves serialization to its caller. */
struct append {
    long head;
    long tail;
};

struct append *append_new(void);
void append_write(struct append *ap, long n);
void append_flush(struct append *ap);
