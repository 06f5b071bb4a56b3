/* shared_state.h - the program's state, defined in another file. */
#ifndef SHARED_STATE_H
#define SHARED_STATE_H
#include "tokenizer.h"

extern struct tokenizer g_script;
#endif
