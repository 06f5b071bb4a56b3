/* parse_fail.h - why libclang could not parse a job, in words (frontend only).
 *
 * libclang answers a command line it cannot turn into one compile job with a bare error code
 * (CXError_ASTReadError for "not one job", CXError_Failure for "no compiler") and keeps clang's
 * own explanation to itself. The usual causes can be read off the command line, so a failure
 * is reported with the cause found there, and with the command line itself. */
#ifndef FL_PARSE_FAIL_H
#define FL_PARSE_FAIL_H

#include <clang-c/Index.h>

#include "../diag/diag.h"
#include "cdb.h"

/* An input error for job, which libclang refused with ec: "unable to parse 'x.txt': clang does
   not know the file extension '.txt'", with the command line in a note and how to see clang's
   own error in a help. Caller hands it to a sink. */
diag *parse_fail_diag(const fe_job *job, enum CXErrorCode ec);

#endif
