/* cond.c - stub, being written */
#include "cond.h"
