/* sumfile.c - a unit's summary as bytes and back (see sumfile.h, docs/summary-format.md). */
#include "sumfile.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/bytes.h"
#include "../base/hash.h"
#include "../base/strmap.h"
#include "../base/vec.h"
#include "../base/xalloc.h"
#include "locks.h"
#include "summary.h"

static const char MAGIC[8] = {'F', 'L', 'S', 'U', 'M', 'M', 'R', 'Y'};

void sf_put_stamp(fl_bw *w, const sf_stamp *st)
{
    fl_bw_u64(w, st->command);
    fl_bw_u(w, st->ninputs);
    for (uint32_t i = 0; i < st->ninputs; i++) {
        fl_bw_s(w, st->inputs[i].path);
        fl_bw_u(w, st->inputs[i].size);
        fl_bw_i(w, st->inputs[i].mtime_s);
        fl_bw_u(w, st->inputs[i].mtime_ns);
    }
    fl_bw_u(w, st->nimports);
    for (uint32_t i = 0; i < st->nimports; i++) {
        fl_bw_s(w, st->imports[i].name);
        fl_bw_u64(w, st->imports[i].hash);
    }
}

static void put_body(fl_bw *w, const us_unit *u, const sf_stamp *st)
{
    sf_put_stamp(w, st);
    fl_bw_s(w, u->file);
    fl_bw_u(w, u->nfns);
    for (uint32_t i = 0; i < u->nfns; i++) {
        const us_fn *f = &u->fns[i];
        fl_bw_s(w, f->name);
        fl_bw_span(w, f->span);
        fl_bw_u(w, f->nparams);
        for (uint32_t k = 0; k < f->nparams; k++) {
            fl_bw_u(w, f->param[k]);
            fl_bw_s(w, f->handle_path ? f->handle_path[k] : NULL);
        }
        fl_bw_u(w, f->handle);
        fl_bw_u(w, (f->joins_any ? 1u : 0u) | (f->starts ? 2u : 0u) | (f->nonplain ? 4u : 0u));
        fl_bw_s(w, f->spawn_api);
        fl_bw_span(w, f->spawn_span);
        fl_bw_u(w, f->nlocks);
        for (uint32_t k = 0; k < f->nlocks; k++) {
            const us_lock *l = &f->locks[k];
            fl_bw_u(w, l->op);
            fl_bw_u(w, (l->success_nonzero ? 1u : 0u) | (l->soft ? 2u : 0u) | (l->tried ? 4u : 0u) |
                           (l->waits ? 8u : 0u));
            fl_bw_i(w, l->param);
            fl_bw_s(w, l->global);
            fl_bw_s(w, l->global_file);
            fl_bw_span(w, l->global_span);
            fl_bw_s(w, l->path);
            fl_bw_span(w, l->site);
        }
        fl_bw_u64(w, f->hash);
    }
}

unsigned char *sf_write(const us_unit *u, const sf_stamp *st, const char *(*path_of)(void *ctx, uint32_t file),
                        void *ctx, size_t *len)
{
    fl_bw w = {0};
    w.path_of = path_of;
    w.ctx = ctx;
    put_body(&w, u, st);
    return fl_bw_finish(&w, MAGIC, SF_VERSION, len);
}

/* ---- reading --------------------------------------------------------------------------------- */

void sf_get_stamp(fl_br *r, sf_stamp *st)
{
    fl_arena *A = r->A;
    st->command = fl_br_u64(r);
    st->ninputs = fl_br_count(r, 4);
    st->inputs = FL_NEW_ARRAY(A, sf_input, st->ninputs + 1);
    for (uint32_t i = 0; i < st->ninputs && !r->bad; i++) {
        st->inputs[i].path = fl_br_s(r);
        st->inputs[i].size = fl_br_u(r);
        st->inputs[i].mtime_s = fl_br_i(r);
        st->inputs[i].mtime_ns = fl_br_small(r, 999999999u, "a modification time is malformed");
        if (!st->inputs[i].path)
            fl_br_fail(r, "an input file has no name");
    }
    st->nimports = fl_br_count(r, 9);
    st->imports = FL_NEW_ARRAY(A, sf_import, st->nimports + 1);
    for (uint32_t i = 0; i < st->nimports && !r->bad; i++) {
        st->imports[i].name = fl_br_s(r);
        st->imports[i].hash = fl_br_u64(r);
        if (!st->imports[i].name)
            fl_br_fail(r, "an import has no name");
    }
}

static void read_body(fl_br *r, us_unit *u, sf_stamp *st)
{
    fl_arena *A = r->A;
    sf_get_stamp(r, st);
    const char *file = fl_br_s(r);
    u->file = file ? file : "";
    uint32_t n = fl_br_count(r, 12);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        const char *name = fl_br_s(r);
        if (!name) {
            fl_br_fail(r, "a function has no name");
            break;
        }
        us_fn *f = us_add_fn(u, name);
        f->span = fl_br_span(r);
        f->nparams = fl_br_count(r, 2);
        f->param = FL_NEW_ARRAY(A, uint16_t, f->nparams + 1);
        f->handle_path = FL_NEW_ARRAY(A, const char *, f->nparams + 1);
        for (uint32_t k = 0; k < f->nparams && !r->bad; k++) {
            f->param[k] = (uint16_t)fl_br_small(r, UINT16_MAX, "a parameter's flags are malformed");
            f->handle_path[k] = fl_br_s(r);
        }
        f->handle = (uint8_t)fl_br_small(r, SUM_HANDLE_HIDDEN, "a handle kind is unknown");
        uint32_t flags = fl_br_small(r, 7, "a function's flags are malformed");
        f->joins_any = flags & 1;
        f->starts = (flags & 2) != 0;
        f->nonplain = (flags & 4) != 0;
        f->spawn_api = fl_br_s(r);
        f->spawn_span = fl_br_span(r);
        f->nlocks = fl_br_count(r, 9);
        f->locks = FL_NEW_ARRAY(A, us_lock, f->nlocks + 1);
        for (uint32_t k = 0; k < f->nlocks && !r->bad; k++) {
            us_lock *l = &f->locks[k];
            l->op = (uint8_t)fl_br_small(r, LOCK_MAYBE, "a lock operation is unknown");
            uint32_t lflags = fl_br_small(r, 15, "a lock's flags are malformed");
            l->success_nonzero = (lflags & 1) != 0;
            l->soft = (lflags & 2) != 0;
            l->tried = (lflags & 4) != 0;
            l->waits = (lflags & 8) != 0;
            int64_t p = fl_br_i(r);
            if (p < -1 || p > UINT16_MAX)
                fl_br_fail(r, "a lock names a parameter no function has");
            l->param = (int32_t)p;
            l->global = fl_br_s(r);
            l->global_file = fl_br_s(r);
            l->global_span = fl_br_span(r);
            const char *path = fl_br_s(r);
            l->path = path ? path : "";
            l->site = fl_br_span(r);
        }
        f->hash = fl_br_u64(r);
    }
}

us_unit *sf_read(const unsigned char *data, size_t len, sf_stamp *st, uint32_t (*intern)(void *ctx, const char *path),
                 void *ctx, char *err, size_t errlen)
{
    memset(st, 0, sizeof *st);
    us_unit *u = us_new(NULL);
    fl_br r;
    if (!fl_br_open(&r, data, len, MAGIC, SF_VERSION, "summary", u->arena, intern, ctx, err, errlen)) {
        us_free(u);
        return NULL;
    }
    read_body(&r, u, st);
    if (!fl_br_close(&r, "summary", err, errlen)) {
        us_free(u);
        memset(st, 0, sizeof *st);
        return NULL;
    }
    us_finish(u);
    return u;
}
