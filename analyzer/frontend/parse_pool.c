/* parse_pool.c - libclang's parses in worker threads, taken in job order (see parse_pool.h). */
#include "parse_pool.h"

#include <clang-c/Index.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "../base/clock.h"
#include "../base/xalloc.h"
#include "fe_unit.h"

typedef struct pool_slot {
    CXTranslationUnit tu;
    enum CXErrorCode ec;
    double seconds;
    bool done;
} pool_slot;

typedef struct pool_worker {
    fe_pool *p;
    pthread_t th;
    CXIndex cx;
    bool started;
} pool_worker;

struct fe_pool {
    fe_index *ix;              /* threads == 0: parses in the caller's thread */
    const fe_job *const *jobs;
    uint32_t n;
    pool_slot *slots;
    pool_worker *workers;
    unsigned nworkers;
    pthread_mutex_t mu;
    pthread_cond_t work;       /* a job may be started, or the pool stops */
    pthread_cond_t done;       /* a parse ended */
    uint32_t next;             /* the next job to start */
    uint32_t taken;            /* jobs taken so far (job `taken` is the next one) */
    uint32_t ahead;            /* at most this many jobs started and not taken */
    uint32_t most_ahead;       /* the most there were (fe_pool_most_ahead) */
    bool stop;
};

static void *worker_main(void *arg)
{
    pool_worker *w = arg;
    fe_pool *p = w->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->next < p->n && p->next >= p->taken + p->ahead)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->stop || p->next >= p->n)
            break;
        uint32_t k = p->next++;
        if (p->next - p->taken > p->most_ahead)
            p->most_ahead = p->next - p->taken;
        pthread_mutex_unlock(&p->mu);
        const fe_job *job = p->jobs[k];
        double t0 = fl_now();
        enum CXErrorCode ec;
        CXTranslationUnit tu = fe_parse_clang(w->cx, job, (const char *const *)job->argv, job->argc, job->contents,
                                              job->contents_len, &ec);
        double t1 = fl_now();
        pthread_mutex_lock(&p->mu);
        p->slots[k] = (pool_slot){tu, ec, t1 - t0, true};
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

fe_pool *fe_pool_new(fe_index *ix, const fe_job *const *jobs, uint32_t n, unsigned threads)
{
    fe_pool *p = fl_xcalloc(1, sizeof *p);
    p->ix = ix;
    p->jobs = jobs;
    p->n = n;
    p->slots = fl_xcalloc(n + 1, sizeof *p->slots);
    if (threads > n)
        threads = n;
    if (threads == 0)
        return p;
    p->ahead = threads + 1;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    p->workers = fl_xcalloc(threads, sizeof *p->workers);
    /* the indices first, in this thread: creating one sets up libclang's process-wide state */
    for (unsigned i = 0; i < threads; i++)
        p->workers[i] = (pool_worker){p, 0, clang_createIndex(0, 0), false};
    p->nworkers = threads;
    /* libclang parses on the calling thread (the driver sets LIBCLANG_NOTHREADS) and recurses as
       deep as the code nests: the workers get the stack the driver's own thread has */
    pthread_attr_t at;
    bool sized = pthread_attr_init(&at) == 0;
    sized = sized && pthread_attr_setstacksize(&at, FE_POOL_STACK) == 0;
    for (unsigned i = 0; i < threads; i++)
        p->workers[i].started =
            pthread_create(&p->workers[i].th, sized ? &at : NULL, worker_main, &p->workers[i]) == 0;
    if (sized)
        pthread_attr_destroy(&at);
    return p;
}

fe_unit *fe_pool_take(fe_pool *p, uint32_t i, fl_srcmap *sm, diag_sink *sink, double *seconds)
{
    const fe_job *job = p->jobs[i];
    bool any_thread = false;
    for (unsigned w = 0; w < p->nworkers; w++)
        any_thread |= p->workers[w].started;
    if (!any_thread) { /* no thread (-j 1, or none could be started): parse it here */
        double t0 = fl_now();
        fe_unit *u = fe_parse(p->ix, job, sm, sink);
        *seconds = fl_now() - t0;
        return u;
    }
    pthread_mutex_lock(&p->mu);
    p->taken = i;
    pthread_cond_broadcast(&p->work);
    while (!p->slots[i].done)
        pthread_cond_wait(&p->done, &p->mu);
    pool_slot s = p->slots[i];
    p->slots[i].tu = NULL;
    p->taken = i + 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    double t0 = fl_now();
    fe_unit *u = fe_parse_finish(s.tu, s.ec, job, sm, sink);
    *seconds = s.seconds + (fl_now() - t0);
    return u;
}

uint32_t fe_pool_most_ahead(fe_pool *p)
{
    if (!p->nworkers)
        return 0;
    pthread_mutex_lock(&p->mu);
    uint32_t m = p->most_ahead;
    pthread_mutex_unlock(&p->mu);
    return m;
}

void fe_pool_free(fe_pool *p)
{
    if (!p)
        return;
    if (p->nworkers) {
        pthread_mutex_lock(&p->mu);
        p->stop = true;
        pthread_cond_broadcast(&p->work);
        pthread_mutex_unlock(&p->mu);
        for (unsigned w = 0; w < p->nworkers; w++)
            if (p->workers[w].started)
                pthread_join(p->workers[w].th, NULL);
        for (uint32_t i = 0; i < p->n; i++)
            if (p->slots[i].tu)
                clang_disposeTranslationUnit(p->slots[i].tu);
        for (unsigned w = 0; w < p->nworkers; w++)
            clang_disposeIndex(p->workers[w].cx);
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->work);
        pthread_cond_destroy(&p->done);
        free(p->workers);
    }
    free(p->slots);
    free(p);
}
