// Two stream classes, each in its own file, listed in a table of main.c by address only.
struct stream_class {
    void (*connect)(void);
};

extern const struct stream_class fd_class;
extern const struct stream_class ssl_class;

void ssl_configure(int verify);
