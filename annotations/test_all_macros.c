/* test_all_macros.c - every fearless.h macro, in both spellings and in every position it is
 * meant for (struct, union, typedef, field, parameter, function declaration and definition), in
 * a small program that really runs threads.
 *
 * It must compile warning-free as strict C11 and as gnu99 with gcc and clang, link with
 * -pthread and exit 0 (annotations/CMakeLists.txt). Under clang, check_ast_dump.py also checks
 * that each `//@ <DeclKind> <name> <annotation>` line below names an annotate attribute that
 * really lands on that declaration, and that no other fearless annotation exists.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fearless.h"

#if !defined(FEARLESS_ANNOTATIONS_VERSION) || FEARLESS_ANNOTATIONS_VERSION < 100
#error "fearless.h must define FEARLESS_ANNOTATIONS_VERSION"
#endif

#define NWORKERS 4
#define NBUCKETS 8

/* Shared by all workers; every counter is behind the mutex. */
struct FL_SYNC stats {                     //@ RecordDecl stats fearless:sync
    pthread_mutex_t mu;
    long done FL_GUARDED_BY(mu);           //@ FieldDecl done fearless:guarded_by:mu
    long total_cost GUARDED_BY(mu);        //@ FieldDecl total_cost fearless:guarded_by:mu
    long *by_bucket FL_PT_GUARDED_BY(mu);  //@ FieldDecl by_bucket fearless:pt_guarded_by:mu
    long *by_worker PT_GUARDED_BY(mu);     //@ FieldDecl by_worker fearless:pt_guarded_by:mu
};

/* Read-only after startup, so any number of threads may read it. */
struct config {
    int buckets;
    int verbose;
} SYNC;                                    //@ RecordDecl config fearless:sync

/* One unit of work, owned by exactly one thread at a time. */
struct job {
    int worker;
    long cost;
    struct stats *stats;
} FL_SEND;                                 //@ RecordDecl job fearless:send
typedef struct job job_t SEND;             //@ TypedefDecl job_t fearless:send

/* Per-thread scratch state: never leaves the thread that made it. */
struct FL_NOT_SEND scratch {               //@ RecordDecl scratch fearless:not_send
    char line[64];
    int used;
};
typedef struct scratch scratch_t NOT_SEND; //@ TypedefDecl scratch_t fearless:not_send

/* An unsynchronized tally: fine inside one thread, not to be shared. */
union NOT_SYNC tally {                     //@ RecordDecl tally fearless:not_sync
    long as_long;
    unsigned char bytes[sizeof(long)];
};
typedef union tally tally_t FL_NOT_SYNC;   //@ TypedefDecl tally_t fearless:not_sync

static void stats_lock(struct stats *s) FL_ACQUIRE(s->mu);     //@ FunctionDecl stats_lock fearless:acquire:s->mu
static void stats_unlock(struct stats *s) FL_RELEASE(s->mu);   //@ FunctionDecl stats_unlock fearless:release:s->mu
static void stats_record(struct stats *s, int worker, long cost) FL_REQUIRES(s->mu); //@ FunctionDecl stats_record fearless:requires:s->mu
static void stats_add(struct stats *s, int worker, long cost) FL_EXCLUDES(s->mu);    //@ FunctionDecl stats_add fearless:excludes:s->mu
static void stats_merge(struct stats *into, struct stats *from) REQUIRES(into->mu, from->mu); //@ FunctionDecl stats_merge fearless:requires:into->mu, from->mu
static void stats_lock_both(struct stats *a, struct stats *b) ACQUIRE(a->mu, b->mu);          //@ FunctionDecl stats_lock_both fearless:acquire:a->mu, b->mu
static void stats_unlock_both(struct stats *a, struct stats *b) RELEASE(a->mu, b->mu);        //@ FunctionDecl stats_unlock_both fearless:release:a->mu, b->mu
static long stats_done(struct stats *s) EXCLUDES(s->mu);       //@ FunctionDecl stats_done fearless:excludes:s->mu
int stats_trylock(struct stats *s) FL_TRY_ACQUIRE(0, s->mu); //@ FunctionDecl stats_trylock fearless:try_acquire:0, s->mu
int stats_trylock2(struct stats *s) TRY_ACQUIRE(1, s->mu);   //@ FunctionDecl stats_trylock2 fearless:try_acquire:1, s->mu
void table_rdlock(struct stats *s) FL_ACQUIRE_SHARED(s->mu); //@ FunctionDecl table_rdlock fearless:acquire_shared:s->mu
void table_rdlock2(struct stats *s) ACQUIRE_SHARED(s->mu);   //@ FunctionDecl table_rdlock2 fearless:acquire_shared:s->mu
int table_tryrdlock(struct stats *s) FL_TRY_ACQUIRE_SHARED(0, s->mu); //@ FunctionDecl table_tryrdlock fearless:try_acquire_shared:0, s->mu
int table_tryrdlock2(struct stats *s) TRY_ACQUIRE_SHARED(0, s->mu);   //@ FunctionDecl table_tryrdlock2 fearless:try_acquire_shared:0, s->mu
static void job_run(FL_MOVE job_t *job);                       //@ ParmVarDecl job fearless:move
static void job_free(struct job *MOVE job);                    //@ ParmVarDecl job fearless:move
static long peeks FL_ALLOW(data-race);                          //@ VarDecl peeks fearless:allow:data-race
static long stats_peek(const struct stats *s) FL_ALLOW(data-race, unguarded-access); //@ FunctionDecl stats_peek fearless:allow:data-race, unguarded-access

static void stats_lock(struct stats *s)
{
    pthread_mutex_lock(&s->mu);
}

static void stats_unlock(struct stats *s)
{
    pthread_mutex_unlock(&s->mu);
}

static void stats_record(struct stats *s, int worker, long cost)
{
    s->done++;
    s->total_cost += cost;
    s->by_bucket[cost % NBUCKETS]++;
    s->by_worker[worker]++;
}

static void stats_add(struct stats *s, int worker, long cost)
{
    stats_lock(s);
    stats_record(s, worker, cost);
    stats_unlock(s);
}

static void stats_lock_both(struct stats *a, struct stats *b)
{
    pthread_mutex_lock(&a->mu);
    pthread_mutex_lock(&b->mu);
}

static void stats_unlock_both(struct stats *a, struct stats *b)
{
    pthread_mutex_unlock(&b->mu);
    pthread_mutex_unlock(&a->mu);
}

static void stats_merge(struct stats *into, struct stats *from)
{
    into->done += from->done;
    into->total_cost += from->total_cost;
    for (int i = 0; i < NBUCKETS; i++)
        into->by_bucket[i] += from->by_bucket[i];
    for (int i = 0; i < NWORKERS; i++)
        into->by_worker[i] += from->by_worker[i];
}

/* Under clang an annotation may also follow the declarator of a definition. */
static long stats_done(struct stats *s) EXCLUDES(s->mu)   //@ FunctionDecl stats_done fearless:excludes:s->mu
{
    stats_lock(s);
    long n = s->done;
    stats_unlock(s);
    return n;
}

static void job_free(struct job *MOVE job)                //@ ParmVarDecl job fearless:move
{
    free(job);
}

static void job_run(FL_MOVE job_t *job)                   //@ ParmVarDecl job fearless:move
{
    scratch_t scratch;
    tally_t tally;
    scratch.used = snprintf(scratch.line, sizeof scratch.line, "worker %d: cost %ld", job->worker, job->cost);
    tally.as_long = job->cost;
    if (scratch.used <= 0 || tally.bytes[0] == 0xff)
        fputs("unexpected formatting\n", stderr);
    stats_add(job->stats, job->worker, job->cost);
    job_free(job);
}

static void *worker_main(void *FL_MOVE arg)               //@ ParmVarDecl arg fearless:move
{
    job_run(arg);
    return NULL;
}

/* FL_ALLOW before a definition: accepted by every compiler (elsewhere than clang it is empty). */
FL_ALLOW(data-race) static long stats_peek(const struct stats *s) //@ FunctionDecl stats_peek fearless:allow:data-race
{
    peeks++;
    return s->done; /* a racy read for progress output, by design */
}

static void stats_init(struct stats *s, long *buckets, long *workers)
{
    memset(s, 0, sizeof *s);
    pthread_mutex_init(&s->mu, NULL);
    s->by_bucket = buckets;
    s->by_worker = workers;
}

int main(void)
{
    static const struct config cfg = {NBUCKETS, 0};
    long buckets[NBUCKETS] = {0}, workers[NWORKERS] = {0};
    long buckets2[NBUCKETS] = {0}, workers2[NWORKERS] = {0};
    struct stats live, total;
    pthread_t threads[NWORKERS];

    stats_init(&live, buckets, workers);
    stats_init(&total, buckets2, workers2);
    for (int i = 0; i < NWORKERS; i++) {
        job_t *job = malloc(sizeof *job);
        if (!job)
            return 1;
        job->worker = i;
        job->cost = 10 * (i + 1);
        job->stats = &live;
        /* fl_move's own parameter, declared in fearless.h: */
        //@ ParmVarDecl p fearless:move
        if (pthread_create(&threads[i], NULL, worker_main, fl_move(job)) != 0)
            return 1;
    }
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(threads[i], NULL);

    stats_lock_both(&total, &live);
    stats_merge(&total, &live);
    stats_unlock_both(&total, &live);

    long expect_cost = 10 + 20 + 30 + 40;
    int ok = stats_done(&total) == NWORKERS && total.total_cost == expect_cost && cfg.buckets == NBUCKETS;
    for (int i = 0; i < NWORKERS; i++)
        ok = ok && workers2[i] == 1;
    printf("%s: %ld jobs (%ld live), cost %ld\n", ok ? "ok" : "FAILED", stats_done(&total), stats_peek(&live),
           total.total_cost);
    pthread_mutex_destroy(&live.mu);
    pthread_mutex_destroy(&total.mu);
    return ok ? 0 : 1;
}
