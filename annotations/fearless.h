/* fearless.h - zero-cost annotations that tell the fearless analyzer what the code means.
 *
 * Header-only and installable (`install(FILES annotations/fearless.h ...)`); nothing to link.
 * Needs C99 or later (variadic macros, inline), or C++11.
 *
 * Under clang (and so under libclang, which is what fearless parses with) every macro expands to
 * `__attribute__((annotate("fearless:<kind>[:<args>]")))`. annotate is used rather than clang's
 * own thread-safety attributes because libclang exposes the text of an annotate attribute but not
 * the arguments of the others. Arguments are stringified exactly as written (the preprocessor
 * collapses whitespace between tokens into one space, so `FL_REQUIRES(a, b)` gives
 * "fearless:requires:a, b"; consumers split on ',' and trim). They are not macro-expanded.
 * Under every other compiler the macros expand to nothing: the generated code is identical with
 * or without them.
 *
 * Spelling: the FL_-prefixed names always exist. The short names (SEND, SYNC, NOT_SEND,
 * NOT_SYNC, MOVE, SENDS, THREAD_FN, THREAD_ARG, THREAD_HANDLE, JOINS, GUARDED_BY,
 * PT_GUARDED_BY, REQUIRES, ACQUIRE, RELEASE, EXCLUDES) are defined
 * too, each one only if that name is not already a macro (so a project with its own GUARDED_BY
 * keeps it), and none of them if FEARLESS_NO_SHORT_NAMES is defined before this header.
 *
 * Where each one goes (checked with `clang -Xclang -ast-dump`):
 *   struct/union:  after the keyword          struct FL_SYNC stats { ... };
 *                  or after the closing brace struct stats { ... } FL_SYNC;
 *   typedef:       after the declarator       typedef struct conn conn_t FL_NOT_SEND;
 *                  (this annotates the typedef only, not the struct it names)
 *   field:         after the declarator       long hits FL_GUARDED_BY(mu);
 *   parameter:     before the type, or after  void submit(FL_MOVE struct job *j);
 *                  the `*` or the name        void submit(struct job *FL_MOVE j);
 *   function:      after the declarator       void flush(struct stats *s) FL_REQUIRES(s->mu);
 *                  of the prototype (clang also takes it after a definition's declarator)
 *
 * The strings, for tools reading them: "fearless:send", "fearless:sync", "fearless:not_send",
 * "fearless:not_sync", "fearless:move", "fearless:sends", "fearless:thread_fn",
 * "fearless:thread_arg", "fearless:thread_handle", "fearless:joins", and
 * "fearless:<kind>:<args>" with <kind> one of
 * guarded_by, pt_guarded_by, requires, acquire, release, excludes, allow.
 */
#ifndef FEARLESS_ANNOTATIONS_H
#define FEARLESS_ANNOTATIONS_H

/* major * 10000 + minor * 100 + patch of the fearless release this header ships with; the
   annotation strings are part of that release's interface. */
#define FEARLESS_ANNOTATIONS_VERSION 100

#if defined(__clang__)
#define FEARLESS_ANNOTATE_(text) __attribute__((annotate(text)))
#else
#define FEARLESS_ANNOTATE_(text)
#endif

/* ---- what a type may do across threads (Rust's Send and Sync) ---------------------------- */

/* FL_SEND: values of this type may be moved to another thread (handed over, then used only
   there), even if fearless would otherwise infer they may not.
   On a struct/union/typedef:  typedef struct buffer buffer_t FL_SEND; */
#define FL_SEND FEARLESS_ANNOTATE_("fearless:send")

/* FL_SYNC: a pointer to this type may be shared between threads that use it at the same time;
   the type synchronizes its own state.
   On a struct/union/typedef:  struct FL_SYNC counter { _Atomic long n; }; */
#define FL_SYNC FEARLESS_ANNOTATE_("fearless:sync")

/* FL_NOT_SEND: values of this type must stay on the thread that created them (thread-local
   caches, handles owned by one thread, objects holding a locked mutex).
   On a struct/union/typedef:  typedef struct gl_context gl_context_t FL_NOT_SEND; */
#define FL_NOT_SEND FEARLESS_ANNOTATE_("fearless:not_send")

/* FL_NOT_SYNC: threads must not share a pointer to this type without outside locking.
   On a struct/union/typedef:  struct FL_NOT_SYNC parser { char *cursor; }; */
#define FL_NOT_SYNC FEARLESS_ANNOTATE_("fearless:not_sync")

/* ---- ownership --------------------------------------------------------------------------- */

/* FL_MOVE: ownership of the argument passes to the callee; the caller must not use it after the
   call (the callee, or the thread it starts, frees it).
   On a parameter:  void queue_push(struct queue *q, struct job *FL_MOVE job); */
#define FL_MOVE FEARLESS_ANNOTATE_("fearless:move")

/* FL_SENDS: like FL_MOVE, and the value may reach another thread (a channel's send, a work
   queue's push): its type must be Send.
       int chan_send(struct chan *c, FL_SENDS void *msg); */
#define FL_SENDS FEARLESS_ANNOTATE_("fearless:sends")

/* ---- spawn and join wrappers (for prototypes whose body fearless cannot see) ---------------- */

/* FL_THREAD_FN: this parameter is the function a thread started by the callee runs.
   FL_THREAD_ARG: this parameter is the argument that thread receives (borrowed; add FL_MOVE when
   the thread takes ownership of it).
   FL_THREAD_HANDLE: this parameter points to where the callee stores the new thread's handle.
       int pool_spawn(FL_THREAD_HANDLE pthread_t *t, FL_THREAD_FN void *(*fn)(void *),
                      FL_THREAD_ARG void *arg);
   FL_JOINS: the thread whose handle is (or is pointed to by) this parameter is joined.
       void pool_join(FL_JOINS pthread_t t); */
#define FL_THREAD_FN FEARLESS_ANNOTATE_("fearless:thread_fn")
#define FL_THREAD_ARG FEARLESS_ANNOTATE_("fearless:thread_arg")
#define FL_THREAD_HANDLE FEARLESS_ANNOTATE_("fearless:thread_handle")
#define FL_JOINS FEARLESS_ANNOTATE_("fearless:joins")

/* ---- locking ----------------------------------------------------------------------------- */

/* FL_GUARDED_BY(m): this field is read and written only while holding mutex m.
   On a field:  long hits FL_GUARDED_BY(mu); */
#define FL_GUARDED_BY(m) FEARLESS_ANNOTATE_("fearless:guarded_by:" #m)

/* FL_PT_GUARDED_BY(m): the data this pointer field points to is guarded by m (the pointer
   itself is not).
   On a field:  struct entry *table FL_PT_GUARDED_BY(mu); */
#define FL_PT_GUARDED_BY(m) FEARLESS_ANNOTATE_("fearless:pt_guarded_by:" #m)

/* FL_REQUIRES(m...): callers must hold every listed mutex when calling this function.
   On a function:  void stats_bump(struct stats *s) FL_REQUIRES(s->mu); */
#define FL_REQUIRES(...) FEARLESS_ANNOTATE_("fearless:requires:" #__VA_ARGS__)

/* FL_ACQUIRE(m...): the function returns with the listed mutexes locked (it locks them).
   On a function:  void stats_lock(struct stats *s) FL_ACQUIRE(s->mu); */
#define FL_ACQUIRE(...) FEARLESS_ANNOTATE_("fearless:acquire:" #__VA_ARGS__)

/* FL_ACQUIRE_SHARED(m...): the function returns with the listed reader-writer locks held for
   reading.  On a function:  void table_read_lock(struct table *t) FL_ACQUIRE_SHARED(t->rw); */
#define FL_ACQUIRE_SHARED(...) FEARLESS_ANNOTATE_("fearless:acquire_shared:" #__VA_ARGS__)

/* FL_TRY_ACQUIRE(v, m...): the function locks the listed mutexes when it returns v (1: any
   non-zero value; 0: zero), and leaves them unlocked otherwise, as Clang's
   try_acquire_capability.  On a function:  int stats_trylock(struct stats *s) FL_TRY_ACQUIRE(0, s->mu); */
#define FL_TRY_ACQUIRE(...) FEARLESS_ANNOTATE_("fearless:try_acquire:" #__VA_ARGS__)

/* FL_TRY_ACQUIRE_SHARED(v, m...): the same, for the read side of reader-writer locks. */
#define FL_TRY_ACQUIRE_SHARED(...) FEARLESS_ANNOTATE_("fearless:try_acquire_shared:" #__VA_ARGS__)

/* FL_RELEASE(m...): the function is called with the listed mutexes locked and unlocks them.
   On a function:  void stats_unlock(struct stats *s) FL_RELEASE(s->mu); */
#define FL_RELEASE(...) FEARLESS_ANNOTATE_("fearless:release:" #__VA_ARGS__)

/* FL_EXCLUDES(m...): callers must NOT hold the listed mutexes (the function locks them itself).
   On a function:  void stats_add(struct stats *s, long n) FL_EXCLUDES(s->mu); */
#define FL_EXCLUDES(...) FEARLESS_ANNOTATE_("fearless:excludes:" #__VA_ARGS__)

/* ---- suppressing findings --------------------------------------------------------------- */

/* FL_ALLOW(check...): fearless reports none of these checks' findings inside this function,
   whether written on the definition or on a prototype of it; on a global variable, none of
   their findings about it (`hits`, `stats.n`). Give the reason in a comment.
   Before the declaration (accepted by every compiler, since elsewhere than clang it is empty):
       FL_ALLOW(data-race) static void *stats_reader(void *arg) { ... }
       void cache_flush(struct cache *c) FL_ALLOW(lock-leak, double-lock);
       static long lookups FL_ALLOW(data-race);
   For one line, a comment does it: `// NOLINT(data-race)` or
   `// fearless: allow(data-race) -- reason`. */
#define FL_ALLOW(...) FEARLESS_ANNOTATE_("fearless:allow:" #__VA_ARGS__)

/* ---- fl_move: moving a value at a call site ---------------------------------------------- */

/* fl_move(p): returns p unchanged; its FL_MOVE parameter tells fearless that ownership of *p
   leaves the caller here, e.g. handing a heap job to a thread:
       pthread_create(&t, NULL, worker, fl_move(job));
   Inlined away: no call remains in the generated code. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((unused, always_inline))
#endif
static inline void *fl_move(void *FL_MOVE p)
{
    return p;
}

/* ---- short spellings --------------------------------------------------------------------- */

/* The ones with arguments stringify on their own instead of forwarding to the FL_ macro:
   forwarding would macro-expand the arguments before they are stringified. */

#ifndef FEARLESS_NO_SHORT_NAMES
#ifndef SEND
#define SEND FL_SEND
#endif
#ifndef SYNC
#define SYNC FL_SYNC
#endif
#ifndef NOT_SEND
#define NOT_SEND FL_NOT_SEND
#endif
#ifndef NOT_SYNC
#define NOT_SYNC FL_NOT_SYNC
#endif
#ifndef MOVE
#define MOVE FL_MOVE
#endif
#ifndef SENDS
#define SENDS FL_SENDS
#endif
#ifndef THREAD_FN
#define THREAD_FN FL_THREAD_FN
#endif
#ifndef THREAD_ARG
#define THREAD_ARG FL_THREAD_ARG
#endif
#ifndef THREAD_HANDLE
#define THREAD_HANDLE FL_THREAD_HANDLE
#endif
#ifndef JOINS
#define JOINS FL_JOINS
#endif
#ifndef GUARDED_BY
#define GUARDED_BY(m) FEARLESS_ANNOTATE_("fearless:guarded_by:" #m)
#endif
#ifndef PT_GUARDED_BY
#define PT_GUARDED_BY(m) FEARLESS_ANNOTATE_("fearless:pt_guarded_by:" #m)
#endif
#ifndef REQUIRES
#define REQUIRES(...) FEARLESS_ANNOTATE_("fearless:requires:" #__VA_ARGS__)
#endif
#ifndef ACQUIRE
#define ACQUIRE(...) FEARLESS_ANNOTATE_("fearless:acquire:" #__VA_ARGS__)
#endif
#ifndef ACQUIRE_SHARED
#define ACQUIRE_SHARED(...) FEARLESS_ANNOTATE_("fearless:acquire_shared:" #__VA_ARGS__)
#endif
#ifndef TRY_ACQUIRE
#define TRY_ACQUIRE(...) FEARLESS_ANNOTATE_("fearless:try_acquire:" #__VA_ARGS__)
#endif
#ifndef TRY_ACQUIRE_SHARED
#define TRY_ACQUIRE_SHARED(...) FEARLESS_ANNOTATE_("fearless:try_acquire_shared:" #__VA_ARGS__)
#endif
#ifndef RELEASE
#define RELEASE(...) FEARLESS_ANNOTATE_("fearless:release:" #__VA_ARGS__)
#endif
#ifndef EXCLUDES
#define EXCLUDES(...) FEARLESS_ANNOTATE_("fearless:excludes:" #__VA_ARGS__)
#endif
#endif /* FEARLESS_NO_SHORT_NAMES */

#endif /* FEARLESS_ANNOTATIONS_H */
