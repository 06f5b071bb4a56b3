/* driver.h - one run of the analyzer: load, analyze, render. */
#ifndef FL_DRIVER_H
#define FL_DRIVER_H

#include "options.h"

/* Run with parsed options; returns the process exit code: 0 clean, 1 findings, 2 input errors. */
int driver_run(const fl_options *o);

#endif
