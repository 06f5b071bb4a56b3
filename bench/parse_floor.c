/* parse_floor.c - the floor of a run: libclang parsing every unit of a compilation database, in
 * one process, one unit after another, with fearless's own parse options, and nothing else.
 *
 *   parse_floor <db-dir> [<file>...]
 *
 * Prints `floor: units=N failed=F seconds=S` (wall time of the parses). With files, only their
 * units (as `fearless -p <db-dir> <file>...` would parse them). bench/run.sh divides fearless's
 * times by this one. */
#include <stdio.h>

#include "base/clock.h"
#include "base/srcmap.h"
#include "diag/sink.h"
#include "frontend/cdb.h"
#include "frontend/parse.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: parse_floor <db-dir> [<file>...]\n");
        return 2;
    }
    fl_srcmap *sm = fl_srcmap_new();
    diag_sink *sink = diag_sink_new(sm);
    fe_joblist jobs = {0};
    if (fe_jobs_from_cdb(argv[1], argv + 2, (uint32_t)(argc - 2), NULL, 0, NULL, 0, &jobs, sink) != 0 && !jobs.n) {
        fprintf(stderr, "parse_floor: cannot read the compilation database in %s\n", argv[1]);
        return 2;
    }
    fe_index *ix = fe_index_new();
    unsigned failed = 0;
    double t0 = fl_now();
    for (uint32_t i = 0; i < jobs.n; i++)
        failed += !fe_parse_only(ix, &jobs.jobs[i]);
    double t = fl_now() - t0;
    printf("floor: units=%u failed=%u seconds=%.4f\n", jobs.n, failed, t);
    fe_index_free(ix);
    fe_joblist_free(&jobs);
    diag_sink_free(sink);
    fl_srcmap_free(sm);
    return 0;
}
