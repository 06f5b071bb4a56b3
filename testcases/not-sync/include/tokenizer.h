/* tokenizer.h - a tokenizer keeps its cursor in itself: one thread at a time. */
#ifndef TOKENIZER_H
#define TOKENIZER_H
#include "../../../annotations/fearless.h"

struct NOT_SYNC tokenizer {
    const char *cursor;
    int line;
};

int tok_next(struct tokenizer *t);
#endif
