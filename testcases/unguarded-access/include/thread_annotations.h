/* thread_annotations.h - Clang's thread-safety attributes spelled the way projects do
 * (Open vSwitch's compiler.h, Abseil's thread_annotations.h): fearless reads these from the
 * source text, so code annotated for -Wthread-safety is checked unchanged. */
#ifndef THREAD_ANNOTATIONS_H
#define THREAD_ANNOTATIONS_H

#if defined(__clang__)
#define THREAD_ANNOTATION_ATTRIBUTE__(x) __attribute__((x))
#else
#define THREAD_ANNOTATION_ATTRIBUTE__(x)
#endif

/* Abseil style: through one more macro */
#define TS_GUARDED_BY(x) THREAD_ANNOTATION_ATTRIBUTE__(guarded_by(x))
#define TS_PT_GUARDED_BY(x) THREAD_ANNOTATION_ATTRIBUTE__(pt_guarded_by(x))
#define TS_REQUIRES(...) THREAD_ANNOTATION_ATTRIBUTE__(requires_capability(__VA_ARGS__))
#define TS_REQUIRES_SHARED(...) THREAD_ANNOTATION_ATTRIBUTE__(requires_shared_capability(__VA_ARGS__))
#define TS_ACQUIRE(...) THREAD_ANNOTATION_ATTRIBUTE__(acquire_capability(__VA_ARGS__))
#define TS_RELEASE(...) THREAD_ANNOTATION_ATTRIBUTE__(release_capability(__VA_ARGS__))
#define TS_EXCLUDES(...) THREAD_ANNOTATION_ATTRIBUTE__(locks_excluded(__VA_ARGS__))

/* Open vSwitch style: legacy attribute names, directly in the macro */
#if defined(__clang__)
#define OVS_GUARDED_BY(...) __attribute__((guarded_by(__VA_ARGS__)))
#define OVS_REQUIRES(...) \
    __attribute__((exclusive_locks_required(__VA_ARGS__)))
#define OVS_REQ_RDLOCK(...) __attribute__((shared_locks_required(__VA_ARGS__)))
#define OVS_ACQUIRES(...) \
    __attribute__((exclusive_lock_function(__VA_ARGS__)))
#define OVS_RELEASES(...) __attribute__((unlock_function(__VA_ARGS__)))
#define OVS_EXCLUDED(...) __attribute__((locks_excluded(__VA_ARGS__)))
#define OVS_TRY_LOCK(RETVAL, ...) \
    __attribute__((exclusive_trylock_function(RETVAL, __VA_ARGS__)))
#else
#define OVS_GUARDED_BY(...)
#define OVS_REQUIRES(...)
#define OVS_REQ_RDLOCK(...)
#define OVS_ACQUIRES(...)
#define OVS_RELEASES(...)
#define OVS_EXCLUDED(...)
#define OVS_TRY_LOCK(RETVAL, ...)
#endif

#endif
